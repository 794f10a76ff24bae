import { Button, Input, Text, View } from '@tarojs/components';
import {
  type ApiClient,
  formatFen,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  type ReferralKind,
  type ReferralStatus,
  type ReferralView,
  type TokenSource,
} from '@huiqi/shared';
import { useCallback, useEffect, useState } from 'react';
import { busyProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { Done, Refused } from '../components/outcome';
import { type DownloadedFile, fetchFile, saveFile } from '../pools/download';

export interface ReferralsBoardProps {
  client: ApiClient;
  tokens: TokenSource;
  /** Where a downloaded file goes (the browser's download; a test's list). */
  save?: (file: DownloadedFile) => void;
}

/** One referral: the firm, what it asks, the steps so far, the next moves and the bank export. */
const ReferralRow = ({
  client,
  tokens,
  referral,
  save,
  onChanged,
}: {
  client: ApiClient;
  tokens: TokenSource;
  referral: ReferralView;
  save: (file: DownloadedFile) => void;
  onChanged: (text: string) => void;
}) => {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const labels = REFERRAL_STATUS_LABELS[referral.kind];

  const move = async (status: ReferralStatus) => {
    setBusy(true);
    setFailure(null);
    try {
      const trimmed = note.trim();
      await client.updateReferralStatus({
        params: { id: referral.id },
        body: trimmed ? { status, note: trimmed } : { status },
      });
      setNote('');
      onChanged(`${referral.orgName}：已改为“${labels[status]}”`);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const exportSummary = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const url = client.urlOf('exportReferral', { params: { id: referral.id } });
      save(await fetchFile(client, tokens, url, `企业数据摘要-${referral.id}.xlsx`));
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card referral-row" data-referral={referral.id}>
      <View className="referral-row__head">
        <Text className="referral-row__firm">
          {referral.orgName}（{referral.countyName}）· {referral.kindLabel}
        </Text>
        <Text className={`referral-row__status referral-row__status--${referral.status}`}>{referral.statusLabel}</Text>
      </View>
      {referral.kind === 'loan' ? (
        <Text className="referral-row__ask">
          申请金额 {referral.amountFen === null ? '—' : formatFen(referral.amountFen)} · 用途：{referral.purpose}
          {referral.consentVersion
            ? ` · 企业已同意提供数据（同意书 ${referral.consentVersion}）`
            : ' · 企业未同意或已撤回数据提供'}
        </Text>
      ) : (
        <Text className="referral-row__ask">
          出口方式：{referral.exportModeLabel} · 上年出口额{' '}
          {referral.annualExportFen === null ? '—' : formatFen(referral.annualExportFen)} · 目标市场：
          {referral.markets} · 需求：{referral.needs}
        </Text>
      )}
      {referral.steps.map((s, i) => (
        <Text key={i} className="referral-row__step">
          {formatDateTimeZh(s.at)} {s.label}
          {s.note ? `：${s.note}` : ''}
        </Text>
      ))}
      {referral.nextStatuses.length > 0 ? (
        <View className="referral-row__actions">
          <View className="wb-field" data-field="note">
            <Text className="wb-field__label">备注（未获批时必填，企业可见）</Text>
            <Input className="wb-field__input" value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
          </View>
          {referral.nextStatuses.map((status) => (
            <Button
              key={status}
              className={`wb-button ${status === 'declined' ? 'wb-button--danger' : 'wb-button--primary'}`}
              {...busyProps(busy)}
              onClick={() => void move(status)}
            >
              {labels[status]}
            </Button>
          ))}
        </View>
      ) : null}
      {referral.exportable ? (
        <Button className="wb-button" {...busyProps(busy)} onClick={() => void exportSummary()}>
          导出企业数据摘要（Excel）
        </Button>
      ) : null}
      <Refused text={failure} />
    </View>
  );
};

/** The statuses as the filter names them, for both kinds at once. */
const FILTER_LABELS: { readonly [S in ReferralStatus]: string } = {
  accepted: '已受理',
  referred: '已推荐',
  granted: '已放款/已纳入',
  declined: '未获批',
  withdrawn: '已撤回',
};

/** 转介跟踪: every firm's referrals, by kind and status, for the city. */
export const ReferralsBoard = ({ client, tokens, save = saveFile }: ReferralsBoardProps) => {
  const [kind, setKind] = useState<ReferralKind | ''>('');
  const [status, setStatus] = useState<ReferralStatus | ''>('accepted');
  const [list, setList] = useState<ReferralView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    setFailure(null);
    try {
      const query = { ...(kind ? { kind } : {}), ...(status ? { status } : {}) };
      setList((await client.listReferrals({ query })).referrals);
    } catch (error) {
      setFailure(messageOf(error));
    }
  }, [client, kind, status]);
  useEffect(() => void load(), [load]);

  const statuses: (ReferralStatus | '')[] = ['accepted', 'referred', 'granted', 'declined', 'withdrawn', ''];
  return (
    <View className="referrals-board">
      <View className="referrals-board__filters">
        {(['', 'loan', 'cross-border'] as const).map((k) => (
          <Button
            key={k || 'all'}
            className={`wb-button ${kind === k ? 'wb-button--primary' : ''}`}
            onClick={() => setKind(k)}
          >
            {k ? REFERRAL_KIND_LABELS[k] : '全部类型'}
          </Button>
        ))}
        {statuses.map((s) => (
          <Button
            key={s || 'all'}
            className={`wb-button ${status === s ? 'wb-button--primary' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s ? FILTER_LABELS[s] : '全部进度'}
          </Button>
        ))}
      </View>
      <Done text={done} />
      <Refused text={failure} />
      {list === null ? null : list.length === 0 ? (
        <Text className="muted">没有符合条件的转介申请。</Text>
      ) : (
        list.map((r) => (
          <ReferralRow
            key={`${r.id}-${r.updatedAt}`}
            client={client}
            tokens={tokens}
            referral={r}
            save={save}
            onChanged={(text) => {
              setDone(text);
              void load();
            }}
          />
        ))
      )}
    </View>
  );
};
