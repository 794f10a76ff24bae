import { Button, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  formatBasisPoints,
  formatFen,
  type PoolExportQuery,
  type PoolLedger,
  type Role,
  type RoundPoolView,
  type RoundView,
  type TokenSource,
} from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { poolBar, poolFigures, widthOf } from '../../../workbench/pools';
import { Pager } from '../components/pager';
import { type DownloadedFile, fetchPoolExport } from './download';

const KIND_LABELS = { reserve: '预留', commit: '确认', release: '释放', pay: '拨付' } as const;

/** A pool's stacked bar: committed, reserved, left, each labelled with its words and amount. */
export const PoolBar = ({ pool }: { pool: RoundPoolView }) => {
  const segments = poolBar(pool);
  return (
    <View className="pool-bar" data-bar={pool.poolId}>
      <View
        className="pool-bar__track"
        role="img"
        aria-label={segments.map((s) => `${s.label}${formatFen(s.fen)}`).join('，')}
      >
        {segments.map((s) =>
          s.bp > 0 ? (
            <View
              key={s.kind}
              className={`pool-bar__segment pool-bar__segment--${s.kind}`}
              data-segment={s.kind}
              data-bp={s.bp}
              style={{ width: widthOf(s.bp) }}
            />
          ) : null,
        )}
      </View>
      <View className="pool-bar__legend">
        {segments.map((s) => (
          <Text key={s.kind} className={`pool-bar__key pool-bar__key--${s.kind}`} data-legend={s.kind}>
            {s.label} {formatFen(s.fen)}（{formatBasisPoints(s.bp)}）
          </Text>
        ))}
      </View>
    </View>
  );
};

/** The pool's ledger: its lines, a page at a time from the API. */
const Ledger = ({ client, roundId, poolId }: { client: ApiClient; roundId: number; poolId: string }) => {
  const [page, setPage] = useState(1);
  const [ledger, setLedger] = useState<PoolLedger | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .getPoolLedger({ params: { id: roundId, poolId }, query: { page } })
      .then((answer) => live && setLedger(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, roundId, poolId, page]);

  if (failure)
    return (
      <View className="wb-alert" role="alert">
        {failure}
      </View>
    );
  if (!ledger) return <Text className="muted">台账加载中…</Text>;
  return (
    <View className="pool-ledger" data-ledger={poolId}>
      <View className="wb-table">
        <View className="wb-table__row wb-table__row--head">
          <Text className="wb-table__cell">时间</Text>
          <Text className="wb-table__cell wb-table__cell--narrow">申报编号</Text>
          <Text className="wb-table__cell wb-table__cell--narrow">类型</Text>
          <Text className="wb-table__cell wb-table__cell--money">金额</Text>
          <Text className="wb-table__cell wb-table__cell--money">之后预留</Text>
          <Text className="wb-table__cell wb-table__cell--money">之后确认</Text>
        </View>
        {ledger.entries.length === 0 ? (
          <View className="wb-table__row">
            <Text className="wb-table__cell">台账暂无记录</Text>
          </View>
        ) : (
          ledger.entries.map((e) => (
            <View key={e.id} className="wb-table__row" data-entry={e.id}>
              <Text className="wb-table__cell">{formatDateTimeZh(e.at)}</Text>
              <Text className="wb-table__cell wb-table__cell--narrow">{e.applicationId}</Text>
              <Text className="wb-table__cell wb-table__cell--narrow">{KIND_LABELS[e.kind]}</Text>
              <Text className="wb-table__cell wb-table__cell--money">{formatFen(e.amountFen)}</Text>
              <Text className="wb-table__cell wb-table__cell--money">{formatFen(e.reservedFen)}</Text>
              <Text className="wb-table__cell wb-table__cell--money">{formatFen(e.committedFen)}</Text>
            </View>
          ))
        )}
      </View>
      <Pager page={ledger.page} pageSize={ledger.pageSize} total={ledger.entriesTotal} onPage={setPage} />
    </View>
  );
};

export interface PoolCardProps {
  client: ApiClient;
  tokens: TokenSource;
  round: RoundView;
  pool: RoundPoolView;
  role: Role;
  ask: (question: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) => Promise<boolean>;
  save: (file: DownloadedFile) => void;
  /** The round's pools changed (a pro-rata allocation): read them again. */
  onChanged: () => void;
}

