import { Button, Text, View } from '@tarojs/components';
import { type MaterialView } from '@huiqi/shared';
import { ConditionStatusBadge, SlotStatusBadge, type SlotState } from '../../../components/status';
import { PICK_SOURCES, type PickSource, pickSources } from '../../../services/pick-file';
import { acceptsText, formatBytes, percentOf, validityText, validUntilText } from './format';
import { type SlotWork } from './use-materials';
import './checklist.scss';

export interface ChecklistProps {
  materials: readonly MaterialView[];
  claimYear: number;
  work: Readonly<Record<string, SlotWork | undefined>>;
  /** Whether the slot takes a file now: every slot of a draft, a submitted application's rejected ones. */
  canChange: (material: MaterialView) => boolean;
  /** Materials the API named when it refused the submission. */
  missing?: ReadonlySet<string>;
  onPick: (material: MaterialView, source: PickSource) => void;
  onLibrary: (material: MaterialView) => void;
  onRetry: (material: MaterialView) => void;
}

const slotState = (material: MaterialView): SlotState => {
  const status = material.current?.status;
  return status === 'attached' || status === 'accepted' || status === 'rejected' ? status : 'missing';
};

const nameOf = (work: SlotWork): string => (work.source.kind === 'file' ? work.source.file.name : work.source.name);

const Progress = ({ work }: { work: SlotWork & { phase: 'uploading' } }) => {
  const percent = percentOf(work.sentBytes, work.totalBytes);
  return (
    <View className="checklist__work" role="status">
      <Text className="checklist__file-name">正在上传：{nameOf(work)}</Text>
      <View className="checklist__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <View className="checklist__bar-fill" style={{ width: `${percent}%` }} />
      </View>
      <Text className="muted">
        已上传 {percent}%
        {work.totalBytes > 0 ? `（${formatBytes(work.sentBytes)} / ${formatBytes(work.totalBytes)}）` : ''}
      </Text>
    </View>
  );
};

const Item = ({ material, props }: { material: MaterialView; props: ChecklistProps }) => {
  const state = slotState(material);
  const work = props.work[material.id];
  const changeable = props.canChange(material);
  const named = props.missing?.has(material.id) === true;
  const current = material.current;
  const until = validUntilText(current?.validUntil ?? null);
  return (
    <View
      className={`card checklist__item ${named ? 'checklist__item--named' : ''}`}
      data-material={material.id}
      data-state={work?.phase ?? state}
    >
      <View className="checklist__head">
        <Text className="card-title checklist__title">{material.name}</Text>
        <Text className={`checklist__need ${material.required ? 'checklist__need--required' : ''}`}>
          {material.required ? '必交' : '选交'}
        </Text>
      </View>
      <Text className="checklist__shows">{material.shows}</Text>
      {material.provesConditions.length > 0 ? (
        <View className="checklist__proves">
          <Text className="muted">用来证明：</Text>
          {material.provesConditions.map((c) => (
            <View key={c.id} className="checklist__condition">
              <Text className="checklist__clause">“{c.clause}”</Text>
              {c.status ? <ConditionStatusBadge status={c.status} /> : null}
            </View>
          ))}
        </View>
      ) : (
        <Text className="muted">申报所需的基本材料</Text>
      )}
      <Text className="muted checklist__line">
        {acceptsText(material)}；{validityText(material, props.claimYear)}
      </Text>

      <View className="checklist__slot">
        <SlotStatusBadge state={state} />
        {current ? (
          <View className="checklist__file">
            <Text className="checklist__file-name">{current.file?.name ?? '文件已从文件库删除'}</Text>
            {current.file ? <Text className="muted">{formatBytes(current.file.size)}</Text> : null}
            {until ? <Text className="muted">{until}</Text> : null}
          </View>
        ) : null}
      </View>
      {current?.status === 'rejected' ? (
        <View className="checklist__reason" role="alert">
          <Text className="checklist__reason-title">✕ 退回原因</Text>
          <Text className="checklist__reason-text">{current.reason ?? '审核人员未写明原因'}</Text>
        </View>
      ) : null}
      {named && state === 'missing' && !work ? (
        <View className="checklist__named" role="alert">
          ✕ 提交前必须上传这项材料
        </View>
      ) : null}

      {work?.phase === 'uploading' ? <Progress work={work} /> : null}
      {work?.phase === 'failed' ? (
        <View className="checklist__work checklist__work--failed" role="alert">
          <Text className="checklist__file-name">✕ 上传失败：{nameOf(work)}</Text>
          <Text className="checklist__reason-text">{work.message}</Text>
          <Button className="checklist__button checklist__button--primary" onClick={() => props.onRetry(material)}>
            重试
          </Button>
        </View>
      ) : null}

      {changeable && work?.phase !== 'uploading' ? (
        <View className="checklist__actions">
          <Text className="muted">
            {state === 'rejected' ? '替换为新文件：' : current ? '更换文件：' : '上传文件：'}
          </Text>
          {pickSources(material.accepts).map((source) => (
            <Button key={source} className="checklist__button" onClick={() => props.onPick(material, source)}>
              {PICK_SOURCES[source]}
            </Button>
          ))}
          <Button className="checklist__button" onClick={() => props.onLibrary(material)}>
            从企业文件库选
          </Button>
        </View>
      ) : null}
    </View>
  );
};

/** The materials an application asks for, each with its file, its review and what can be done now. */
export const MaterialsChecklist = (props: ChecklistProps) => {
  const required = props.materials.filter((m) => m.required);
  const done = required.filter((m) => m.current && m.current.status !== 'rejected').length;
  return (
    <View className="checklist">
      <View className="checklist__summary" role="status">
        必交材料 {done}/{required.length} 项已上传
        {props.materials.length > required.length ? `，另有 ${props.materials.length - required.length} 项选交` : ''}
      </View>
      {props.materials.map((material) => (
        <Item key={material.id} material={material} props={props} />
      ))}
    </View>
  );
};
