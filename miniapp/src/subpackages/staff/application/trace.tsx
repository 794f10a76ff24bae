import { Button, Text, View } from '@tarojs/components';
import {
  type ConditionVerification,
  formatDateZh,
  type MaterialView,
  type ReviewConditionView,
  type ReviewView,
  type VerificationVerdict,
} from '@huiqi/shared';
import { useState } from 'react';
import { fieldOf, type Inputs, inputsFromFacts } from '../../../calculator/form';
import { FactField } from '../../../components/fact-field';
import { ConditionStatusBadge } from '../../../components/status';
import { formatFactValue } from '../../../facts/values';
import { PROVENANCE } from '../../../org/facts-view';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import {
  buildVerification,
  correctionInputs,
  factRowsOf,
  isReviewOnly,
  materialsFor,
  SLOT_STATUS,
  VERDICT_LABELS,
} from '../../../workbench/review';
import { Check, TextField } from './fields';

/** The firm as it stood at submission, the program, the round and the stage with its deadline. */
export const Snapshot = ({ review }: { review: ReviewView }) => {
  const app = review.application;
  const firm = app.firmAtSubmission;
  const stage = app.progress.stage;
  return (
    <View className="wb-card ar-snapshot" data-snapshot={app.id}>
      <Text className="ar-snapshot__firm">{firm?.name ?? '（未提交）'}</Text>
      <View className="ar-snapshot__grid">
        <Text>统一社会信用代码：{firm?.uscc ?? '—'}</Text>
        <Text>提交时所在县（市、区）：{firm?.countyName ?? '—'}</Text>
        <Text>
          申报项目：第{app.measure}条 {app.programTitle}（{app.claimYear}年度）
        </Text>
        <Text>申报批次：{app.progress.roundTitle ?? '—'}</Text>
        <Text>
          当前状态：{app.statusLabel}
          {stage ? `（${stage.label}，${stage.unit}办理）` : ''}
        </Text>
        {stage?.due ? (
          <Text className={stage.overdue ? 'ar-overdue' : ''}>
            办理期限：{formatDateZh(stage.due)}
            {stage.overdue ? '（⚠ 已超期）' : ''}
          </Text>
        ) : null}
        {app.submittedAt ? <Text>提交时间：{formatDateTimeZh(app.submittedAt)}</Text> : null}
      </View>
    </View>
  );
};

/** The facts with where each stands; a corrected value beside the declared one. */
export const FactsTable = ({ review, materials }: { review: ReviewView; materials: readonly MaterialView[] }) => (
  <View className="wb-card">
    <Text className="ar-title">申报数据</Text>
    <View className="wb-table">
      <View className="wb-table__row wb-table__row--head">
        <Text className="wb-table__cell wb-table__cell--wide">数据项</Text>
        <Text className="wb-table__cell">企业填报</Text>
        <Text className="wb-table__cell">核实后</Text>
        <Text className="wb-table__cell">来源</Text>
      </View>
      {factRowsOf(review, materials).map((row) => (
        <View key={row.name} className="wb-table__row" data-fact={row.name}>
          <Text className="wb-table__cell wb-table__cell--wide">{row.label}</Text>
          <Text className="wb-table__cell">{formatFactValue(row.name, row.declared) ?? '未填写'}</Text>
          <Text className="wb-table__cell">
            {row.corrected === undefined ? '—' : `更正为 ${formatFactValue(row.name, row.corrected) ?? '未填写'}`}
          </Text>
          <Text className={`wb-table__cell provenance provenance--${row.provenance}`}>
            {PROVENANCE[row.provenance].sign} {PROVENANCE[row.provenance].word}
          </Text>
        </View>
      ))}
    </View>
  </View>
);

