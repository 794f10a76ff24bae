import { Button, Input, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  formatBasisPoints,
  type ParkCriterion,
  type ParkEvaluationWorkspace,
  type ParkScoreSheet,
  type Role,
  WEIGHTS_TOTAL_BP,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { parsePercent } from '../../../calculator/numbers';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { Done, Refused } from '../components/outcome';

export interface ParksBoardProps {
  client: ApiClient;
  role: Role;
  initialYear: number;
}

type CriterionRow = { name: string; percent: string };

const rowsOf = (criteria: readonly ParkCriterion[]): CriterionRow[] =>
  criteria.length > 0
    ? criteria.map((c) => ({ name: c.name, percent: String(c.weightBp / 100) }))
    : [{ name: '', percent: '' }];

/** 指标与权重 (the administrator, until published): names and weights in %, summing to 100%. */
const CriteriaEditor = ({
  client,
  year,
  criteria,
  onSaved,
}: {
  client: ApiClient;
  year: number;
  criteria: readonly ParkCriterion[];
  onSaved: (workspace: ParkEvaluationWorkspace) => void;
}) => {
  const [rows, setRows] = useState<CriterionRow[]>(() => rowsOf(criteria));
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = rows.map((r) => parsePercent(r.percent));
  const total = parsed.reduce((sum, p) => sum + (p.ok ? p.value : 0), 0);
  const set = (i: number, row: Partial<CriterionRow>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...row } : r)));

  const save = async () => {
    const bad = parsed.findIndex((p) => !p.ok);
    if (bad >= 0) {
      const p = parsed[bad];
      setFailure(`第${bad + 1}项指标的权重：${p && !p.ok ? p.message : ''}`);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const body = {
        criteria: rows.map((r, i) => ({ name: r.name.trim(), weightBp: parsed[i]?.ok ? parsed[i].value : 0 })),
      };
      onSaved(await client.putParkCriteria({ params: { year }, body }));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card parks-criteria">
      <Text className="parks__heading">评价指标和权重（合计须为100%）</Text>
      {rows.map((r, i) => (
        <View key={i} className="parks-criteria__row" data-criterion={i}>
          <Input
            className="wb-field__input parks-criteria__name"
            value={r.name}
            placeholder="指标名称，例如 企业孵化"
            maxlength={30}
            onInput={(e) => set(i, { name: e.detail.value })}
          />
          <Input
            className="wb-field__input parks-criteria__weight"
            value={r.percent}
            placeholder="权重 %"
            maxlength={6}
            onInput={(e) => set(i, { percent: e.detail.value })}
          />
          <Text>%</Text>
          <Button className="wb-button" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
            删除
          </Button>
        </View>
      ))}
      <View className="parks-criteria__foot">
        <Button className="wb-button" onClick={() => setRows((all) => [...all, { name: '', percent: '' }])}>
          添加指标
        </Button>
        <Text className={total === WEIGHTS_TOTAL_BP ? 'parks__ok' : 'parks__warn'}>
          权重合计 {formatBasisPoints(total)}
        </Text>
        <Button className="wb-button wb-button--primary" {...busyProps(busy)} onClick={() => void save()}>
          保存指标
        </Button>
      </View>
      <Refused text={failure} />
    </View>
  );
};

/** One park's scores (city reviewers, until published): 0–100 per criterion. */
const ScoreRow = ({
  client,
  year,
  criteria,
  park,
  editable,
  onSaved,
}: {
  client: ApiClient;
  year: number;
  criteria: readonly ParkCriterion[];
  park: ParkScoreSheet;
  editable: boolean;
  onSaved: (workspace: ParkEvaluationWorkspace) => void;
}) => {
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(park.scores.map((s) => [s.criterion, String(s.score)])),
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const scores = criteria
      .filter((c) => (typed[c.name] ?? '').trim() !== '')
      .map((c) => ({ criterion: c.name, score: Number((typed[c.name] ?? '').trim()) }));
    const bad = scores.find((s) => !Number.isInteger(s.score) || s.score < 0 || s.score > 100);
    if (bad) {
      setFailure(`“${bad.criterion}”的得分须是0到100之间的整数`);
      return;
    }
    if (scores.length === 0) {
      setFailure('请至少填写一项得分');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await client.putParkScores({ params: { year, orgId: park.orgId }, body: { scores } }));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-table__row parks-scores__row" data-park={park.orgId}>
      <Text className="parks-scores__park">
        {park.name}（{park.countyName}）{park.complete ? '' : park.scores.length > 0 ? ' · 未评完' : ' · 未参评'}
      </Text>
      {criteria.map((c) => (
        <Input
          key={c.name}
          className="wb-field__input parks-scores__score"
          value={typed[c.name] ?? ''}
          disabled={!editable}
          placeholder={c.name}
          maxlength={3}
          onInput={(e) => setTyped((t) => ({ ...t, [c.name]: e.detail.value }))}
        />
      ))}
      {editable ? (
        <Button className="wb-button" {...busyProps(busy)} onClick={() => void save()}>
          保存得分
        </Button>
      ) : null}
      <Refused text={failure} />
    </View>
  );
};

