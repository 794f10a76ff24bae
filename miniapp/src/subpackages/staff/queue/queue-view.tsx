import { Button, Checkbox, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  APPLICATION_STATUS_LABELS,
  type BatchApproveResult,
  COUNTIES,
  countyName,
  formatFen,
  type ReviewQueue,
  type Role,
  type RoundView,
  type ProgramWithWindow,
} from '@huiqi/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { messageOf } from '../../../services/errors';
import { shanghaiToday, shanghaiYear } from '../../../services/shanghai-time';
import { applicationPath } from '../../../workbench/nav';
import {
  canFilterCounty,
  deadlineLabel,
  isBatchable,
  moveSelection,
  type QueueFilters,
  queryOf,
  queuePath,
  stagesFor,
  withFilter,
} from '../../../workbench/queue';
import { type Shortcut } from '../../../workbench/shortcuts';
import { useConfirm } from '../components/confirm';
import { Pager } from '../components/pager';
import { useShortcuts } from '../components/use-shortcuts';
import { disabledProps } from '../../../components/busy';

export interface ReviewQueueViewProps {
  client: ApiClient;
  role: Role;
  /** The filters the page opened with (from its address). */
  initial: QueueFilters;
  /** Opens a page (an application). */
  open: (url: string) => void;
  /** Writes the filters into the address without reloading (reload and back keep them). */
  keepInAddress: (url: string) => void;
  /** Today in Liaocheng (a test gives it). */
  today?: string;
}

const ALL = '全部';

/**
 * 待办队列: the caller's queue with its filters, counts per stage, deadlines in working days,
 * server-side paging, batch approval with each item's result, and keyboard shortcuts.
 */
