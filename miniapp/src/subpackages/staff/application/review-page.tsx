import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type ApiClient,
  type ApplicationHistory,
  type ApplicationMaterials,
  type ConditionVerification,
  formatDateZh,
  formatFen,
  type ReviewView,
} from '@huiqi/shared';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorState, Loading } from '../../../components/page-state';
import { messageOf } from '../../../services/errors';
import { shanghaiToday } from '../../../services/shanghai-time';
import { HistoryItem } from '../../apply/progress';
import { STAFF_HOME_PATH } from '../../../workbench/nav';
import { type PdfLoader } from '../../../workbench/pdf';
import { stepIndex, VERDICT_LABELS, zoomBy } from '../../../workbench/review';
import { type Shortcut } from '../../../workbench/shortcuts';
import { useConfirm } from '../components/confirm';
import { useShortcuts } from '../components/use-shortcuts';
import {
  ApprovePanel,
  ConfirmPanel,
  ObjectionCard,
  type PanelId,
  PayPanel,
  RejectPanel,
  ReturnPanel,
} from './decisions';
import { MaterialPanel } from './material-panel';
import { Conditions, FactsTable, Snapshot } from './trace';
import { Viewer } from './viewer';
import './application.scss';

interface Loaded {
  review: ReviewView;
  materials: ApplicationMaterials;
  history: ApplicationHistory;
}

type Outcome = { kind: 'ok'; text: string; stageDone: boolean } | { kind: 'error'; text: string };

/**
 * 申报审核 (staff/application?id=): the firm, its facts and the rules' trace on the left, each
 * condition beside the materials that prove it; the viewer on the right with the material's
 * history and review; the decisions the API allows the caller (`actions`), each confirmed first.
 */
