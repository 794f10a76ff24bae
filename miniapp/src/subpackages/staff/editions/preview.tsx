import { Text, View } from '@tarojs/components';
import { type Edition, type EditionPreview, formatFen, type PreviewVerdict } from '@huiqi/shared';
import { useState } from 'react';
import { differenceFen, EFFECT_LABELS, programTitle, VERDICT_LABELS } from '../../../workbench/editions';
import { Pager } from '../components/pager';

/** Rows of firm changes on one screen. */
export const CHANGES_PER_PAGE = 15;

const verdictText = (v: PreviewVerdict | null): string =>
  v === null
    ? '无此项目'
    : v.status === 'eligible' && v.maxAmountFen !== null
      ? `${VERDICT_LABELS[v.status]}，最高 ${formatFen(v.maxAmountFen)}`
      : VERDICT_LABELS[v.status];

const signed = (fen: number | null): string =>
  fen === null ? '无法计算' : fen > 0 ? `+${formatFen(fen)}` : fen < 0 ? formatFen(fen) : '0元';

const capText = (fen: number | null): string => (fen === null ? '无此资金池' : formatFen(fen));

/** The preview in one sentence: what the publication confirmation repeats. */
export const previewSummary = (preview: EditionPreview): string => {
  const sum = (key: 'gains' | 'loses' | 'more' | 'less' | 'undetermined') =>
    preview.programs.reduce((n, p) => n + p[key], 0);
  const over = preview.pools.filter((p) => p.oversubscribedAfter).map((p) => p.title);
  return (
    `与版本 ${preview.baseId} 相比，筛查 ${preview.firms} 家企业，共 ${preview.changesTotal} 处变化：` +
    `新增符合 ${sum('gains')}、不再符合 ${sum('loses')}、金额增加 ${sum('more')}、金额减少 ${sum('less')}、待核实 ${sum('undetermined')}；` +
    (over.length ? `需求超过上限的资金池：${over.join('、')}。` : '各资金池需求均未超过上限。')
  );
};

/**
 * 预览影响: who gains or loses (each firm whose status or maximum moves, with the difference),
 * each program's counts, and the demand on each pool against its cap. The firms are a page at
 * a time; the API sends at most 20 examples for each program and effect, and counts them all.
 */
export const PreviewReport = ({ preview, draft }: { preview: EditionPreview; draft: Edition | null }) => {
  const [page, setPage] = useState(1);
  const rows = preview.changes.slice((page - 1) * CHANGES_PER_PAGE, page * CHANGES_PER_PAGE);

  return (
    <View className="editions__preview" aria-label="预览影响">
      <Text className="wb-alert wb-alert--info">{previewSummary(preview)}</Text>

      <Text className="editions__subtitle">资金池：需求与上限</Text>
      <View className="wb-table" role="table" aria-label="资金池需求">
        <View className="wb-table__row wb-table__row--head" role="row">
          <Text className="wb-table__cell wb-table__cell--wide">资金池</Text>
          <Text className="wb-table__cell wb-table__cell--money">上限（现行 → 草稿）</Text>
          <Text className="wb-table__cell wb-table__cell--money">需求（现行 → 草稿）</Text>
          <Text className="wb-table__cell">是否超出上限</Text>
        </View>
        {preview.pools.map((pool) => (
          <View key={pool.poolId} className="wb-table__row" role="row" data-pool={pool.poolId}>
            <Text className="wb-table__cell wb-table__cell--wide">{pool.title}</Text>
            <Text className="wb-table__cell wb-table__cell--money">
              {capText(pool.capFenBefore)} → {capText(pool.capFenAfter)}
            </Text>
            <Text className="wb-table__cell wb-table__cell--money">
              {formatFen(pool.demandFenBefore)} → {formatFen(pool.demandFenAfter)}
            </Text>
            <Text className={`wb-table__cell${pool.oversubscribedAfter ? ' editions__over' : ''}`}>
              {pool.oversubscribedAfter ? '⚠ 超出，将按比例分配' : '未超出'}
            </Text>
          </View>
        ))}
      </View>

      <Text className="editions__subtitle">各项目符合条件的企业</Text>
      <View className="wb-table" role="table" aria-label="各项目变化">
        <View className="wb-table__row wb-table__row--head" role="row">
          <Text className="wb-table__cell wb-table__cell--wide">项目</Text>
          <Text className="wb-table__cell">符合（现行 → 草稿）</Text>
          {(['gains', 'loses', 'more', 'less', 'undetermined'] as const).map((effect) => (
            <Text key={effect} className="wb-table__cell wb-table__cell--narrow">
              {EFFECT_LABELS[effect]}
            </Text>
          ))}
        </View>
        {preview.programs.map((p) => (
          <View key={p.programId} className="wb-table__row" role="row">
            <Text className="wb-table__cell wb-table__cell--wide">{programTitle(draft, p.programId)}</Text>
            <Text className="wb-table__cell">
              {p.eligibleBefore} → {p.eligibleAfter}
            </Text>
            {(['gains', 'loses', 'more', 'less', 'undetermined'] as const).map((effect) => (
              <Text key={effect} className="wb-table__cell wb-table__cell--narrow">
                {p[effect]}
              </Text>
            ))}
          </View>
        ))}
      </View>

      <Text className="editions__subtitle">
        受影响的企业（共 {preview.changesTotal} 处变化；每个项目每类变化最多列出20家）
      </Text>
      {preview.changes.length === 0 ? (
        <Text className="wb-alert wb-alert--ok">没有企业的资格或最高金额发生变化</Text>
      ) : (
        <>
          <View className="wb-table" role="table" aria-label="受影响的企业">
            <View className="wb-table__row wb-table__row--head" role="row">
              <Text className="wb-table__cell">企业</Text>
              <Text className="wb-table__cell wb-table__cell--wide">项目</Text>
              <Text className="wb-table__cell wb-table__cell--narrow">变化</Text>
              <Text className="wb-table__cell">现行</Text>
              <Text className="wb-table__cell">草稿</Text>
              <Text className="wb-table__cell wb-table__cell--money">差额</Text>
            </View>
            {rows.map((c) => (
              <View key={`${c.orgId}-${c.programId}`} className="wb-table__row" role="row" data-org={c.orgId}>
                <Text className="wb-table__cell">{c.orgName}</Text>
                <Text className="wb-table__cell wb-table__cell--wide">{programTitle(draft, c.programId)}</Text>
                <Text className="wb-table__cell wb-table__cell--narrow">{EFFECT_LABELS[c.effect]}</Text>
                <Text className="wb-table__cell">{verdictText(c.before)}</Text>
                <Text className="wb-table__cell">{verdictText(c.after)}</Text>
                <Text className="wb-table__cell wb-table__cell--money">{signed(differenceFen(c))}</Text>
              </View>
            ))}
          </View>
          {preview.changes.length > CHANGES_PER_PAGE ? (
            <Pager page={page} pageSize={CHANGES_PER_PAGE} total={preview.changes.length} onPage={setPage} />
          ) : null}
        </>
      )}
    </View>
  );
};
