import {
  countyName,
  formatDateZh,
  formatFen,
  type NotificationKind,
  REFERRAL_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
} from '@huiqi/shared';
import { type ChangeEvents } from '../audit/change-events.js';

/** What a user reads of an event: its kind, a short title and the message. */
export interface ComposedMessage {
  kind: NotificationKind;
  title: string;
  body: string;
}

/** What the event's ids name, looked up by the dispatcher: the program's title, a material's. */
export interface ComposeContext {
  programTitle: string;
  materialTitle?: string;
}

type Composers = {
  [T in keyof ChangeEvents]?: (payload: ChangeEvents[T], ctx: ComposeContext) => ComposedMessage | null;
};

const quoted = (ctx: ComposeContext): string => `您的“${ctx.programTitle}”申报`;

/**
 * Each event the firm should hear of, in Chinese, as the firm reads it: what happened, the amount,
 * the dates, and what to do. An event not here (or answering null) notifies nobody: stages inside
 * the review that change nothing for the firm (the county passing it on, a first approval waiting
 * for the second), and the events of records other than applications.
 */
const COMPOSERS: Composers = {
  'application.submitted': (p, ctx) => ({
    kind: 'submitted',
    title: '申报已提交',
    body: `${quoted(ctx)}已提交，等待县级初审${p.maxAmountFen === null ? '' : `；按所填数据最高可获奖补${formatFen(p.maxAmountFen)}`}。审核进展将通过消息通知您。`,
  }),
  'application.resubmitted': (_p, ctx) => ({
    kind: 'submitted',
    title: '补正已重新提交',
    body: `${quoted(ctx)}已补正并重新提交，等待审核。`,
  }),
  'application.returned': (p, ctx) => ({
    kind: 'returned',
    title: '申报被退回补正',
    body: `${quoted(ctx)}被退回补正，共${p.items}项需要补正，请于${formatDateZh(p.deadline)}前补正并重新提交；逾期未补正的，申报将不予通过。请在申报详情中查看需补正的内容。`,
  }),
  'application.material-rejected': (p, ctx) => ({
    kind: 'material-rejected',
    title: '申报材料未通过审核',
    body: `${quoted(ctx)}中的材料“${ctx.materialTitle ?? p.materialId}”未通过审核，原因：${p.reason}。请更换材料后重新上传。`,
  }),
  'application.approved': (p, ctx) => {
    if (p.pending) return null;
    if (p.to === 'notice')
      return {
        kind: 'notice-started',
        title: '申报进入公示',
        body: `${quoted(ctx)}已通过审核${p.awardFen === null ? '' : `，拟奖补${formatFen(p.awardFen)}`}，现进入公示期。公示期满无异议后予以拨付。`,
      };
    if (p.from === 'city-review' && p.awardFen !== null)
      return {
        kind: 'approved',
        title: '市级复审通过',
        body: `${quoted(ctx)}已通过市级复审，核定奖补金额${formatFen(p.awardFen)}，${p.to === 'allocation' ? '待资金分配' : '待财政审核'}。`,
      };
    return null;
  },
  'application.allocated': (p, ctx) => ({
    kind: 'approved',
    title: '资金分配完成',
    body:
      p.amountFen < p.requestedFen
        ? `${quoted(ctx)}的奖补资金已分配：资金池按比例分配，核定${formatFen(p.requestedFen)}，实际分得${formatFen(p.amountFen)}，待财政审核。`
        : `${quoted(ctx)}的奖补资金已分配${formatFen(p.amountFen)}，待财政审核。`,
  }),
  'application.notice-ended': (p, ctx) => ({
    kind: 'notice-ended',
    title: '公示期满',
    body: `${quoted(ctx)}公示期满${p.awardFen === null ? '' : `，奖补${formatFen(p.awardFen)}已核定`}，等待拨付。`,
  }),
  'application.objection-filed': (_p, ctx) => ({
    kind: 'objection-filed',
    title: '公示期间收到异议',
    body: `${quoted(ctx)}在公示期间收到异议，正在核实。核实结果将通过消息通知您。`,
  }),
  'application.objection-upheld': (_p, ctx) => ({
    kind: 'objection-decided',
    title: '异议经核实成立',
    body: `${quoted(ctx)}收到的异议经核实成立，申报退回市级复审重新审核。`,
  }),
  'application.objection-dismissed': (_p, ctx) => ({
    kind: 'objection-decided',
    title: '异议经核实不成立',
    body: `${quoted(ctx)}收到的异议经核实不成立，公示继续。`,
  }),
  'application.rejected': (p, ctx) => ({
    kind: 'rejected',
    title: '申报未通过',
    body: `${quoted(ctx)}未通过审核，原因：${p.reason}。`,
  }),
  'application.paid': (p, ctx) => ({
    kind: 'paid',
    title: '奖补资金已拨付',
    body: `${quoted(ctx)}的奖补资金${formatFen(p.amountFen)}已于${formatDateZh(p.paidOn)}拨付，请注意查收。`,
  }),
  // 政策找企业: a program of an open round the firm looks eligible for, or one fact short of it.
  'notification.match': (p) => ({
    kind: 'match',
    title: `可申报：${p.programTitle}`,
    body:
      (p.missingFacts.length === 0
        ? `按贵企业填报的${p.claimYear}年度数据，符合“${p.programTitle}”的申报条件`
        : `按贵企业填报的${p.claimYear}年度数据，“${p.programTitle}”还差${p.missingFacts.join('、')}即可判断是否符合条件，请补充`) +
      (p.maxAmountFen !== null ? `，最多可获${formatFen(p.maxAmountFen)}` : '') +
      `。本批次申报于${formatDateZh(p.closes)}截止。不想收到此类提醒，可在“我的—消息设置”中关闭。`,
  }),
  'notification.reminder': (p) =>
    p.kind === 'supplement-due'
      ? {
          kind: 'supplement-due',
          title: '补正即将到期',
          body: `您的“${p.programTitle}”申报退回补正，请于${formatDateZh(p.deadline)}前补正后重新提交（还剩${p.workingDaysLeft}个工作日）。`,
        }
      : {
          kind: 'round-closing',
          title: '申报即将截止',
          body:
            `“${p.programTitle}”本批次申报于${formatDateZh(p.closes)}截止（还剩${p.workingDaysLeft}个工作日），` +
            `按贵企业填报的数据符合申报条件${p.maxAmountFen !== null ? `，最多可获${formatFen(p.maxAmountFen)}` : ''}，尚未申报。`,
        },
  // 转介 (第七条、第十一条): each move the city makes; the firm's own withdrawal tells it nothing new.
  'referral.status-changed': (p) => {
    const label = REFERRAL_STATUS_LABELS[p.kind][p.to];
    const what = `您的“${REFERRAL_KIND_LABELS[p.kind]}”转介申请`;
    return {
      kind: 'referral',
      title: `转介进度：${label}`,
      body:
        p.to === 'declined'
          ? `${what}${label}${p.note ? `，原因：${p.note}` : ''}。`
          : `${what}进度更新为“${label}”${p.note ? `（${p.note}）` : ''}。`,
    };
  },
  // 迁入店铺 (第五条): the county's decision; a refusal with what to correct.
  'relocated-shop.verified': (p) => ({
    kind: 'relocated-shop',
    title: '迁入店铺已核实',
    body: `您登记的${formatDateZh(p.relocatedOn)}迁入${countyName(p.county)}的店铺已通过县级核实，计入回迁店铺统计。`,
  }),
  'relocated-shop.refused': (p) => ({
    kind: 'relocated-shop',
    title: '迁入店铺核实未通过',
    body: `您登记的${formatDateZh(p.relocatedOn)}迁入${countyName(p.county)}的店铺未通过县级核实，原因：${p.reason}。可修改后重新提交。`,
  }),
  // 白名单推荐 (第八条): the city's decision.
  'whitelist.recommended': (p) => ({
    kind: 'whitelist',
    title: '白名单推荐已通过',
    body: `您的${p.year}年度电商生态链企业“白名单”推荐申请已通过市级审核，将由市里推荐申报全省电商生态链企业“白名单”。`,
  }),
  'whitelist.refused': (p) => ({
    kind: 'whitelist',
    title: '白名单推荐未通过',
    body: `您的${p.year}年度电商生态链企业“白名单”推荐申请未通过市级审核，原因：${p.reason}。可修改后重新提交。`,
  }),
};

/** The message an outbox event makes, or null when it notifies nobody. */
export const composeMessage = (eventType: string, payload: unknown, ctx: ComposeContext): ComposedMessage | null => {
  const composer = (
    COMPOSERS as Record<string, ((p: unknown, c: ComposeContext) => ComposedMessage | null) | undefined>
  )[eventType];
  return composer ? composer(payload, ctx) : null;
};

/** Whether an event of this type may notify anyone (the rest are delivered at once, to nobody). */
export const mayNotify = (eventType: string): boolean => eventType in COMPOSERS;
