import { Button, Text, Textarea, View } from '@tarojs/components';
import {
  type ApiClient,
  WHITELIST_LIMITS,
  WHITELIST_STATUS_LABELS,
  type WhitelistApplicationView,
  type WhitelistStatus,
} from '@huiqi/shared';
import { useEffect, useState } from 'react';
import { busyProps, disabledProps } from '../../../components/busy';
import { messageOf } from '../../../services/errors';
import { formatDateTimeZh } from '../../../services/shanghai-time';
import { Done, Refused } from '../components/outcome';

const FILTERS: { status: WhitelistStatus | null; label: string }[] = [
  { status: 'submitted', label: WHITELIST_STATUS_LABELS.submitted },
  { status: 'recommended', label: WHITELIST_STATUS_LABELS.recommended },
  { status: 'refused', label: WHITELIST_STATUS_LABELS.refused },
  { status: null, label: '全部' },
];

/** One application with the city's two decisions; refusing needs the reason the firm reads. */
const ApplicationCard = ({
  client,
  application,
  canDecide,
  onDecided,
}: {
  client: ApiClient;
  application: WhitelistApplicationView;
  canDecide: boolean;
  onDecided: (text: string) => void;
}) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A signed same-origin link, opened in a new tab (the workbench is the browser build only).
  const openFile = async (fileId: number) => {
    setFailure(null);
    try {
      const link = await client.linkWhitelistFile({ params: { id: application.id, fileId } });
      window.open(`${API_BASE}${link.path}`, '_blank', 'noopener');
    } catch (e) {
      setFailure(messageOf(e));
    }
  };

  const decide = async (decision: 'recommend' | 'refuse') => {
    setFailure(null);
    if (decision === 'refuse' && reason.trim() === '') {
      setError('不予推荐时请填写理由，企业会看到这段说明');
      return;
    }
    setBusy(true);
    try {
      await client.reviewWhitelistApplication({
        params: { id: application.id },
        body: decision === 'recommend' ? { decision } : { decision, reason: reason.trim() },
      });
      onDecided(`${decision === 'recommend' ? '已推荐' : '已不予推荐'}：${application.orgName}`);
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="wb-card wl-card" data-application={application.id}>
      <Text className="wl-card__title">
        {application.orgName}（{application.year}年度）
      </Text>
      <Text className="wl-card__line">
        {application.statusLabel} · {application.countyName} · 统一社会信用代码 {application.uscc}
      </Text>
      <Text className="wl-card__line">申请类别：{application.categoryNames.join('、')}</Text>
      <Text className="wl-card__line">
        声明：{application.noViolations ? '无违法违规记录' : '未声明无违法违规记录'}；
        {application.noBadCredit ? '无不良信用记录' : '未声明无不良信用记录'}
      </Text>
      <Text className="wl-card__text">{application.description}</Text>
      {application.files.length > 0 ? (
        <View className="wl-card__files">
          <Text className="wl-card__line">佐证文件：</Text>
          {application.files.map((f) => (
            <Button key={f.id} className="wb-button" data-file={f.id} onClick={() => void openFile(f.id)}>
              打开 {f.name}
            </Button>
          ))}
        </View>
      ) : null}
      <Text className="wl-card__line">提交于 {formatDateTimeZh(application.submittedAt)}</Text>
      {application.decidedAt ? (
        <Text className="wl-card__line">审核于 {formatDateTimeZh(application.decidedAt)}</Text>
      ) : null}
      {application.reason ? <Text className="wl-card__text">不予推荐的理由：{application.reason}</Text> : null}
      {canDecide && application.status === 'submitted' ? (
        <View className="wl-card__decide">
          <View className="wb-field" data-field="reason">
            <Text className="wb-field__label">不予推荐的理由（推荐时不填）</Text>
            <Textarea
              className="wb-field__input"
              value={reason}
              maxlength={WHITELIST_LIMITS.reasonMax}
              placeholder="写明不予推荐的理由，企业会看到"
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
          <View className="wl-card__buttons">
            <Button
              className="wb-button wb-button--primary"
              {...(reason.trim() !== '' ? disabledProps(true) : busyProps(busy))}
              onClick={() => void decide('recommend')}
            >
              推荐
            </Button>
            <Button className="wb-button wb-button--danger" {...busyProps(busy)} onClick={() => void decide('refuse')}>
              不予推荐
            </Button>
          </View>
        </View>
      ) : null}
      <Refused text={failure} />
    </View>
  );
};

/**
 * 白名单推荐 (第八条; city reviewers decide, administrators read): the applications of a status,
 * those waiting first, each with its description, kinds, declarations and files.
 */
export const WhitelistReviewBoard = ({ client, canDecide }: { client: ApiClient; canDecide: boolean }) => {
  const [status, setStatus] = useState<WhitelistStatus | null>('submitted');
  const [applications, setApplications] = useState<WhitelistApplicationView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .listWhitelistApplications({ query: status ? { status } : {} })
      .then((answer) => live && setApplications(answer.applications))
      .catch((error: unknown) => live && setFailure(messageOf(error)));
    return () => {
      live = false;
    };
  }, [client, status, reload]);

  return (
    <View className="wl-board">
      <View className="wl-board__filters" role="tablist">
        {FILTERS.map((f) => (
          <Button
            key={f.label}
            className={`wb-button ${status === f.status ? 'wb-button--primary' : ''}`}
            data-filter={f.status ?? 'all'}
            onClick={() => {
              setStatus(f.status);
              setDone(null);
            }}
          >
            {f.label}
          </Button>
        ))}
      </View>
      <Done text={done} />
      <Refused text={failure} />
      {applications === null && !failure ? <Text className="muted">加载中…</Text> : null}
      {applications?.length === 0 ? (
        <Text className="muted">没有{status ? WHITELIST_STATUS_LABELS[status] : ''}的申请</Text>
      ) : null}
      {applications?.map((a) => (
        <ApplicationCard
          key={a.id}
          client={client}
          application={a}
          canDecide={canDecide}
          onDecided={(text) => {
            setDone(text);
            setReload((r) => r + 1);
          }}
        />
      ))}
    </View>
  );
};
