import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  type ApplicationHistory,
  type ApplicationView,
  canTransition,
  formatFen,
  type MaterialView,
} from '@huiqi/shared';
import { useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { Notice } from '../../../components/notice';
import { ErrorState, Loading } from '../../../components/page-state';
import { ApplicationStatusBadge } from '../../../components/status';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { pickFile, type PickSource } from '../../../services/pick-file';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { HistoryItem, ProgressCard } from '../progress';
import { returnedMaterialIds, Supplement } from '../supplement';
import { factRows } from '../draft';
import { NeedFirm } from '../gate';
import { MaterialsChecklist } from '../materials/checklist';
import { LibrarySheet } from '../materials/library-sheet';
import { useMaterials } from '../materials/use-materials';
import { ResultCard } from '../result';
import '../apply.scss';
import '../materials/checklist.scss';

const History = ({ id, version }: { id: number; version: string }) => {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; history: ApplicationHistory }
  >({ kind: 'loading' });
  const load = () => {
    api.getApplicationHistory({ params: { id } }).then(
      (history) => setState({ kind: 'ready', history }),
      (error: unknown) => setState({ kind: 'error', message: messageOf(error) }),
    );
  };
  // Read again after every change on this page (version: the application's updatedAt, the materials).
  useEffect(load, [id, version]);
  return (
    <View className="card history">
      <Text className="card-title">办理记录</Text>
      {state.kind === 'loading' ? <Loading /> : null}
      {state.kind === 'error' ? <ErrorState message={state.message} onRetry={load} /> : null}
      {state.kind === 'ready' ? (
        <View>
          {state.history.truncated ? <Text className="muted">只显示最近的记录</Text> : null}
          {[...state.history.entries].reverse().map((entry) => (
            <HistoryItem key={entry.id} entry={entry} />
          ))}
        </View>
      ) : null}
    </View>
  );
};

const Detail = ({
  application,
  onChanged,
}: {
  application: ApplicationView;
  onChanged: (a: ApplicationView) => void;
}) => {
  const controller = useMaterials(api, application.id, application.orgId);
  const [library, setLibrary] = useState<MaterialView | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const returnedMaterials = returnedMaterialIds(application);
  // A rejected file is replaced while the county reviews it; in 退回补正 only the returned slots change.
  const canChange = (m: MaterialView) =>
    (application.status === 'submitted' && m.current?.status === 'rejected') || returnedMaterials.has(m.id);

  const pick = async (material: MaterialView, source: PickSource) => {
    setProblem(null);
    try {
      const file = await pickFile(source, material.accepts);
      if (file) await controller.put(material.id, { kind: 'file', file });
    } catch (error) {
      setProblem(messageOf(error));
    }
  };

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回申报',
      content: '撤回后这份申报不再审核；如仍需申报，可以重新申报这个项目。确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#b42318',
      cancelText: '不撤回',
    });
    if (!confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await api.withdrawApplication({ params: { id: application.id } }));
      void Taro.showToast({ title: '已撤回', icon: 'none' });
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const materials = controller.state.kind === 'ready' ? controller.state.materials : [];
  const materialsVersion = materials.map((m) => `${m.id}:${m.current?.fileId ?? 0}:${m.current?.status ?? ''}`).join();
  return (
    <View>
      <View className="card" data-status={application.status}>
        <View className="apply__head">
          <Text className="card-title">
            第{application.measure}条 {application.programTitle}
          </Text>
          <ApplicationStatusBadge status={application.status} />
        </View>
        <Text className="apply__line muted">
          {application.claimYear}年度 · 申报编号 {application.id} · 最后更新 {formatDateTimeZh(application.updatedAt)}
        </Text>
        {application.submittedAt ? (
          <Text className="apply__line">提交时间：{formatDateTimeZh(application.submittedAt)}</Text>
        ) : null}
        {application.withdrawnAt ? (
          <Text className="apply__line">撤回时间：{formatDateTimeZh(application.withdrawnAt)}</Text>
        ) : null}
        {application.maxAmountFen !== null ? (
          <Text className="apply__line">按提交时的信息，最多可获 {formatFen(application.maxAmountFen)}</Text>
        ) : null}
        {application.firmAtSubmission ? (
          <Text className="apply__line muted">
            申报企业：{application.firmAtSubmission.name}（{application.firmAtSubmission.countyName}）
          </Text>
        ) : null}
      </View>
      {problem ? <Notice text={problem} /> : null}
      <ProgressCard status={application.status} progress={application.progress} />
      {application.status === 'returned' ? (
        <Supplement
          client={api}
          application={application}
          onChanged={(next) => {
            onChanged(next);
            void controller.reload();
          }}
        />
      ) : null}

      {application.evaluation ? (
        <View>
          <Text className="section-title">提交时的审核结果</Text>
          <ResultCard result={application.evaluation} title="按政策逐条对照" />
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
      </View>

      <Text className="section-title">申报材料</Text>
      {controller.state.kind === 'loading' ? <Loading /> : null}
      {controller.state.kind === 'error' ? (
        <ErrorState message={controller.state.message} onRetry={() => void controller.reload()} />
      ) : null}
      {controller.state.kind === 'ready' ? (
        <MaterialsChecklist
          materials={materials}
          claimYear={application.claimYear}
          work={controller.work}
          canChange={canChange}
          onPick={(material, source) => void pick(material, source)}
          onLibrary={setLibrary}
          onRetry={(material) => void controller.retry(material.id)}
        />
      ) : null}
      <LibrarySheet
        material={library}
        load={controller.library}
        onClose={() => setLibrary(null)}
        onChoose={(material, file) => {
          setLibrary(null);
          void controller.put(material.id, { kind: 'library', fileId: file.id, name: file.name });
        }}
      />

      <History id={application.id} version={`${application.updatedAt}|${application.status}|${materialsVersion}`} />

      {canTransition(application.status, 'withdrawn') ? (
        <Button className="apply__danger" {...busyProps(busy)} onClick={() => void withdraw()}>
          撤回申报
        </Button>
      ) : null}
    </View>
  );
};

/** Loads the application `id` (only once NeedFirm has a signed-in user: no refused call before). */
const LoadedDetail = ({ id }: { id: number }) => {
  const valid = Number.isSafeInteger(id) && id > 0;
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; application: ApplicationView }
  >({ kind: 'loading' });
  const load = async () => {
    if (!valid) return setState({ kind: 'error', message: '链接不完整，找不到这份申报' });
    setState({ kind: 'loading' });
    try {
      const application = await api.getApplication({ params: { id } });
      // A draft's detail is the wizard: continue where it was left.
      if (application.status === 'draft')
        void Taro.redirectTo({ url: `/subpackages/apply/new/index?id=${application.id}` });
      else setState({ kind: 'ready', application });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
  };
  useEffect(() => void load(), [id]);
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error')
    return <ErrorState message={state.message} onRetry={valid ? () => void load() : undefined} />;
  return <Detail application={state.application} onChanged={(a) => setState({ kind: 'ready', application: a })} />;
};

function ApplicationDetailPage() {
  const { params } = useRouter();
  const id = Number(params['id']);
  return (
    <View className="page apply-detail">
      <NeedFirm>{() => <LoadedDetail id={id} />}</NeedFirm>
    </View>
  );
}

export default ApplicationDetailPage;