/** 园区评价 (第八条): the year's criteria, each park's scores, the weighted ranking, publication. */
export const ParksBoard = ({ client, role, initialYear }: ParksBoardProps) => {
  const [year, setYear] = useState(initialYear);
  const [workspace, setWorkspace] = useState<ParkEvaluationWorkspace | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after each save, so the forms start from what the API now holds.
  const [generation, setGeneration] = useState(0);

  const load = useCallback(async () => {
    setFailure(null);
    try {
      setWorkspace(await client.getParkEvaluationWorkspace({ params: { year } }));
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, year]);
  useEffect(() => void load(), [load]);

  const saved = (text: string) => (next: ParkEvaluationWorkspace) => {
    setWorkspace(next);
    setGeneration((g) => g + 1);
    setDone(text);
  };

  const publish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      saved(`${year}年度园区综合评价排名已公布`)(await client.publishParkEvaluation({ params: { year } }));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const draft = workspace?.status === 'draft';
  return (
    <View className="parks">
      <View className="parks__year">
        <Button className="wb-button" onClick={() => setYear((y) => y - 1)}>
          上一年
        </Button>
        <Text className="parks__heading">
          {year}年度 · {workspace?.statusLabel ?? ''}
        </Text>
        <Button className="wb-button" onClick={() => setYear((y) => y + 1)}>
          下一年
        </Button>
      </View>
      <Text className="muted">
        第八条：每年开展电商产业园区综合评价，对综合排名靠前的电商产业园区，优先推荐申报国家、省级电子商务示范基地。参评园区为登记为“电商产业园区”的主体。
      </Text>
      <Done text={done} />
      <Refused text={failure} />
      {workspace ? (
        <>
          {role === 'admin' && draft ? (
            <CriteriaEditor
              key={`criteria-${year}-${generation}`}
              client={client}
              year={year}
              criteria={workspace.criteria}
              onSaved={saved('评价指标和权重已保存')}
            />
          ) : (
            <View className="wb-card">
              <Text className="parks__heading">评价指标和权重</Text>
              {workspace.criteria.length === 0 ? (
                <Text className="muted">尚未设置（由系统管理员设置）。</Text>
              ) : (
                workspace.criteria.map((c) => (
                  <Text key={c.name} className="parks__criterion">
                    {c.name} {formatBasisPoints(c.weightBp)}
                  </Text>
                ))
              )}
            </View>
          )}
          {workspace.criteria.length > 0 ? (
            <View className="wb-card parks-scores">
              <Text className="parks__heading">各园区得分（0–100分）</Text>
              {workspace.parks.length === 0 ? <Text className="muted">还没有登记为电商产业园区的主体。</Text> : null}
              {workspace.parks.map((p) => (
                <ScoreRow
                  key={`${p.orgId}-${generation}`}
                  client={client}
                  year={year}
                  criteria={workspace.criteria}
                  park={p}
                  editable={role === 'city-reviewer' && draft}
                  onSaved={saved(`已保存${p.name}的得分`)}
                />
              ))}
            </View>
          ) : null}
          <View className="wb-card parks-ranking">
            <Text className="parks__heading">综合排名{draft ? '（公布前预览）' : ''}</Text>
            {workspace.ranking.length === 0 ? <Text className="muted">尚无园区完成全部指标的评分。</Text> : null}
            {workspace.ranking.map((r) => (
              <Text key={r.orgId} className="parks-ranking__row" data-rank={r.rank}>
                第{r.rank}名 · {r.name}（{r.countyName}）· {r.weightedScoreText}分
              </Text>
            ))}
            {role === 'city-reviewer' && draft && workspace.ranking.length > 0 ? (
              <Button className="wb-button wb-button--primary" {...busyProps(busy)} onClick={() => void publish()}>
                公布排名
              </Button>
            ) : null}
          </View>
        </>
      ) : null}
    </View>
  );
};