/** One condition's verification form: 核实/更正 (its facts typed as the catalogue says), or 认定符合/不符合. */
const VerifyForm = ({
  condition,
  review,
  materials,
  onSubmit,
  onCancel,
}: {
  condition: ReviewConditionView;
  review: ReviewView;
  materials: readonly MaterialView[];
  onSubmit: (body: ConditionVerification) => void;
  onCancel: () => void;
}) => {
  const reviewOnly = isReviewOnly(condition);
  const proving = materialsFor(condition, materials);
  const [verdict, setVerdict] = useState<VerificationVerdict>(reviewOnly ? 'met' : 'confirmed');
  const [inputs, setInputs] = useState<Inputs>(() =>
    inputsFromFacts(correctionInputs(condition, review.verifiedFacts)),
  );
  const [note, setNote] = useState(condition.verification?.note ?? '');
  const [checked, setChecked] = useState<string[]>(
    condition.verification?.materialIds ?? proving.filter((m) => m.current).map((m) => m.id),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const verdicts: VerificationVerdict[] = reviewOnly ? ['met', 'unmet'] : ['confirmed', 'corrected'];
  const submit = () => {
    const built = buildVerification(condition, { verdict, inputs, note, materialIds: checked });
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    onSubmit(built.body);
  };
  return (
    <View className="ar-verify" data-verify={condition.id}>
      <View className="ar-verify__verdicts" role="radiogroup" aria-label="核实结论">
        {verdicts.map((v) => (
          <View
            key={v}
            role="radio"
            aria-checked={verdict === v}
            className={`ar-check${verdict === v ? ' ar-check--on' : ''}`}
            onClick={() => setVerdict(v)}
          >
            {verdict === v ? '● ' : '○ '}
            {{ confirmed: '核实属实', corrected: '更正', met: '认定符合', unmet: '认定不符合' }[v]}
          </View>
        ))}
      </View>
      {errors['verdict'] ? <Text className="wb-field__error">✕ {errors['verdict']}</Text> : null}
      {verdict === 'corrected'
        ? condition.facts.map((name) => (
            <FactField
              key={name}
              field={fieldOf(name)}
              value={inputs[name]}
              error={errors[name]}
              onChange={(value) => setInputs((current) => ({ ...current, [name]: value }))}
            />
          ))
        : null}
      {errors['facts'] ? <Text className="wb-field__error">✕ {errors['facts']}</Text> : null}
      {proving.length > 0 ? (
        <View className="ar-verify__materials">
          <Text className="wb-field__label">核对的材料</Text>
          {proving.map((m) => (
            <Check
              key={m.id}
              on={checked.includes(m.id)}
              label={m.name}
              onToggle={() =>
                setChecked(checked.includes(m.id) ? checked.filter((x) => x !== m.id) : [...checked, m.id])
              }
            />
          ))}
        </View>
      ) : null}
      <TextField
        name={`note-${condition.id}`}
        label="备注"
        value={note}
        error={errors['note']}
        multiline
        onChange={setNote}
      />
      <View className="ar-buttons">
        <Button className="wb-button" onClick={onCancel}>
          取消
        </Button>
        <Button className="wb-button wb-button--primary" onClick={submit}>
          保存核实结果
        </Button>
      </View>
    </View>
  );
};

/**
 * The rules' trace on the verified facts: every condition with its clause and explanation, and
 * beside it the materials that prove it (a click shows one in the viewer).
 */
export const Conditions = ({
  review,
  materials,
  selected,
  shownMaterial,
  canVerify,
  onSelect,
  onShow,
  onVerify,
}: {
  review: ReviewView;
  materials: readonly MaterialView[];
  selected: number;
  shownMaterial: string | null;
  canVerify: boolean;
  onSelect: (index: number) => void;
  onShow: (materialId: string) => void;
  onVerify: (body: ConditionVerification) => Promise<boolean>;
}) => {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <View className="wb-card">
      <Text className="ar-title">
        条件核对（{review.evaluation.title}：{review.evaluation.conditions.filter((c) => c.status === 'met').length} /{' '}
        {review.conditions.length} 项符合）
      </Text>
      {review.conditions.map((condition, index) => {
        const proving = materialsFor(condition, materials);
        const v = condition.verification;
        return (
          <View
            key={condition.id}
            className={`ar-condition${index === selected ? ' ar-condition--selected' : ''}`}
            data-condition={condition.id}
            aria-current={index === selected ? 'true' : undefined}
            onClick={() => onSelect(index)}
          >
            <View className="ar-condition__main">
              <ConditionStatusBadge status={condition.status} />
              <Text className="ar-condition__clause">{condition.clause}</Text>
              <Text className="ar-condition__explanation">{condition.explanation}</Text>
              {v ? (
                <Text className="ar-condition__verified">
                  {VERDICT_LABELS[v.verdict]} · {formatDateTimeZh(v.at)}
                  {v.note ? ` · ${v.note}` : ''}
                </Text>
              ) : (
                <Text className="ar-condition__unverified">未核实</Text>
              )}
              {canVerify && editing !== condition.id ? (
                <Button
                  className="wb-button ar-condition__verify"
                  onClick={(e) => {
                    e.stopPropagation();
                    setEditing(condition.id);
                  }}
                >
                  {isReviewOnly(condition) ? '认定' : '核实 / 更正'}
                </Button>
              ) : null}
            </View>
            <View className="ar-condition__materials" aria-label="证明材料">
              {proving.length === 0 ? <Text className="ar-muted">无对应材料</Text> : null}
              {proving.map((m) => (
                <View
                  key={m.id}
                  role="link"
                  data-material-link={m.id}
                  className={`ar-material${m.id === shownMaterial ? ' ar-material--shown' : ''}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onShow(m.id);
                  }}
                >
                  <Text>▤ {m.name}</Text>
                  <Text className="ar-muted">{m.current ? SLOT_STATUS[m.current.status] : '未上传'}</Text>
                </View>
              ))}
            </View>
            {editing === condition.id ? (
              <View className="ar-condition__form" onClick={(e) => e.stopPropagation()}>
                <VerifyForm
                  condition={condition}
                  review={review}
                  materials={materials}
                  onCancel={() => setEditing(null)}
                  onSubmit={(body) => void onVerify(body).then((done) => done && setEditing(null))}
                />
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
};
