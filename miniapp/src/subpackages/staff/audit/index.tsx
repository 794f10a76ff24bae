import { Button, Input, Picker, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  type AuditEntryView,
  auditActionLabel,
  type AuditLog,
  type AuditVerification,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import {
  ACTOR_LABELS,
  ACTOR_OPTIONS,
  actorLabel,
  type AuditFilters,
  auditFilterProblems,
  auditQuery,
  changeLines,
  EMPTY_AUDIT_FILTERS,
  shanghaiDateTime,
  SUBJECT_LABELS,
  SUBJECT_OPTIONS,
} from '../../../workbench/audit';
import { Workbench } from '../components/workbench';
import './index.scss';

type TextFilter = 'entityId' | 'orgId' | 'action' | 'from' | 'to';

const TEXT_FILTERS: readonly { key: TextFilter; label: string; placeholder: string }[] = [
  { key: 'entityId', label: '对象编号', placeholder: '对象编号' },
  { key: 'orgId', label: '企业编号', placeholder: '企业编号' },
  { key: 'action', label: '操作', placeholder: '操作，如 application.' },
  { key: 'from', label: '开始日期', placeholder: '开始日期 YYYY-MM-DD' },
  { key: 'to', label: '结束日期', placeholder: '结束日期 YYYY-MM-DD' },
];

/** One entry: its line, and before → after (as the API masked them) when opened. */
const Entry = ({ entry }: { entry: AuditEntryView }) => {
  const [open, setOpen] = useState(false);
  const lines = changeLines(entry.before, entry.after);
  return (
    <View className="audit__entry" data-entry={entry.id}>
      <View className="wb-table__row wb-table__row--link" role="row" onClick={() => setOpen(!open)}>
        <Text className="wb-table__cell">{shanghaiDateTime(entry.at)}</Text>
        <Text className="wb-table__cell">{actorLabel(entry.actorRole)}</Text>
        <Text className="wb-table__cell wb-table__cell--wide">
          {auditActionLabel(entry.action)}
          <Text className="audit__action-id">{entry.action}</Text>
        </Text>
        <Text className="wb-table__cell">
          {SUBJECT_LABELS[entry.entity]} {entry.entityId}
          {entry.orgId === null ? '' : ` · 企业 ${entry.orgId}`}
        </Text>
        <Text className="wb-table__cell wb-table__cell--narrow">{open ? '收起 ▴' : '展开 ▾'}</Text>
      </View>
      {open ? (
        <View className="audit__change">
          {lines.length === 0 ? <Text>（没有记录变更内容）</Text> : null}
          {lines.map((line) => (
            <View key={line.field} className="audit__line">
              {line.field ? <Text className="audit__field">{line.field}：</Text> : null}
              <Text className="audit__before">{line.before}</Text>
              <Text> → </Text>
              <Text className="audit__after">{line.after}</Text>
            </View>
          ))}
          <Text className="audit__meta">
            记录 #{entry.id}
            {entry.actorId === null ? '' : ` · 操作人账号 ${entry.actorId}`}
            {entry.requestId ? ` · 请求 ${entry.requestId}` : ''}
          </Text>
        </View>
      ) : null}
    </View>
  );
};

/**
 * 审计日志: filters, one page of entries at a time by cursor (下一页 asks `before` the page's
 * `next`; 上一页 goes back through the cursors seen), and 校验审计链.
 */
export const AuditView = ({ client }: { client: ApiClient }) => {
  const [typed, setTyped] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  /** The `before` of each page opened so far: the last is the page shown (null: the newest). */
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const [log, setLog] = useState<AuditLog | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [problems, setProblems] = useState<Partial<Record<keyof AuditFilters, string>>>({});
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const before = cursors[cursors.length - 1] ?? null;

  const load = useCallback(async () => {
    setFailure(null);
    try {
      setLog(await client.listAudit({ query: auditQuery(applied, before) }));
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, applied, before]);

  useEffect(() => {
    void load();
  }, [load]);

  const search = () => {
    const found = auditFilterProblems(typed);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setApplied(typed);
    setCursors([null]);
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await client.verifyAudit());
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setVerifying(false);
    }
  };

  const entityOptions = ['', ...SUBJECT_OPTIONS] as const;
  const actorOptions = ['', ...ACTOR_OPTIONS] as const;

  return (
    <View className="audit">
      <View className="wb-card audit__filters">
        <View className="wb-field" data-field="entity">
          <Text className="wb-field__label">对象类型</Text>
          <Picker
            mode="selector"
            range={entityOptions.map((e) => (e ? SUBJECT_LABELS[e] : '全部'))}
            value={entityOptions.indexOf(typed.entity)}
            onChange={(e) => setTyped({ ...typed, entity: entityOptions[Number(e.detail.value)] ?? '' })}
          >
            <View className="wb-field__input audit__picker">
              {typed.entity ? SUBJECT_LABELS[typed.entity] : '全部'} ▾
            </View>
          </Picker>
        </View>
        <View className="wb-field" data-field="actorRole">
          <Text className="wb-field__label">操作人角色</Text>
          <Picker
            mode="selector"
            range={actorOptions.map((r) => (r ? ACTOR_LABELS[r] : '全部'))}
            value={actorOptions.indexOf(typed.actorRole)}
            onChange={(e) => setTyped({ ...typed, actorRole: actorOptions[Number(e.detail.value)] ?? '' })}
          >
            <View className="wb-field__input audit__picker">
              {typed.actorRole ? ACTOR_LABELS[typed.actorRole] : '全部'} ▾
            </View>
          </Picker>
        </View>
        {TEXT_FILTERS.map((filter) => (
          <View key={filter.key} className="wb-field" data-field={filter.key}>
            <Text className="wb-field__label">{filter.label}</Text>
            <Input
              className="wb-field__input"
              placeholder={filter.placeholder}
              value={typed[filter.key]}
              onInput={(e) => setTyped((t) => ({ ...t, [filter.key]: e.detail.value }))}
              onConfirm={search}
            />
            {problems[filter.key] ? (
              <View className="wb-field__error" role="alert">
                {problems[filter.key]}
              </View>
            ) : null}
          </View>
        ))}
        <View className="audit__buttons">
          <Button className="wb-button wb-button--primary" onClick={search}>
            查询
          </Button>
          <Button
            className="wb-button"
            onClick={() => {
              setTyped(EMPTY_AUDIT_FILTERS);
              setProblems({});
              setApplied(EMPTY_AUDIT_FILTERS);
              setCursors([null]);
            }}
          >
            清除条件
          </Button>
          <Button className="wb-button" disabled={verifying} onClick={() => void verify()}>
            校验审计链
          </Button>
        </View>
      </View>
      {verification ? (
        <Text className={`wb-alert ${verification.intact ? 'wb-alert--ok' : ''}`} data-testid="verification">
          {verification.message}
        </Text>
      ) : null}
      {failure ? <Text className="wb-alert">{failure}</Text> : null}
      <Text className="audit__note">时间为北京时间；个人信息按接口的脱敏规则显示。点击一行查看变更前后。</Text>
      <View className="wb-table" role="table" aria-label="审计日志">
        <View className="wb-table__row wb-table__row--head" role="row">
          <Text className="wb-table__cell">时间</Text>
          <Text className="wb-table__cell">操作人</Text>
          <Text className="wb-table__cell wb-table__cell--wide">操作</Text>
          <Text className="wb-table__cell">对象</Text>
          <Text className="wb-table__cell wb-table__cell--narrow" />
        </View>
        {log?.entries.map((entry) => (
          <Entry key={entry.id} entry={entry} />
        ))}
        {log && log.entries.length === 0 ? (
          <View className="wb-table__row">
            <Text className="wb-table__cell">没有符合条件的记录</Text>
          </View>
        ) : null}
      </View>
      <View className="wb-pager" role="navigation" aria-label="分页">
        <Button
          className="wb-button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c))}
        >
          上一页
        </Button>
        <Text className="wb-pager__text">第 {cursors.length} 页</Text>
        <Button
          className="wb-button"
          disabled={!log || log.next === null}
          onClick={() => {
            const next = log?.next;
            if (next !== undefined && next !== null) setCursors((c) => [...c, next]);
          }}
        >
          下一页
        </Button>
      </View>
    </View>
  );
};

function AuditPage() {
  return (
    <Workbench active="audit" title="审计日志" roles={['admin']}>
      <AuditView client={api} />
    </Workbench>
  );
}

export default AuditPage;
