import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Popup } from '@nutui/nutui-react-taro';
import {
  factLabel,
  formatFen,
  type FactName,
  PROGRAM_IDS,
  type ProgramId,
  type ProgramResult,
  builtInEditions,
} from '@huiqi/shared';
import { useEffect, useMemo, useState } from 'react';
import { type Draft, loadDraft, saveDraft } from '../../calculator/draft';
import { check, claimYears, fieldsFor, type FieldValue, inputsFromFacts, readInputs } from '../../calculator/form';
import { readShared, shareQuery } from '../../calculator/share';
import { FactField } from '../../components/fact-field';
import { Notice } from '../../components/notice';
import { ConditionStatusBadge, ProgramStatusBadge } from '../../components/status';
import { useUnreadBadge } from '../../hooks/use-unread-badge';
import './index.scss';

interface Clause {
  measure: number;
  text: string;
}

const programTitles = (claimYear: number): { id: ProgramId; title: string; measure: number }[] => {
  const edition = builtInEditions().find((e) => e.claimYear === claimYear);
  return PROGRAM_IDS.flatMap((id) => {
    const program = edition?.programs[id];
    return program ? [{ id, title: program.title, measure: program.measure }] : [];
  });
};

const initialDraft = (params: Partial<Record<string, string>>): { draft: Draft; fromShare: boolean } => {
  const years = claimYears();
  const shared = readShared(params);
  if (shared && years.includes(shared.claimYear))
    return {
      draft: { claimYear: shared.claimYear, programs: shared.programs, inputs: inputsFromFacts(shared.facts) },
      fromShare: true,
    };
  const saved = loadDraft();
  if (saved && years.includes(saved.claimYear)) return { draft: saved, fromShare: false };
  return { draft: { claimYear: years[0] ?? 2023, programs: 'all', inputs: {} }, fromShare: false };
};

const ProgramCard = ({ result, onClause }: { result: ProgramResult; onClause: (clause: Clause) => void }) => (
  <View className="card result" data-result={result.programId}>
    <View className="result__head">
      <Text className="card-title">
        第{result.measure}条 {result.title}
      </Text>
      <ProgramStatusBadge status={result.status} />
    </View>
    <Text className="result__summary">{result.summary}</Text>
    {result.maxAmountFen !== null ? (
      <Text className="result__amount">最多可获 {formatFen(result.maxAmountFen)}</Text>
    ) : null}
    <Text className="section-title">逐条对照</Text>
    {result.conditions.map((condition) => (
      <View key={condition.id} className="condition">
        <View className="condition__head">
          <ConditionStatusBadge status={condition.status} />
        </View>
        <Text className="condition__text">{condition.explanation}</Text>
        <Text
          className="link tap condition__clause"
          onClick={() => onClause({ measure: condition.measure, text: condition.clause })}
        >
          查看政策原文
        </Text>
      </View>
    ))}
    <Text className="section-title">奖励与上限</Text>
    <Text className="result__line">{result.award.explanation}</Text>
    {result.caps.map((cap) => (
      <Text key={cap.id} className="result__line">
        · {cap.explanation}
      </Text>
    ))}
    {result.missingFacts.length > 0 ? (
      <Text className="result__missing">
        还需填写：{result.missingFacts.map((f: FactName) => factLabel(f)).join('、')}
      </Text>
    ) : null}
  </View>
);