export const ApplicationReview = ({
  client,
  id,
  loadPdf,
  today = shanghaiToday(),
}: {
  client: ApiClient;
  id: number;
  loadPdf: PdfLoader;
  today?: string;
}) => {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & Loaded)
  >({ kind: 'loading' });
  const [panel, setPanel] = useState<PanelId | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [selected, setSelected] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  const [zoom, setZoom] = useState(1);
  const confirm = useConfirm();

  const load = useCallback(async () => {
    try {
      const params = { params: { id } };
      const [review, materials, history] = await Promise.all([
        client.getReview(params),
        client.listMaterials(params),
        client.getApplicationHistory(params),
      ]);
      setState({ kind: 'ready', review, materials, history });
      return review;
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
      return null;
    }
  }, [client, id]);

  useEffect(() => void load(), [load]);

  const ready = state.kind === 'ready' ? state : null;
  const review = ready?.review ?? null;
  const materials = useMemo(() => ready?.materials.materials ?? [], [ready]);
  const withFiles = materials.filter((m) => m.current?.file);
  const actions = review?.actions ?? [];
  const blocked = review?.blockedReason ?? null;
  const can = (action: (typeof actions)[number]) => blocked === null && actions.includes(action);

  // The first material with a file is shown until the reviewer picks another.
  useEffect(() => {
    if (shown === null && withFiles[0]) setShown(withFiles[0].id);
  }, [shown, withFiles]);

  /** Confirms, sends, reloads; the API's refusal is shown as it words it. */
  const act = async (
    title: string,
    body: ReactNode,
    send: () => Promise<unknown>,
    danger = false,
  ): Promise<boolean> => {
    if (!(await confirm.ask({ title, body, confirmText: '确定', danger }))) return false;
    const before = review?.application.status;
    try {
      await send();
    } catch (error) {
      setOutcome({ kind: 'error', text: `${title}未成功：${messageOf(error)}` });
      return false;
    }
    setPanel(null);
    const after = await load();
    setOutcome({ kind: 'ok', text: `已${title}`, stageDone: after !== null && after.application.status !== before });
    return true;
  };

  const firm = review?.application.firmAtSubmission?.name ?? '申报企业';
  const told = `${firm}将收到通知。`;

  const verify = (body: ConditionVerification): Promise<boolean> => {
    const condition = review?.conditions.find((c) => c.id === body.conditionId);
    return act(
      '保存核实结果',
      <Text>
        “{condition?.clause ?? body.conditionId}”：{VERDICT_LABELS[body.verdict]}
        {body.facts ? `，更正 ${Object.keys(body.facts).length} 项数据；规则将按核实后的数据重新计算` : ''}。
      </Text>,
      () => client.verifyApplication({ params: { id }, body: { conditions: [body] } }),
    );
  };

  const open = (next: PanelId) => {
    setOutcome(null);
    setPanel(next);
  };

  const shortcuts: Shortcut[] = review
    ? [
        ...(can('approve') ? [{ key: 'a', label: '审核通过', run: () => open('approve') }] : []),
        ...(can('confirm-approval') ? [{ key: 'a', label: '确认核定', run: () => open('confirm') }] : []),
        ...(can('return') ? [{ key: 'r', label: '退回补正', run: () => open('return') }] : []),
        ...(can('reject') ? [{ key: 'x', label: '不予通过', run: () => open('reject') }] : []),
        {
          key: 'j',
          label: '下一个条件',
          run: () => setSelected((i) => stepIndex(i, review.conditions.length, 1)),
        },
        {
          key: 'k',
          label: '上一个条件',
          run: () => setSelected((i) => stepIndex(i, review.conditions.length, -1)),
        },
        {
          key: 'n',
          label: '下一份材料',
          run: () =>
            setShown(
              withFiles[
                stepIndex(
                  withFiles.findIndex((m) => m.id === shown),
                  withFiles.length,
                  1,
                )
              ]?.id ?? null,
            ),
        },
        {
          key: 'p',
          label: '上一份材料',
          run: () =>
            setShown(
              withFiles[
                stepIndex(
                  withFiles.findIndex((m) => m.id === shown),
                  withFiles.length,
                  -1,
                )
              ]?.id ?? null,
            ),
        },
        { key: '+', label: '放大', run: () => setZoom((z) => zoomBy(z, 1)) },
        { key: '=', label: '放大', run: () => setZoom((z) => zoomBy(z, 1)) },
        { key: '-', label: '缩小', run: () => setZoom((z) => zoomBy(z, -1)) },
        { key: 'escape', label: '关闭', run: () => setPanel(null) },
      ]
    : [];
  useShortcuts(shortcuts, confirm.open);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />;
  const { review: view, history } = state;
  const app = view.application;
  const material = materials.find((m) => m.id === shown) ?? null;
  const legend = [
    ['a', '通过'],
    ['r', '退回'],
    ['x', '不予通过'],
    ['j / k', '下/上一个条件'],
    ['n / p', '下/上一份材料'],
    ['+ / -', '缩放'],
    ['Esc', '关闭'],
  ];

  return (
    <View className="ar" data-application={app.id}>
      {blocked ? (
        <View className="wb-alert ar-blocked" role="alert" data-blocked>
          ⚠ 您不能办理此申报：{blocked}
        </View>
      ) : null}
      {outcome ? (
        <View
          className={`wb-alert${outcome.kind === 'ok' ? ' wb-alert--ok' : ''}`}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
        >
          {outcome.kind === 'ok' ? '✓ ' : '✕ '}
          {outcome.text}
          {outcome.kind === 'ok' && outcome.stageDone ? (
            <View className="ar-link" role="link" onClick={() => void Taro.redirectTo({ url: STAFF_HOME_PATH })}>
              返回待办队列
            </View>
          ) : null}
        </View>
      ) : null}

      {blocked === null && actions.length > 0 ? (
        <View className="ar-actions" aria-label="办理">
          {can('approve') ? (
            <Button className="wb-button wb-button--primary" onClick={() => open('approve')}>
              {app.status === 'city-review' ? '通过并核定' : '审核通过'}
              <Text className="wb-kbd">A</Text>
            </Button>
          ) : null}
          {can('confirm-approval') ? (
            <Button className="wb-button wb-button--primary" onClick={() => open('confirm')}>
              确认核定<Text className="wb-kbd">A</Text>
            </Button>
          ) : null}
          {can('return') ? (
            <Button className="wb-button" onClick={() => open('return')}>
              退回补正<Text className="wb-kbd">R</Text>
            </Button>
          ) : null}
          {can('reject') ? (
            <Button className="wb-button wb-button--danger" onClick={() => open('reject')}>
              不予通过<Text className="wb-kbd">X</Text>
            </Button>
          ) : null}
          {can('pay') ? (
            <Button className="wb-button wb-button--primary" onClick={() => open('pay')}>
              登记拨付
            </Button>
          ) : null}
          {can('close') ? (
            <Button
              className="wb-button wb-button--primary"
              onClick={() =>
                void act('办结', <Text>将该申报办结，办结后不能再变更。{told}</Text>, () =>
                  client.closeApplication({ params: { id } }),
                )
              }
            >
              办结
            </Button>
          ) : null}
        </View>
      ) : null}

      {view.pendingApproval && !can('confirm-approval') ? (
        <View className="wb-alert wb-alert--info">
          已有一审核定金额 {formatFen(view.pendingApproval.awardFen)}，等待另一位市级审核人员复核确认
          {view.pendingApproval.byCaller ? '（该金额由您审核通过，不能由您本人确认）' : ''}。
        </View>
      ) : null}

      {panel === 'approve' ? (
        <ApprovePanel
          review={view}
          onCancel={() => setPanel(null)}
          onSubmit={(body, check) =>
            void act(
              app.status === 'city-review' ? '审核通过并核定金额' : '审核通过',
              <View>
                {check.awardFen !== null ? (
                  <Text>
                    核定金额 {formatFen(check.awardFen)}（上限 {formatFen(view.maxAwardFen ?? 0)}）
                    {body.reason ? `，核减理由：${body.reason}` : ''}。
                    {check.needsSecondApprover
                      ? `金额超过 ${formatFen(view.secondApprovalAboveFen)}，提交后须另一位市级审核人员复核确认，确认前不进入下一环节。`
                      : '通过后金额从资金池中预留，进入下一环节。'}
                  </Text>
                ) : (
                  <Text>
                    “{app.programTitle}”的申报在“{app.progress.stage?.label ?? app.statusLabel}
                    ”环节审核通过，转入下一环节。
                  </Text>
                )}
                <Text>{told}</Text>
              </View>,
              () => client.approveApplication({ params: { id }, body }),
            )
          }
        />
      ) : null}
      {panel === 'confirm' ? (
        <ConfirmPanel
          review={view}
          onCancel={() => setPanel(null)}
          onSubmit={() =>
            void act(
              '确认核定',
              <Text>
                确认核定金额 {formatFen(view.pendingApproval?.awardFen ?? 0)}，金额从资金池中预留，进入下一环节。{told}
              </Text>,
              () => client.approveApplication({ params: { id }, body: {} }),
            )
          }
        />
      ) : null}
      {panel === 'return' ? (
        <ReturnPanel
          review={view}
          materials={materials}
          today={today}
          onCancel={() => setPanel(null)}
          onSubmit={(body, choices) =>
            void act(
              '退回补正',
              <View>
                <Text>退回补正 {choices.length} 项：</Text>
                {choices.map((c) => (
                  <Text key={`${c.kind}:${c.id}`} className="ar-line">
                    {c.label}：{c.reason.trim()}
                  </Text>
                ))}
                <Text>
                  补正期限：{body.deadline ? formatDateZh(body.deadline) : '按政策规定的补正工作日'}。{told}
                  企业补正后重新提交到本环节。
                </Text>
              </View>,
              () => client.returnApplication({ params: { id }, body }),
            )
          }
        />
      ) : null}
      {panel === 'reject' ? (
        <RejectPanel
          onCancel={() => setPanel(null)}
          onSubmit={(reason) =>
            void act(
              '不予通过',
              <Text>
                该申报将不予通过，理由：{reason}。已预留的资金将释放。{told}
              </Text>,
              () => client.rejectApplication({ params: { id }, body: { reason } }),
              true,
            )
          }
        />
      ) : null}
      {panel === 'pay' ? (
        <PayPanel
          today={today}
          onCancel={() => setPanel(null)}
          onSubmit={(body) =>
            void act(
              '登记拨付',
              <Text>
                登记已拨付 {formatFen(app.progress.awardFen ?? 0)}，凭证号 {body.voucherNo}，拨付日期{' '}
                {formatDateZh(body.paidOn)}。{told}
              </Text>,
              () => client.recordPayment({ params: { id }, body }),
            )
          }
        />
      ) : null}

      <View className="ar-columns">
        <View className="ar-left">
          <Snapshot review={view} />
          <FactsTable review={view} materials={materials} />
          <Conditions
            review={view}
            materials={materials}
            selected={selected}
            shownMaterial={shown}
            canVerify={can('verify')}
            onSelect={setSelected}
            onShow={setShown}
            onVerify={verify}
          />
          {view.objections.map((objection) => (
            <ObjectionCard
              key={objection.id}
              objection={objection}
              canRule={can('rule-objection')}
              onRule={(outcome, reason) =>
                void act(
                  outcome === 'upheld' ? '裁定异议成立' : '裁定异议不成立',
                  <Text>
                    {outcome === 'upheld'
                      ? '异议成立：申报退回市级复审，已预留的奖补资金释放。'
                      : '异议不成立：公示继续，期满后核定。'}
                    理由：{reason}。{told}
                  </Text>,
                  () => client.ruleObjection({ params: { id: objection.id }, body: { outcome, reason } }),
                  outcome === 'upheld',
                )
              }
            />
          ))}
          <View className="wb-card">
            <Text className="ar-title">办理记录</Text>
            {[...history.entries].reverse().map((entry) => (
              <HistoryItem key={entry.id} entry={entry} />
            ))}
          </View>
        </View>
        <View className="ar-right">
          {withFiles.length > 0 ? (
            <View className="ar-files" role="tablist" aria-label="申报材料">
              {withFiles.map((m) => (
                <View
                  key={m.id}
                  role="tab"
                  aria-selected={m.id === shown}
                  data-material-tab={m.id}
                  className={`ar-files__tab${m.id === shown ? ' ar-files__tab--on' : ''}`}
                  onClick={() => setShown(m.id)}
                >
                  {m.name}
                </View>
              ))}
            </View>
          ) : null}
          <Viewer client={client} material={material} loadPdf={loadPdf} zoom={zoom} onZoom={setZoom} />
          {material ? (
            <MaterialPanel
              material={material}
              canReview={can('verify')}
              onReview={(decision, reason) =>
                act(
                  decision === 'accept' ? `材料“${material.name}”审核通过` : `退回材料“${material.name}”`,
                  <Text>
                    {decision === 'accept'
                      ? `材料“${material.name}”审核通过。`
                      : `退回材料“${material.name}”，理由：${reason}。`}
                    {told}
                  </Text>,
                  () =>
                    client.reviewMaterial({
                      params: { id, materialId: material.id },
                      body: decision === 'accept' ? { decision } : { decision, reason },
                    }),
                  decision === 'reject',
                )
              }
            />
          ) : null}
          <View className="wb-card ar-legend" aria-label="快捷键">
            <Text className="ar-title">快捷键</Text>
            {legend.map(([key, label]) => (
              <Text key={key} className="ar-legend__item">
                <Text className="wb-kbd">{key}</Text> {label}
              </Text>
            ))}
          </View>
        </View>
      </View>
      {confirm.dialog}
    </View>
  );
};