export const ReviewQueueView = ({
  client,
  role,
  initial,
  open,
  keepInAddress,
  today = shanghaiToday(),
}: ReviewQueueViewProps) => {
  const [filters, setFilters] = useState<QueueFilters>(initial);
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState(-1);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [results, setResults] = useState<{ result: BatchApproveResult; names: Map<number, string> } | null>(null);
  const [programs, setPrograms] = useState<ProgramWithWindow[]>([]);
  const [rounds, setRounds] = useState<RoundView[]>([]);
  const [reload, setReload] = useState(0);
  const { dialog, open: dialogOpen, ask } = useConfirm();
  const tabs = useRef<HTMLElement | null>(null);

  useEffect(() => {
    let live = true;
    const year = shanghaiYear();
    client
      .listPrograms({ query: { year } })
      .then((answer) => live && setPrograms(answer.programs))
      .catch(() => undefined);
    client
      .listRounds({ query: {} })
      .then((answer) => live && setRounds(answer.rounds))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    client
      .listReviewQueue({ query: queryOf(filters, role) })
      .then((answer) => {
        if (!live) return;
        setQueue(answer);
        setError(null);
        setSelected((s) => (answer.items.length === 0 ? -1 : Math.min(s, answer.items.length - 1)));
        setChecked(new Set());
      })
      .catch((failure: unknown) => live && setError(messageOf(failure)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [client, filters, role, reload]);

  const change = useCallback(
    (next: QueueFilters) => {
      setFilters(next);
      keepInAddress(queuePath(next));
    },
    [keepInAddress],
  );

  const items = useMemo(() => queue?.items ?? [], [queue]);
  const batchable = items.filter((item) => isBatchable(item, role));
  const chosen = batchable.filter((item) => checked.has(item.applicationId));

  const toggle = (id: number) =>
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const batchApprove = async () => {
    if (chosen.length === 0) return;
    const sure = await ask({
      title: '批量通过',
      body: (
        <View>
          <Text>将逐件审核通过以下 {chosen.length} 件申报（各件独立处理，未通过的会说明原因）：</Text>
          {chosen.map((item) => (
            <Text key={item.applicationId} className="queue__confirm-line">
              · {item.firmName}（{item.programTitle}，{item.statusLabel}）
            </Text>
          ))}
        </View>
      ),
      confirmText: `通过 ${chosen.length} 件`,
    });
    if (!sure) return;
    try {
      const result = await client.batchApprove({ body: { applicationIds: chosen.map((item) => item.applicationId) } });
      setResults({ result, names: new Map(chosen.map((item) => [item.applicationId, item.firmName])) });
      setReload((n) => n + 1);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const shortcuts: Shortcut[] = [
    { key: 'j', label: '下一行', run: () => setSelected((s) => moveSelection(s, 1, items.length)) },
    { key: 'k', label: '上一行', run: () => setSelected((s) => moveSelection(s, -1, items.length)) },
    {
      key: 'enter',
      label: '打开',
      run: () => {
        const item = items[selected];
        if (item) open(applicationPath(item.applicationId));
      },
    },
    {
      key: 'x',
      label: '勾选',
      run: () => {
        const item = items[selected];
        if (item && isBatchable(item, role)) toggle(item.applicationId);
      },
    },
    {
      key: '/',
      label: '筛选',
      run: () => {
        // Taro's View takes no tabIndex prop: the element is made focusable when it is wanted.
        const tab = tabs.current?.querySelector<HTMLElement>('[aria-selected="true"]');
        tab?.setAttribute('tabindex', '0');
        tab?.focus();
      },
    },
    { key: 'r', label: '刷新', run: () => setReload((n) => n + 1) },
  ];
  useShortcuts(shortcuts, dialogOpen);

  const stages = stagesFor(role);
  const counts = queue?.counts ?? [];
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const countyOptions = [ALL, ...COUNTIES.map((c) => c.name)];
  const programOptions = [ALL, ...programs.map((p) => p.title)];
  const roundOptions = [ALL, ...rounds.map((r) => r.title)];

  return (
    <View className="queue">
      <View className="queue__tabs" role="tablist" aria-label="审核阶段" ref={tabs as never}>
        <View
          role="tab"
          aria-selected={filters.stage === undefined}
          className={`queue__tab${filters.stage === undefined ? ' queue__tab--active' : ''}`}
          onClick={() => change(withFilter(filters, { stage: undefined }))}
        >
          全部 {queue ? total : ''}
        </View>
        {stages.map((stage) => {
          const count = counts.find((c) => c.stage === stage);
          return (
            <View
              key={stage}
              role="tab"
              aria-selected={filters.stage === stage}
              className={`queue__tab${filters.stage === stage ? ' queue__tab--active' : ''}`}
              onClick={() => change(withFilter(filters, { stage }))}
            >
              {count?.label ?? stage} {count ? count.count : ''}
            </View>
          );
        })}
      </View>

      <View className="queue__filters">
        {canFilterCounty(role) ? (
          <Picker
            mode="selector"
            range={countyOptions}
            value={filters.county ? COUNTIES.findIndex((c) => c.id === filters.county) + 1 : 0}
            onChange={(e) => {
              const index = Number(e.detail.value);
              change(withFilter(filters, { county: index > 0 ? COUNTIES[index - 1]?.id : undefined }));
            }}
          >
            <View className="wb-button queue__filter">
              县（市、区）：{filters.county ? countyName(filters.county) : ALL}
            </View>
          </Picker>
        ) : null}
        <Picker
          mode="selector"
          range={programOptions}
          value={filters.program ? programs.findIndex((p) => p.programId === filters.program) + 1 : 0}
          onChange={(e) => {
            const index = Number(e.detail.value);
            change(withFilter(filters, { program: index > 0 ? programs[index - 1]?.programId : undefined }));
          }}
        >
          <View className="wb-button queue__filter">
            项目：{programs.find((p) => p.programId === filters.program)?.title ?? filters.program ?? ALL}
          </View>
        </Picker>
        <Picker
          mode="selector"
          range={roundOptions}
          value={filters.roundId ? rounds.findIndex((r) => r.id === filters.roundId) + 1 : 0}
          onChange={(e) => {
            const index = Number(e.detail.value);
            change(withFilter(filters, { roundId: index > 0 ? rounds[index - 1]?.id : undefined }));
          }}
        >
          <View className="wb-button queue__filter">
            批次：
            {rounds.find((r) => r.id === filters.roundId)?.title ?? (filters.roundId ? `#${filters.roundId}` : ALL)}
          </View>
        </Picker>
        <Button
          className={`wb-button${filters.overdue ? ' wb-button--primary' : ''}`}
          aria-pressed={filters.overdue === true}
          onClick={() => change(withFilter(filters, { overdue: filters.overdue ? undefined : true }))}
        >
          {filters.overdue ? '✓ ' : ''}只看逾期
        </Button>
        <Button
          className="wb-button"
          onClick={() => change(withFilter(filters, { sort: filters.sort === 'deadline' ? '-deadline' : 'deadline' }))}
        >
          {filters.sort === 'deadline' ? '截止日期：最早在前 ↑' : '截止日期：最晚在前 ↓'}
        </Button>
        <Button
          className="wb-button wb-button--primary"
          {...disabledProps(chosen.length === 0)}
          onClick={() => void batchApprove()}
        >
          {chosen.length > 0 ? `批量通过（${chosen.length}）` : '批量通过'}
        </Button>
      </View>

      {error ? (
        <View className="wb-alert" role="alert">
          {error}
        </View>
      ) : null}

      {results ? (
        <View className="wb-card queue__results" role="status" aria-label="批量通过结果">
          <Text className="queue__results-title">
            批量通过：{results.result.approved} 件通过，{results.result.refused} 件未通过
          </Text>
          {results.result.results.map((r) => (
            <Text
              key={r.applicationId}
              className={`queue__result ${r.ok ? 'queue__result--ok' : 'queue__result--refused'}`}
            >
              {r.ok ? '✓ 通过' : '✕ 未通过'} {results.names.get(r.applicationId) ?? `申报 ${r.applicationId}`}：
              {r.ok ? `已转入“${r.status ? (statusLabelOf(r.status) ?? r.status) : ''}”` : (r.error?.message ?? '')}
            </Text>
          ))}
        </View>
      ) : null}

      <View className="wb-table" role="table" aria-busy={loading}>
        <View className="wb-table__row wb-table__row--head" role="row">
          <View className="wb-table__cell wb-table__cell--narrow" role="columnheader">
            选择
          </View>
          <View className="wb-table__cell wb-table__cell--wide" role="columnheader">
            企业
          </View>
          <View className="wb-table__cell" role="columnheader">
            县（市、区）
          </View>
          <View className="wb-table__cell wb-table__cell--wide" role="columnheader">
            项目 / 批次
          </View>
          <View className="wb-table__cell" role="columnheader">
            状态
          </View>
          <View className="wb-table__cell" role="columnheader">
            本阶段截止
          </View>
          <View className="wb-table__cell wb-table__cell--money" role="columnheader">
            最高额 / 核定额
          </View>
        </View>
        {queue && items.length === 0 ? (
          <View className="wb-table__row" role="row">
            <Text>没有符合条件的待办申报</Text>
          </View>
        ) : null}
        {items.map((item, index) => {
          const label = deadlineLabel(item.stage.due, today);
          const round = rounds.find((r) => r.id === item.roundId);
          const can = isBatchable(item, role);
          return (
            <View
              key={item.applicationId}
              role="row"
              aria-selected={index === selected}
              data-id={item.applicationId}
              className={`wb-table__row wb-table__row--link queue__row${index === selected ? ' queue__row--selected' : ''}`}
              onClick={() => open(applicationPath(item.applicationId))}
            >
              <View
                className="wb-table__cell wb-table__cell--narrow"
                role="cell"
                onClick={(e) => {
                  e.stopPropagation();
                  if (can) toggle(item.applicationId);
                }}
              >
                {can ? (
                  <Checkbox
                    value={String(item.applicationId)}
                    checked={checked.has(item.applicationId)}
                    aria-label={`选择 ${item.firmName}`}
                  />
                ) : null}
              </View>
              <View className="wb-table__cell wb-table__cell--wide" role="cell">
                <Text>{item.firmName}</Text>
                {item.awaitingSecondApproval ? <Text className="queue__flag">⧗ 待第二审批人</Text> : null}
                {item.openObjections > 0 ? (
                  <Text className="queue__flag">⚑ 有异议 {item.openObjections} 件</Text>
                ) : null}
              </View>
              <View className="wb-table__cell" role="cell">
                {item.countyName}
              </View>
              <View className="wb-table__cell wb-table__cell--wide" role="cell">
                <Text>
                  {item.programTitle}（措施{item.measure}）
                </Text>
                <Text className="queue__sub">{round?.title ?? (item.roundId ? `批次 #${item.roundId}` : '—')}</Text>
              </View>
              <View className="wb-table__cell" role="cell">
                {item.statusLabel}
              </View>
              <View className={`wb-table__cell queue__due queue__due--${label.tone}`} role="cell">
                <Text>{label.text}</Text>
                {item.stage.due ? <Text className="queue__sub">截止 {item.stage.due}</Text> : null}
              </View>
              <View className="wb-table__cell wb-table__cell--money" role="cell">
                <Text>{item.maxAmountFen === null ? '—' : formatFen(item.maxAmountFen)}</Text>
                <Text className="queue__sub">
                  {item.awardFen === null ? '未核定' : `核定 ${formatFen(item.awardFen)}`}
                </Text>
              </View>
            </View>
          );
        })}
      </View>

      {queue ? (
        <Pager
          page={queue.page}
          pageSize={queue.pageSize}
          total={queue.total}
          onPage={(page) => change({ ...filters, page })}
        />
      ) : null}

      <View className="queue__keys" aria-label="快捷键">
        <Text>快捷键：</Text>
        <Text>
          <Text className="wb-kbd">j</Text>/<Text className="wb-kbd">k</Text> 上下移动
        </Text>
        <Text>
          <Text className="wb-kbd">Enter</Text> 打开
        </Text>
        <Text>
          <Text className="wb-kbd">x</Text> 勾选
        </Text>
        <Text>
          <Text className="wb-kbd">/</Text> 筛选
        </Text>
        <Text>
          <Text className="wb-kbd">r</Text> 刷新
        </Text>
      </View>
      {dialog}
    </View>
  );
};

const statusLabelOf = (status: string): string | undefined =>
  (APPLICATION_STATUS_LABELS as Readonly<Record<string, string>>)[status];
