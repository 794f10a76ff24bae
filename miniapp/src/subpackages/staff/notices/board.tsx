import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type ApiClient,
  cnCalendar,
  formatFen,
  type ObjectionView,
  type ReviewQueue,
  type ReviewQueueItem,
  type ReviewView,
} from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { daysLeftText, openObjections, rulingConsequence, rulingReasonError } from '../../../workbench/notices';
import { useConfirm } from '../components/confirm';
import { Pager } from '../components/pager';
import { Done } from '../components/outcome';

type Ask = (question: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) => Promise<boolean>;

/** The public notice page applicants and everyone read. */
export const PUBLIC_NOTICE_PATH = '/subpackages/notice/index/index';

/** One open objection: the objector as staff see them, reason, evidence, and 成立 / 不成立 with a reason. */
const OpenObjection = ({
  client,
  item,
  objection,
  ask,
  onRuled,
}: {
  client: ApiClient;
  item: ReviewQueueItem;
  objection: ObjectionView;
  ask: Ask;
  onRuled: (text: string) => void;
}) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rule = async (outcome: 'upheld' | 'dismissed') => {
    const found = rulingReasonError(reason);
    setError(found);
    setFailure(null);
    if (found) return;
    const word = outcome === 'upheld' ? '成立' : '不成立';
    const ok = await ask({
      title: `异议${word}`,
      body: (
        <View>
          <Text>
            认定对“{item.firmName}”的“{item.programTitle}”的异议{word}，理由：{reason.trim()}
          </Text>
          <Text className="notice-item__consequence">{rulingConsequence(outcome)}</Text>
        </View>
      ),
      confirmText: `确定${word}`,
      danger: outcome === 'upheld',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await client.ruleObjection({ params: { id: objection.id }, body: { outcome, reason: reason.trim() } });
      onRuled(`已认定异议${word}：${item.firmName}`);
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="objection-card" data-objection={objection.id}>
      <ObjectionFacts objection={objection} />
      <View className="wb-field" data-field="reason">
        <Text className="wb-field__label">处理理由</Text>
        <Textarea
          className="wb-field__input objection-card__reason"
          value={reason}
          maxlength={500}
          placeholder="写明认定的理由，异议人和申报企业会看到"
          onInput={(e) => {
            setReason(e.detail.value);
            setError(null);
          }}
        />
        {error ? (
          <View className="wb-field__error" role="alert">
            {error}
          </View>
        ) : null}
      </View>
      <View className="objection-card__buttons">
        <Button className="wb-button wb-button--danger" {...busyProps(busy)} onClick={() => void rule('upheld')}>
          成立
        </Button>
        <Button className="wb-button" {...busyProps(busy)} onClick={() => void rule('dismissed')}>
          不成立
        </Button>
      </View>
      {failure ? (
        <View className="wb-alert" role="alert">
          {failure}
        </View>
      ) : null}
    </View>
  );
};

const ObjectionFacts = ({ objection }: { objection: ObjectionView }) => (
  <View className="objection-card__facts">
    <Text className="objection-card__who">
      异议人：{objection.name ?? '（未提供）'}
      {objection.phone ? `，电话 ${objection.phone}` : ''} · 提出于 {formatDateTimeZh(objection.filedAt)} ·{' '}
      {objection.statusLabel}
    </Text>
    <Text className="objection-card__text">理由：{objection.reason}</Text>
    <Text className="objection-card__text">依据：{objection.evidence}</Text>
    {objection.ruling ? (
      <Text className="objection-card__text">
        处理理由：{objection.ruling.reason}（{formatDateTimeZh(objection.ruling.at)}）
      </Text>
    ) : null}
  </View>
);

/** A notice expanded: its objections from the review view, the open ones to decide. */
const NoticeObjections = ({
  client,
  item,
  ask,
  onRuled,
}: {
  client: ApiClient;
  item: ReviewQueueItem;
  ask: Ask;
  onRuled: (text: string) => void;
}) => {
  const [review, setReview] = useState<ReviewView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client
      .getReview({ params: { id: item.applicationId } })
      .then((answer) => live && setReview(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, item.applicationId]);

  if (failure)
    return (
      <View className="wb-alert" role="alert">
        {failure}
      </View>
    );
  if (!review) return <Text className="muted">加载异议…</Text>;
  const open = openObjections(review.objections);
  const decided = review.objections.filter((o) => o.status !== 'open');
  return (
    <View className="notice-item__objections">
      {review.objections.length === 0 ? <Text className="muted">暂无异议</Text> : null}
      {open.map((o) => (
        <OpenObjection key={o.id} client={client} item={item} objection={o} ask={ask} onRuled={onRuled} />
      ))}
      {decided.map((o) => (
        <View key={o.id} className="objection-card objection-card--decided" data-objection={o.id}>
          <ObjectionFacts objection={o} />
        </View>
      ))}
    </View>
  );
};

/**
 * 公示与异议 (city reviewers, administrators): the applications on notice, a page at a time, with
 * the period's end, the working days left and the open objections; each expands to its objections.
 */
export const NoticesBoard = ({ client, today }: { client: ApiClient; today: string }) => {
  const [page, setPage] = useState(1);
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const { dialog, ask } = useConfirm();
  const calendar = cnCalendar();

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .listReviewQueue({ query: { stage: 'notice', page } })
      .then((answer) => live && setQueue(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, page, reload]);

  const ruled = useCallback((text: string) => {
    setDone(text);
    setExpanded(null);
    setReload((n) => n + 1);
  }, []);

  return (
    <View className="notices-board">
      <View className="notices-board__bar">
        <Text className="muted">公示期按工作日计算；有未处理异议的公示期满后不会自动确认。</Text>
        <Button className="wb-button" onClick={() => void Taro.navigateTo({ url: PUBLIC_NOTICE_PATH })}>
          查看公示页面
        </Button>
      </View>
      <Done text={done} />
      {failure ? (
        <View className="wb-alert" role="alert">
          {failure}
        </View>
      ) : !queue ? (
        <Text className="muted">加载中…</Text>
      ) : (
        <>
          <View className="wb-table">
            <View className="wb-table__row wb-table__row--head">
              <Text className="wb-table__cell wb-table__cell--wide">企业</Text>
              <Text className="wb-table__cell">项目</Text>
              <Text className="wb-table__cell wb-table__cell--money">金额</Text>
              <Text className="wb-table__cell">公示截止</Text>
              <Text className="wb-table__cell">剩余</Text>
              <Text className="wb-table__cell wb-table__cell--narrow">未处理异议</Text>
            </View>
            {queue.items.length === 0 ? (
              <View className="wb-table__row">
                <Text className="wb-table__cell">目前没有公示中的申报</Text>
              </View>
            ) : (
              queue.items.map((item) => (
                <View key={item.applicationId} className="notice-item" data-notice={item.applicationId}>
                  <View
                    className="wb-table__row wb-table__row--link"
                    role="button"
                    aria-expanded={expanded === item.applicationId}
                    onClick={() => setExpanded((x) => (x === item.applicationId ? null : item.applicationId))}
                  >
                    <Text className="wb-table__cell wb-table__cell--wide">
                      {expanded === item.applicationId ? '▾' : '▸'} {item.firmName}
                    </Text>
                    <Text className="wb-table__cell">{item.programTitle}</Text>
                    <Text className="wb-table__cell wb-table__cell--money">
                      {item.awardFen === null ? '—' : formatFen(item.awardFen)}
                    </Text>
                    <Text className="wb-table__cell">{item.stage.due ?? '—'}</Text>
                    <Text className="wb-table__cell" data-left={item.applicationId}>
                      {item.stage.due ? daysLeftText(today, item.stage.due, calendar) : '—'}
                    </Text>
                    <Text
                      className={`wb-table__cell wb-table__cell--narrow${item.openObjections > 0 ? ' notice-item__open' : ''}`}
                    >
                      {item.openObjections}
                    </Text>
                  </View>
                  {expanded === item.applicationId ? (
                    <NoticeObjections client={client} item={item} ask={ask} onRuled={ruled} />
                  ) : null}
                </View>
              ))
            )}
          </View>
          <Pager page={queue.page} pageSize={queue.pageSize} total={queue.total} onPage={setPage} />
        </>
      )}
      {dialog}
    </View>
  );
};
