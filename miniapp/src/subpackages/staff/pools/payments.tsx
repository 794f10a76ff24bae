import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { type ApiClient, formatFen, type ReviewQueue, type ReviewQueueItem } from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { fieldErrorsOf } from '../../../org/facts-view';
import { paymentErrors } from '../../../workbench/pools';
import { Pager } from '../components/pager';
import { Done } from '../components/outcome';

type Ask = (question: { title: string; body: ReactNode; confirmText?: string; danger?: boolean }) => Promise<boolean>;

/** One award waiting for payment: 凭证号 and 拨付日期 (not after today), confirmed, then sent. */
const PaymentRow = ({
  client,
  item,
  today,
  ask,
  onPaid,
}: {
  client: ApiClient;
  item: ReviewQueueItem;
  today: string;
  ask: Ask;
  onPaid: (item: ReviewQueueItem, voucherNo: string, paidOn: string) => void;
}) => {
  const [voucherNo, setVoucherNo] = useState('');
  const [paidOn, setPaidOn] = useState(today);
  const [errors, setErrors] = useState<{ voucherNo?: string; paidOn?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amount = item.awardFen === null ? '—' : formatFen(item.awardFen);

  const pay = async () => {
    const found = paymentErrors({ voucherNo, paidOn }, today);
    setErrors(found);
    setFailure(null);
    if (found.voucherNo || found.paidOn) return;
    const ok = await ask({
      title: '登记拨付',
      body: (
        <Text>
          登记“{item.firmName}”的“{item.programTitle}”奖补 {amount} 已于 {paidOn} 拨付，凭证号 {voucherNo.trim()}
          。登记后资金池记为已拨付，申报企业会看到“已拨付”，不能撤销。
        </Text>
      ),
      confirmText: '确定拨付',
    });
    if (!ok) return;
    setBusy(true);
    try {
      await client.recordPayment({ params: { id: item.applicationId }, body: { voucherNo: voucherNo.trim(), paidOn } });
      onPaid(item, voucherNo.trim(), paidOn);
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-table__row payment" data-payment={item.applicationId}>
      <Text className="wb-table__cell wb-table__cell--wide">{item.firmName}</Text>
      <Text className="wb-table__cell">{item.programTitle}</Text>
      <Text className="wb-table__cell wb-table__cell--money">{amount}</Text>
      <Text className="wb-table__cell">
        {item.stage.due ?? '—'}
        {item.stage.overdue ? <Text className="payment__overdue">（已超期）</Text> : null}
      </Text>
      <View className="wb-table__cell payment__form">
        <View className="wb-field" data-field="voucherNo">
          <Input
            className="wb-field__input"
            value={voucherNo}
            placeholder="拨付凭证号"
            maxlength={64}
            onInput={(e) => {
              setVoucherNo(e.detail.value);
              setErrors((x) => ({ ...x, voucherNo: undefined }));
            }}
          />
          {errors.voucherNo ? <Text className="wb-field__error">{errors.voucherNo}</Text> : null}
        </View>
        <View className="wb-field" data-field="paidOn">
          <Picker mode="date" value={paidOn} end={today} onChange={(e) => setPaidOn(String(e.detail.value))}>
            <View className="wb-field__input payment__date">拨付日期：{paidOn}</View>
          </Picker>
          {errors.paidOn ? <Text className="wb-field__error">{errors.paidOn}</Text> : null}
        </View>
        <Button className="wb-button wb-button--primary" {...busyProps(busy)} onClick={() => void pay()}>
          拨付
        </Button>
        {failure ? (
          <View className="wb-alert" role="alert">
            {failure}
          </View>
        ) : null}
      </View>
    </View>
  );
};

/** Finance: the round's approved awards waiting for payment, a page at a time from the queue. */
export const Payments = ({
  client,
  roundId,
  today,
  ask,
  onPaid,
}: {
  client: ApiClient;
  roundId: number;
  today: string;
  ask: Ask;
  /** A payment was recorded: the pools' totals moved. */
  onPaid: () => void;
}) => {
  const [page, setPage] = useState(1);
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .listReviewQueue({ query: { stage: 'approved', roundId, page } })
      .then((answer) => live && setQueue(answer))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, roundId, page, reload]);

  const paid = useCallback(
    (item: ReviewQueueItem, voucherNo: string, paidOn: string) => {
      setDone(`已登记拨付：${item.firmName}，凭证号 ${voucherNo}，拨付日期 ${paidOn}`);
      setReload((n) => n + 1);
      onPaid();
    },
    [onPaid],
  );

  return (
    <View className="wb-card payments" data-payments={roundId}>
      <Text className="payments__title">待拨付（本批次已公示期满、核定通过的奖补）</Text>
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
              <Text className="wb-table__cell wb-table__cell--money">核定金额</Text>
              <Text className="wb-table__cell">拨付期限</Text>
              <Text className="wb-table__cell">拨付</Text>
            </View>
            {queue.items.length === 0 ? (
              <View className="wb-table__row">
                <Text className="wb-table__cell">本批次暂无待拨付的奖补</Text>
              </View>
            ) : (
              queue.items.map((item) => (
                <PaymentRow
                  key={`${item.applicationId}-${reload}`}
                  client={client}
                  item={item}
                  today={today}
                  ask={ask}
                  onPaid={paid}
                />
              ))
            )}
          </View>
          <Pager page={queue.page} pageSize={queue.pageSize} total={queue.total} onPage={setPage} />
        </>
      )}
    </View>
  );
};