function CalculatorPage() {
  useUnreadBadge();
  const router = useRouter();
  const [{ draft: start, fromShare }] = useState(() => initialDraft(router.params));
  const [draft, setDraft] = useState<Draft>(start);
  const [clause, setClause] = useState<Clause | null>(null);
  const [link, setLink] = useState<string | null>(null);

  // Everything typed is kept on the device at once: a lost network or a restart loses nothing.
  useEffect(() => saveDraft(draft), [draft]);

  const fields = useMemo(() => fieldsFor(draft.claimYear, draft.programs), [draft.claimYear, draft.programs]);
  const { facts, errors } = useMemo(() => readInputs(draft.inputs, fields), [draft.inputs, fields]);
  const answer = useMemo(() => check(draft.claimYear, draft.programs, facts), [draft.claimYear, draft.programs, facts]);
  const query = shareQuery({ claimYear: draft.claimYear, programs: draft.programs, facts });
  const programs = useMemo(() => programTitles(draft.claimYear), [draft.claimYear]);

  useShareAppMessage(() => ({
    title: '我的企业能享受哪些电商扶持政策？',
    path: `/pages/calculator/index?${query}`,
  }));

  const setInput = (name: FactName, value: FieldValue | undefined) =>
    setDraft((d) => {
      const inputs = Object.fromEntries(Object.entries(d.inputs).filter(([key]) => key !== name));
      return { ...d, inputs: value === undefined ? inputs : { ...inputs, [name]: value } };
    });

  const toggleProgram = (id: ProgramId | 'all') =>
    setDraft((d) => {
      if (id === 'all') return { ...d, programs: 'all' };
      const current = d.programs === 'all' ? [] : d.programs;
      const next = current.includes(id) ? current.filter((p) => p !== id) : [...current, id];
      return { ...d, programs: next.length === 0 ? 'all' : next };
    });

  const copyLink = () => {
    const url = `${window.location.origin}/pages/calculator/index?${query}`;
    setLink(url);
    void Taro.setClipboardData({ data: url }).catch(() => undefined);
  };

  const eligible = answer.programs.filter((p) => p.status === 'eligible').length;
  const open = answer.programs.filter((p) => p.status === 'undetermined').length;

  return (
    <View className="page calculator">
      {fromShare ? <Notice text="这是别人分享给您的测算结果，您可以修改后重新测算。" /> : null}
      <Notice
        text={`按${answer.edition.title}测算，结果仅供参考；正式申报时以审核结果为准。不需要登录，填写的内容只保存在本机。`}
      />

      <View className="card">
        <Text className="card-title">1. 选择要测算的项目</Text>
        <View className="fact-field__choices calculator__programs">
          <View
            role="checkbox"
            aria-checked={draft.programs === 'all'}
            className={`chip ${draft.programs === 'all' ? 'chip--on' : ''}`}
            onClick={() => toggleProgram('all')}
          >
            {draft.programs === 'all' ? '☑ ' : '☐ '}全部项目
          </View>
          {programs.map((p) => {
            const on = draft.programs !== 'all' && draft.programs.includes(p.id);
            return (
              <View
                key={p.id}
                role="checkbox"
                aria-checked={on}
                className={`chip ${on ? 'chip--on' : ''}`}
                onClick={() => toggleProgram(p.id)}
              >
                {on ? '☑ ' : '☐ '}
                {p.title}
              </View>
            );
          })}
        </View>
      </View>

      <View className="card">
        <Text className="card-title">2. 填写企业情况</Text>
        <Text className="muted">只列出所选项目需要的信息；不清楚的可以先空着，结果会告诉您还差什么。</Text>
        {fields.map((field) => (
          <FactField
            key={field.name}
            field={field}
            value={draft.inputs[field.name]}
            error={errors[field.name]}
            onChange={(value) => setInput(field.name, value)}
          />
        ))}
      </View>

      <View className="calculator__overview card" role="status">
        <Text className="card-title">3. 测算结果</Text>
        <Text className="calculator__counts">
          符合 {eligible} 项 · 待补充 {open} 项 · 共 {answer.programs.length} 项
        </Text>
      </View>

      {answer.programs.map((result) => (
        <ProgramCard key={result.programId} result={result} onClause={setClause} />
      ))}

      <View className="card calculator__share">
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="calculator__share-button" openType="share">
            分享测算结果给微信好友
          </Button>
        ) : (
          <Button className="calculator__share-button" onClick={copyLink}>
            复制分享链接
          </Button>
        )}
        {link ? (
          <Text className="calculator__link" userSelect>
            已复制：{link}
          </Text>
        ) : null}
      </View>

      <Popup
        visible={clause !== null}
        position="bottom"
        round
        closeable
        title="政策原文"
        onClose={() => setClause(null)}
      >
        {clause ? (
          <View className={`calculator__clause ${process.env.TARO_ENV === 'h5' ? 'calculator__clause--h5' : ''}`}>
            <Text className="muted">
              {answer.edition.title} · 第{clause.measure}条
            </Text>
            <Text className="calculator__clause-text">“{clause.text}”</Text>
            <Button className="calculator__share-button" onClick={() => setClause(null)}>
              我知道了
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  );
}

export default CalculatorPage;
