import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  ApiError,
  type ApplicationView,
  type ExistingApplicationDetails,
  type FieldError,
  type FactName,
  formatDateZh,
  isProgramId,
  type MaterialView,
  type ProgramResult,
  type UpdateApplicationRequest,
} from '@huiqi/shared';
import { useEffect, useMemo, useState } from 'react';
import { type Field, type FieldValue, type Inputs, inputsFromFacts, readInputs } from '../../../calculator/form';
import { busyProps } from '../../../components/busy';
import { FactField } from '../../../components/fact-field';
import { Notice } from '../../../components/notice';
import { Empty, ErrorState, Loading } from '../../../components/page-state';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { pickFile, type PickSource } from '../../../services/pick-file';
import { askToSubscribe, prefetchTemplates } from '../../../services/subscribe';
import { loadPrograms, type ProgramInfo, windowOpen } from '../../../services/programs';
import { shanghaiYear } from '../../../services/shanghai-time';
import { changedFacts } from '../../../facts/values';
import { draftFields, evaluateDraft, factRows, loadInputs, saveInputs } from '../draft';
import { NeedFirm } from '../gate';
import { MaterialsChecklist } from '../materials/checklist';
import { LibrarySheet } from '../materials/library-sheet';
import { type MaterialsController, useMaterials } from '../materials/use-materials';
import { ResultCard } from '../result';
import '../apply.scss';
import '../materials/checklist.scss';

type Stage = 'facts' | 'materials' | 'review';
const STAGES: { id: Stage; label: string }[] = [
  { id: 'facts', label: '① 核对企业信息' },
  { id: 'materials', label: '② 上传材料' },
  { id: 'review', label: '③ 确认提交' },
];

/** The application a CONFLICT names (details of an existing one), or null. */
const existingApplication = (details: FieldError[] | ExistingApplicationDetails): number | null =>
  Array.isArray(details) ? null : (details as ExistingApplicationDetails).applicationId;

const detailUrl = (id: number): string => `/subpackages/apply/detail/index?id=${id}`;

