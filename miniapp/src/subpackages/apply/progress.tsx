import { Text, View } from '@tarojs/components';
import {
  type ApplicationHistoryEntry,
  type ApplicationProgress,
  type ApplicationStatus,
  formatDateZh,
  formatFen,
} from '@huiqi/shared';
import { formatDateTimeZh } from '../../services/shanghai-time';

/** How the reason of an entry is introduced, by what the reviewer did. */
const REASON_LABEL: Partial<Record<ApplicationHistoryEntry['action'], string>> = {
  'material-rejected': '退回原因',
  returned: '退回原因',
  rejected: '未通过原因',
  approved: '核减理由',
  'approval-confirmed': '核减理由',
  'objection-upheld': '处理意见',
  'objection-dismissed': '处理意见',
};

const AMOUNT_LABEL: Partial<Record<ApplicationHistoryEntry['action'], string>> = {
  approved: '核定金额',
  'approval-confirmed': '核定金额',
  allocated: '分配金额',
  paid: '拨付金额',
};

const RETURN_KIND: Record<string, string> = { condition: '条件', material: '材料', fact: '信息' };

/** Where it stands now: the stage with its unit and due date, the award, notice, payment, rejection. */
export const ProgressCard = ({ status, progress }: { status: ApplicationStatus; progress: ApplicationProgress }) => {
  const { stage, returned, notice, payment } = progress;
  return (
    <View className="card progress" data-progress={status}>
      <Text className="card-title">办理进度</Text>
      {progress.roundTitle ? <Text className="apply__line muted">申报批次：{progress.roundTitle}</Text> : null}
      {stage ? (
        <View className="progress__stage" data-stage={stage.status}>
          <Text className="apply__line">
            当前环节：<Text className="apply__value">{stage.label}</Text>（{stage.unit}办理）
          </Text>
          <Text className="apply__line muted">开始于 {formatDateTimeZh(stage.since)}</Text>
          {stage.due ? (
            <Text className={`apply__line ${stage.overdue ? 'progress__overdue' : ''}`}>
              办理期限：{formatDateZh(stage.due)}
              {stage.overdue ? '（⚠ 已超期）' : ''}
            </Text>
          ) : null}
        </View>
      ) : null}
      {returned ? (
        <Text className={`apply__line ${returned.overdue ? 'progress__overdue' : ''}`}>
          {returned.fromLabel}退回补正，请于 {formatDateZh(returned.deadline)} 前补正后重新提交
          {returned.overdue ? '（⚠ 已超过补正期限）' : ''}
        </Text>
      ) : null}
      {progress.awardFen !== null ? (
        <Text className="apply__line progress__award">核定奖励：{formatFen(progress.awardFen)}</Text>
      ) : null}
      {progress.awardReason ? <Text className="apply__line">核减理由：{progress.awardReason}</Text> : null}
      {notice ? (
        <View className="progress__notice">
          <Text className="apply__line">
            公示期：{formatDateZh(notice.starts)} 至 {formatDateZh(notice.ends)}
          </Text>
          <Text className="apply__line muted">
            {notice.objections > 0 ? `收到异议 ${notice.objections} 件，审核部门正在核实` : '公示期内未收到异议'}
          </Text>
        </View>
      ) : null}
      {payment ? (
        <Text className="apply__line progress__paid" data-voucher={payment.voucherNo}>
          ✓ 已于 {formatDateZh(payment.paidOn)} 拨付，凭证号 {payment.voucherNo}
        </Text>
      ) : null}
      {progress.rejectionReason ? (
        <Text className="apply__line progress__overdue">未通过原因：{progress.rejectionReason}</Text>
      ) : null}
    </View>
  );
};

/** One entry of 办理记录: what happened, the move of the status, why, what was returned, the amount. */
export const HistoryItem = ({ entry }: { entry: ApplicationHistoryEntry }) => (
  <View className="history__item" data-history={entry.action}>
    <Text className="apply__line">
      <Text className="apply__value">{entry.label}</Text>
      {entry.material ? `：${entry.material.name}` : ''}
      {entry.statusChange
        ? entry.statusChange.fromLabel
          ? `（${entry.statusChange.fromLabel} → ${entry.statusChange.toLabel}）`
          : `（${entry.statusChange.toLabel}）`
        : ''}
    </Text>
    {entry.reason ? (
      <Text className="apply__line">
        {REASON_LABEL[entry.action] ?? '说明'}：{entry.reason}
      </Text>
    ) : null}
    {entry.returned ? (
      <View className="history__returned">
        {entry.returned.items.map((item) => (
          <Text key={`${item.kind}:${item.id}`} className="apply__line">
            · {RETURN_KIND[item.kind] ?? ''}“{item.label}”：{item.reason}
          </Text>
        ))}
        <Text className="apply__line">补正期限：{formatDateZh(entry.returned.deadline)}</Text>
      </View>
    ) : null}
    {entry.amountFen !== null ? (
      <Text className="apply__line">
        {AMOUNT_LABEL[entry.action] ?? '金额'}：{formatFen(entry.amountFen)}
      </Text>
    ) : null}
    <Text className="muted">
      {formatDateTimeZh(entry.at)} · {entry.actorLabel}
    </Text>
  </View>
);