/** One pool of a round: its figures, its bar, its sharing rule, and what the caller's role may do with it. */
export const PoolCard = ({ client, tokens, round, pool, role, ask, save, onChanged }: PoolCardProps) => {
  const figures = poolFigures(pool);
  const [showLedger, setShowLedger] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const canAllocate = role === 'city-reviewer' && pool.sharing === 'pro-rata' && pool.allocatedAt === null;
  const canExport = role === 'finance' || role === 'city-reviewer' || role === 'admin';

  const allocate = useCallback(async () => {
    const ok = await ask({
      title: '按比例分配资金池',
      body: (
        <Text>
          将“{round.title}”的“{pool.title}
          ”按比例分配：本批次市级复审通过、等待分配的奖补按同一比例核减（向下取整到分）， 合计不超过剩余额度{' '}
          {figures.left}；分配后各申报进入财政审核或公示，且不能再次分配。
        </Text>
      ),
      confirmText: '确定分配',
    });
    if (!ok) return;
    setBusy(true);
    setMessage(null);
    try {
      const done = await client.allocatePool({ params: { id: round.id, poolId: pool.poolId } });
      setMessage({
        ok: true,
        text: `已分配：申请 ${formatFen(done.requestedFen)}，分配 ${formatFen(done.allocatedFen)}，比例 ${formatBasisPoints(done.ratioBp)}，共 ${done.shares.length} 项`,
      });
      onChanged();
    } catch (error) {
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }, [ask, client, figures.left, onChanged, pool.poolId, pool.title, round.id, round.title]);

  const exportAs = async (format: PoolExportQuery['format']) => {
    setBusy(true);
    setMessage(null);
    try {
      const file = await fetchPoolExport(client, tokens, { id: round.id, poolId: pool.poolId }, format);
      save(file);
      setMessage({ ok: true, text: `已导出：${file.name}` });
    } catch (error) {
      setMessage({ ok: false, text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card pool" data-pool={pool.poolId}>
      <View className="pool__head">
        <Text className="pool__title">{pool.title}</Text>
        <Text className="pool__sharing" data-sharing={pool.sharing}>
          分配方式：{pool.sharingLabel}
          {pool.sharing === 'pro-rata'
            ? pool.allocatedAt
              ? `（已于${formatDateTimeZh(pool.allocatedAt)}分配）`
              : '（尚未分配）'
            : ''}
        </Text>
      </View>
      <Text className="muted pool__clause">{pool.clause}</Text>
      <View className="pool__figures">
        <View className="pool__figure" data-figure="cap">
          <Text className="pool__figure-label">本批次额度</Text>
          <Text className="pool__figure-value">{figures.cap}</Text>
        </View>
        <View className="pool__figure" data-figure="reserved">
          <Text className="pool__figure-label">已预留</Text>
          <Text className="pool__figure-value">{figures.reserved}</Text>
        </View>
        <View className="pool__figure" data-figure="committed">
          <Text className="pool__figure-label">已确认</Text>
          <Text className="pool__figure-value">{figures.committed}</Text>
        </View>
        <View className="pool__figure" data-figure="paid">
          <Text className="pool__figure-label">其中已拨付</Text>
          <Text className="pool__figure-value">{figures.paid}</Text>
        </View>
        <View className="pool__figure pool__figure--left" data-figure="left">
          <Text className="pool__figure-label">剩余</Text>
          <Text className="pool__figure-value">{figures.left}</Text>
        </View>
      </View>
      {figures.over ? (
        <View className="wb-alert" role="alert">
          已预留与已确认合计超出额度 {figures.over}
        </View>
      ) : null}
      <PoolBar pool={pool} />
      <View className="pool__actions">
        <Button className="wb-button" onClick={() => setShowLedger((v) => !v)}>
          {showLedger ? '收起台账' : '查看台账'}
        </Button>
        {canExport ? (
          <>
            <Button className="wb-button" {...busyProps(busy)} onClick={() => void exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button className="wb-button" {...busyProps(busy)} onClick={() => void exportAs('csv')}>
              导出 CSV
            </Button>
          </>
        ) : null}
        {canAllocate ? (
          <Button className="wb-button wb-button--primary" {...busyProps(busy)} onClick={() => void allocate()}>
            按比例分配
          </Button>
        ) : null}
      </View>
      {message ? (
        <View className={`wb-alert${message.ok ? ' wb-alert--ok' : ''}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </View>
      ) : null}
      {showLedger ? <Ledger client={client} roundId={round.id} poolId={pool.poolId} /> : null}
    </View>
  );
};