/** (a) The program to apply for, among those taking applications today; then the draft is made. */
const ChooseProgram = ({
  orgId,
  programId,
  onDraft,
}: {
  orgId: number;
  programId: string | undefined;
  onDraft: (application: ApplicationView) => void;
}) => {
  const year = shanghaiYear();
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; programs: ProgramInfo[] }
  >({ kind: 'loading' });
  const [chosen, setChosen] = useState<string | undefined>(programId);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const answer = await loadPrograms(api, year);
      // Offline, the built-in edition says what exists, not what takes applications: only the API's list counts.
      const open = answer.offline ? [] : answer.programs.filter((p) => windowOpen(p));
      setState({ kind: 'ready', programs: open });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  };
  useEffect(() => void load(), []);

  const start = async (program: ProgramInfo) => {
    setBusy(true);
    setProblem(null);
    try {
      onDraft(
        await api.createApplication({ params: { orgId }, body: { programId: program.programId, claimYear: year } }),
      );
    } catch (error) {
      // Already under way: continue that one rather than start a second.
      const existingId = error instanceof ApiError && error.is('CONFLICT') ? existingApplication(error.details) : null;
      if (existingId !== null) {
        const existing = await api.getApplication({ params: { id: existingId } }).catch(() => null);
        if (existing?.status === 'draft') onDraft(existing);
        else if (existing) void Taro.redirectTo({ url: detailUrl(existing.id) });
        else setProblem(messageOf(error));
      } else setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  if (state.programs.length === 0)
    return (
      <Empty
        title="现在没有可以申报的项目"
        hint="申报时间公布后会显示在首页的项目里；可以先用政策计算器测一测。"
        action={
          <Button className="apply__primary" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            回首页看项目
          </Button>
        }
      />
    );
  const selected = state.programs.find((p) => p.programId === chosen);
  return (
    <View>
      {chosen && !selected ? <Notice text="您选的项目现在不在申报时间内，请从下面选择。" /> : null}
      <Text className="section-title">选择要申报的项目（{year}年度）</Text>
      {(selected ? [selected] : state.programs).map((program) => (
        <View key={program.programId} className="card" data-program={program.programId}>
          <Text className="card-title">
            第{program.measure}条 {program.title}
          </Text>
          {program.applicationWindow ? (
            <Text className="apply__line muted">
              申报时间：{formatDateZh(program.applicationWindow.opens)} 至{' '}
              {formatDateZh(program.applicationWindow.closes)}
            </Text>
          ) : null}
          <Text className="apply__line muted">
            需要 {program.materials.filter((m) => m.required).length} 项必交材料
          </Text>
          <Button className="apply__primary" {...busyProps(busy)} onClick={() => void start(program)}>
            开始申报
          </Button>
        </View>
      ))}
      {selected && state.programs.length > 1 ? (
        <Text className="link tap" onClick={() => setChosen(undefined)}>
          申报其他项目
        </Text>
      ) : null}
      {problem ? <ErrorState message={problem} /> : null}
    </View>
  );
};

/** (b) The draft's facts, from the firm's profile: shown, editable, and checked by the rules. */
const FactsStep = ({
  application,
  onSaved,
  named,
}: {
  application: ApplicationView;
  onSaved: (application: ApplicationView, next: boolean) => void;
  named: ReadonlySet<FactName>;
}) => {
  const [fields, setFields] = useState<Field[] | null>(null);
  const [fieldsError, setFieldsError] = useState<string | null>(null);
  const [inputs, setInputs] = useState<Inputs>(
    () => loadInputs(application.id) ?? inputsFromFacts(application.factsSnapshot),
  );
  const [apiErrors, setApiErrors] = useState<Partial<Record<FactName, string>>>({});
  const [result, setResult] = useState<ProgramResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const loadFields = () => {
    setFieldsError(null);
    draftFields(api, application).then(setFields, (error: unknown) => setFieldsError(messageOf(error)));
  };
  useEffect(loadFields, [application.id]);

  const read = useMemo(() => readInputs(inputs, fields ?? []), [inputs, fields]);
  const factsKey = JSON.stringify(read.facts);
  useEffect(() => {
    if (!fields) return;
    let live = true;
    // A short pause after typing: where the preview is the API's, one request per pause, not per key.
    const timer = setTimeout(() => {
      evaluateDraft(api, application, read.facts).then(
        (r) => live && setResult(r),
        () => live && setResult(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The rules run again when the facts change, not on every keystroke that changes nothing.
  }, [factsKey, fields]);

  const setInput = (name: FactName, value: FieldValue | undefined) => {
    setApiErrors((e) => ({ ...e, [name]: undefined }));
    setInputs((current) => {
      const next = Object.fromEntries(Object.entries(current).filter(([key]) => key !== name)) as Inputs;
      if (value !== undefined) next[name] = value;
      saveInputs(application.id, next);
      return next;
    });
  };

  const fail = (error: unknown) => {
    setProblem(messageOf(error));
    if (error instanceof ApiError && error.is('INVALID_REQUEST')) {
      const byField: Partial<Record<FactName, string>> = {};
      for (const d of error.details) byField[d.field.replace(/^facts\./, '').split('.')[0] as FactName] = d.message;
      setApiErrors(byField);
    }
  };

  const save = async (next: boolean) => {
    if (!fields) return;
    if (Object.keys(read.errors).length > 0) {
      setProblem('有填写不正确的地方，请按提示修改');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const facts = changedFacts(application.factsSnapshot, read.facts, fields, read.errors) as NonNullable<
        UpdateApplicationRequest['facts']
      >;
      const saved =
        Object.keys(facts).length > 0
          ? await api.updateApplication({ params: { id: application.id }, body: { facts } })
          : application;
      saveInputs(application.id, null);
      onSaved(saved, next);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const refresh = async () => {
    const { confirm } = await Taro.showModal({
      title: '重新读取企业档案',
      content: '将用企业档案里的最新信息替换这份申报里的信息，您在这里改过的内容会被覆盖。',
      confirmText: '重新读取',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await api.updateApplication({ params: { id: application.id }, body: { refreshFromOrg: true } });
      saveInputs(application.id, null);
      setInputs(inputsFromFacts(saved.factsSnapshot));
      onSaved(saved, false);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  if (fieldsError) return <ErrorState message={fieldsError} onRetry={loadFields} />;
  if (!fields) return <Loading text="正在读取申报条件…" />;
  return (
    <View>
      <View className="card">
        <Text className="card-title">企业信息</Text>
        <Text className="muted apply__line">
          已从企业档案带入{Object.keys(application.factsSnapshot).length}
          项信息。这里的修改只用于这份申报，不会改动企业档案。
        </Text>
        {fields.map((field) => (
          <View key={field.name} data-fact={field.name}>
            <FactField
              field={field}
              value={inputs[field.name]}
              error={
                read.errors[field.name] ??
                apiErrors[field.name] ??
                (named.has(field.name) ? '提交时这一项没有通过，请核对' : undefined)
              }
              onChange={(value) => setInput(field.name, value)}
            />
          </View>
        ))}
        <Button className="apply__secondary" {...busyProps(busy)} onClick={() => void refresh()}>
          重新读取企业档案
        </Button>
      </View>
      <Notice text="下面是小程序按政策规则的试算结果，仅供参考；提交申报时以系统按同一规则审核的结果为准。" />
      {result ? <ResultCard result={result} title={`第${application.measure}条 ${application.programTitle}`} /> : null}
      {problem ? (
        <View className="apply__refusal" role="alert">
          <Text className="apply__refusal-title">✕ {problem}</Text>
        </View>
      ) : null}
      <Button className="apply__primary" {...busyProps(busy)} onClick={() => void save(true)}>
        保存，下一步：上传材料
      </Button>
    </View>
  );
};

/** (c) The materials checklist, with uploads from the phone and files from the firm's library. */
const MaterialsStep = ({
  application,
  controller,
  missing,
}: {
  application: ApplicationView;
  controller: MaterialsController;
  missing: ReadonlySet<string>;
}) => {
  const [library, setLibrary] = useState<MaterialView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pick = async (material: MaterialView, source: PickSource) => {
    setProblem(null);
    try {
      const file = await pickFile(source, material.accepts);
      if (file) await controller.put(material.id, { kind: 'file', file });
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  const { state } = controller;
  if (state.kind === 'loading') return <Loading text="正在读取材料清单…" />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void controller.reload()} />;
  return (
    <View>
      {problem ? <Notice text={problem} /> : null}
      <MaterialsChecklist
        materials={state.materials}
        claimYear={application.claimYear}
        work={controller.work}
        canChange={() => application.status === 'draft'}
        missing={missing}
        onPick={(material, source) => void pick(material, source)}
        onLibrary={setLibrary}
        onRetry={(material) => void controller.retry(material.id)}
      />
      <LibrarySheet
        material={library}
        load={controller.library}
        onClose={() => setLibrary(null)}
        onChoose={(material, file) => {
          setLibrary(null);
          void controller.put(material.id, { kind: 'library', fileId: file.id, name: file.name });
        }}
      />
    </View>
  );
};

type Refusal = { message: string; items: string[] };

/** (d) Everything once more, then submission; a refusal is shown where it applies. */
const ReviewStep = ({
  application,
  controller,
  onRefused,
  refusal,
}: {
  application: ApplicationView;
  controller: MaterialsController;
  onRefused: (error: ApiError) => void;
  refusal: Refusal | null;
}) => {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProgramResult | null>(null);
  useEffect(() => {
    evaluateDraft(api, application, application.factsSnapshot).then(setResult, () => setResult(null));
  }, [application]);
  const materials = controller.state.kind === 'ready' ? controller.state.materials : [];
  const unfilled = materials.filter((m) => m.required && (!m.current || m.current.status === 'rejected'));

  const submit = async () => {
    setBusy(true);
    try {
      // WeChat's subscription prompt first, while the tap still counts as the user's gesture.
      await askToSubscribe(api);
      const submitted = await api.submitApplication({ params: { id: application.id } });
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: detailUrl(submitted.id) });
    } catch (error) {
      if (error instanceof ApiError) onRefused(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      {refusal ? (
        <View className="apply__refusal" role="alert">
          <Text className="apply__refusal-title">✕ {refusal.message}</Text>
          {refusal.items.map((item) => (
            <Text key={item} className="apply__refusal-item">
              · {item}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="card">
        <Text className="card-title">申报信息</Text>
        {factRows(application.factsSnapshot).map((row) => (
          <View key={row.name} className="apply__row">
            <Text className="apply__label">{row.label}</Text>
            <Text className="apply__value">{row.value}</Text>
          </View>
        ))}
        <Text className="section-title">材料</Text>
        <Text className="apply__line">
          已上传 {materials.filter((m) => m.current && m.current.status !== 'rejected').length} 项
          {unfilled.length > 0 ? `；还缺必交材料：${unfilled.map((m) => m.name).join('、')}` : '；必交材料已齐'}
        </Text>
      </View>
      {result ? <ResultCard result={result} title="试算结果（提交时以系统审核为准）" /> : null}
      <Button className="apply__primary" {...busyProps(busy)} onClick={() => void submit()}>
        提交申报
      </Button>
      <Text className="muted apply__line">提交后，信息不能再修改；审核前可以撤回。</Text>
    </View>
  );
};

/** The draft's three steps, over one materials controller (the review reads it too). */
const Wizard = ({ start }: { start: ApplicationView }) => {
  const [application, setApplication] = useState(start);
  const [stage, setStage] = useState<Stage>('facts');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [namedFacts, setNamedFacts] = useState<ReadonlySet<FactName>>(new Set());
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const controller = useMaterials(api, application.id, application.orgId);
  // The subscribe prompt at 提交申报 needs the template ids already here (services/subscribe.ts).
  useEffect(() => void prefetchTemplates(api), []);

  const go = (next: Stage) => {
    setStage(next);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  const refused = (error: ApiError) => {
    if (error.is('NOT_ELIGIBLE')) {
      setRefusal({
        message: error.message,
        items: error.details.conditions.map((c) => `${c.explanation}（政策原文：“${c.clause}”）`),
      });
      setNamedFacts(new Set([...error.details.missingFacts, ...error.details.conditions.flatMap((c) => c.facts)]));
    } else if (error.is('MATERIALS_MISSING')) {
      setRefusal({ message: error.message, items: error.details.materials.map((m) => `${m.name}：${m.shows}`) });
      setMissing(new Set(error.details.materials.map((m) => m.id)));
      void controller.reload();
    } else setRefusal({ message: messageOf(error), items: [] });
  };

  return (
    <View>
      <View className="apply__steps">
        {STAGES.map((s) => (
          <Text
            key={s.id}
            className={`apply__step ${s.id === stage ? 'apply__step--on' : ''}`}
            aria-current={s.id === stage ? 'step' : undefined}
          >
            {s.label}
          </Text>
        ))}
      </View>
      <View className="card">
        <Text className="card-title">
          第{application.measure}条 {application.programTitle}
        </Text>
        <Text className="apply__line muted">
          {application.claimYear}年度 · 草稿，申报编号 {application.id}
        </Text>
      </View>
      {refusal && stage !== 'review' ? (
        <View className="apply__refusal" role="alert">
          <Text className="apply__refusal-title">✕ 提交未通过：{refusal.message}</Text>
        </View>
      ) : null}
      {stage === 'facts' ? (
        <FactsStep
          application={application}
          named={namedFacts}
          onSaved={(saved, next) => {
            setApplication(saved);
            if (next) go('materials');
          }}
        />
      ) : null}
      {stage === 'materials' ? (
        <View>
          <MaterialsStep application={application} controller={controller} missing={missing} />
          <Button className="apply__primary" onClick={() => go('review')}>
            下一步：确认提交
          </Button>
          <Button className="apply__secondary" onClick={() => go('facts')}>
            上一步：企业信息
          </Button>
        </View>
      ) : null}
      {stage === 'review' ? (
        <View>
          <ReviewStep application={application} controller={controller} refusal={refusal} onRefused={refused} />
          {refusal && namedFacts.size > 0 ? (
            <Button className="apply__secondary" onClick={() => go('facts')}>
              去修改企业信息
            </Button>
          ) : null}
          {refusal && missing.size > 0 ? (
            <Button className="apply__secondary" onClick={() => go('materials')}>
              去上传材料
            </Button>
          ) : null}
          <Button className="apply__secondary" onClick={() => go('materials')}>
            上一步：材料
          </Button>
        </View>
      ) : null}
    </View>
  );
};

/** Continues the draft `id`, or loads nothing when a new one is to be made. */
const useDraft = (id: number | null) => {
  const [state, setState] = useState<
    | { kind: 'none' }
    | { kind: 'loading' }
    | { kind: 'error'; message: string }
    | { kind: 'ready'; app: ApplicationView }
  >(id === null ? { kind: 'none' } : { kind: 'loading' });
  const load = async () => {
    if (id === null) return;
    setState({ kind: 'loading' });
    try {
      const app = await api.getApplication({ params: { id } });
      if (app.status !== 'draft') void Taro.redirectTo({ url: detailUrl(app.id) });
      else setState({ kind: 'ready', app });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  };
  useEffect(() => void load(), [id]);
  return { state, setState, load };
};

/** The wizard for the draft `id`, or the programs to start one (only once NeedFirm has a firm). */
const DraftOrChoose = ({
  orgId,
  id,
  programId,
}: {
  orgId: number;
  id: number | null;
  programId: string | undefined;
}) => {
  const draft = useDraft(id);
  const { state } = draft;
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void draft.load()} />;
  if (state.kind === 'ready') return <Wizard start={state.app} />;
  return (
    <ChooseProgram orgId={orgId} programId={programId} onDraft={(app) => draft.setState({ kind: 'ready', app })} />
  );
};

function NewApplicationPage() {
  const { params } = useRouter();
  const programId = params['programId'] && isProgramId(params['programId']) ? params['programId'] : undefined;
  const id = Number(params['id']);
  return (
    <View className="page apply">
      <NeedFirm>
        {(orgId) => (
          <DraftOrChoose orgId={orgId} id={Number.isSafeInteger(id) && id > 0 ? id : null} programId={programId} />
        )}
      </NeedFirm>
    </View>
  );
}

export default NewApplicationPage;
