import { Button, Text, View } from '@tarojs/components';
import { type MaterialView } from '@huiqi/shared';
import { useState } from 'react';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { checkReason, SLOT_STATUS } from '../../../workbench/review';
import { TextField } from './fields';

/** Below the viewer: what the material must show, every file put in its slot, and 通过 / 退回 with a reason. */
export const MaterialPanel = ({
  material,
  canReview,
  onReview,
}: {
  material: MaterialView;
  canReview: boolean;
  onReview: (decision: 'accept' | 'reject', reason: string) => Promise<boolean>;
}) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const slots = material.current ? [material.current, ...material.history] : material.history;
  const reject = async () => {
    const checked = checkReason(reason, '退回材料的理由（申报企业按此补正）');
    if (!checked.ok) return setError(checked.errors['reason']);
    setError(undefined);
    if (await onReview('reject', checked.reason)) setReason('');
  };
  return (
    <View className="wb-card ar-material-panel" data-material-panel={material.id}>
      <Text className="ar-title">{material.name}</Text>
      <Text className="ar-muted">应能看出：{material.shows}</Text>
      <View className="wb-table ar-slots">
        <View className="wb-table__row wb-table__row--head">
          <Text className="wb-table__cell wb-table__cell--wide">文件</Text>
          <Text className="wb-table__cell">状态</Text>
          <Text className="wb-table__cell wb-table__cell--wide">退回理由</Text>
          <Text className="wb-table__cell">上传</Text>
          <Text className="wb-table__cell">审核</Text>
        </View>
        {slots.length === 0 ? (
          <View className="wb-table__row">
            <Text className="wb-table__cell">还没有上传文件</Text>
          </View>
        ) : null}
        {slots.map((slot, i) => (
          <View key={`${slot.fileId}-${slot.attachedAt}-${i}`} className="wb-table__row" data-slot={slot.status}>
            <Text className="wb-table__cell wb-table__cell--wide">{slot.file?.name ?? '（文件已删除）'}</Text>
            <Text className="wb-table__cell">{SLOT_STATUS[slot.status]}</Text>
            <Text className="wb-table__cell wb-table__cell--wide">{slot.reason ?? '—'}</Text>
            <Text className="wb-table__cell">{formatDateTimeZh(slot.attachedAt)}</Text>
            <Text className="wb-table__cell">{slot.reviewedAt ? formatDateTimeZh(slot.reviewedAt) : '—'}</Text>
          </View>
        ))}
      </View>
      {canReview && material.current ? (
        <View className="ar-material-panel__review">
          <TextField
            name="material-reason"
            label="退回理由（退回时必填）"
            value={reason}
            error={error}
            multiline
            onChange={setReason}
          />
          <View className="ar-buttons">
            <Button className="wb-button wb-button--primary" onClick={() => void onReview('accept', '')}>
              材料通过
            </Button>
            <Button className="wb-button wb-button--danger" onClick={() => void reject()}>
              退回材料
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
};
