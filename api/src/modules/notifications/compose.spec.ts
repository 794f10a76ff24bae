import { type ComposedMessage, composeMessage, mayNotify } from './compose.js';

const app = { applicationId: 7, orgId: 3, programId: 'leading-enterprise' as const, claimYear: 2026 };
const ctx = { programTitle: '龙头企业奖励', materialTitle: '营业执照' };
const p = '您的“龙头企业奖励”申报';

const CASES: [event: string, payload: object, expected: ComposedMessage | null][] = [
  [
    'application.submitted',
    { ...app, maxAmountFen: 50_000_000 },
    {
      kind: 'submitted',
      title: '申报已提交',
      body: `${p}已提交，等待县级初审；按所填数据最高可获奖补50万元。审核进展将通过消息通知您。`,
    },
  ],
  [
    'application.submitted',
    { ...app, maxAmountFen: null },
    { kind: 'submitted', title: '申报已提交', body: `${p}已提交，等待县级初审。审核进展将通过消息通知您。` },
  ],
  [
    'application.returned',
    { ...app, from: 'submitted', items: 2, deadline: '2026-07-03' },
    {
      kind: 'returned',
      title: '申报被退回补正',
      body: `${p}被退回补正，共2项需要补正，请于2026年7月3日前补正并重新提交；逾期未补正的，申报将不予通过。请在申报详情中查看需补正的内容。`,
    },
  ],
  [
    'application.material-rejected',
    { ...app, materialId: 'license', reason: '复印件不清晰' },
    {
      kind: 'material-rejected',
      title: '申报材料未通过审核',
      body: `${p}中的材料“营业执照”未通过审核，原因：复印件不清晰。请更换材料后重新上传。`,
    },
  ],
  // The county passing it on and a first approval waiting for the second say nothing to the firm.
  [
    'application.approved',
    { ...app, from: 'submitted', to: 'city-review', awardFen: null, pending: false, confirmed: false },
    null,
  ],
  [
    'application.approved',
    { ...app, from: 'city-review', to: 'city-review', awardFen: 12_345_678, pending: true, confirmed: false },
    null,
  ],
  [
    'application.approved',
    { ...app, from: 'city-review', to: 'finance-review', awardFen: 12_345_678, pending: false, confirmed: true },
    { kind: 'approved', title: '市级复审通过', body: `${p}已通过市级复审，核定奖补金额123,456.78元，待财政审核。` },
  ],
  [
    'application.approved',
    { ...app, from: 'finance-review', to: 'notice', awardFen: 30_000_000, pending: false, confirmed: false },
    {
      kind: 'notice-started',
      title: '申报进入公示',
      body: `${p}已通过审核，拟奖补30万元，现进入公示期。公示期满无异议后予以拨付。`,
    },
  ],
  [
    'application.allocated',
    { ...app, roundId: 1, poolId: 'p', requestedFen: 30_000_000, amountFen: 24_000_000, to: 'finance-review' },
    {
      kind: 'approved',
      title: '资金分配完成',
      body: `${p}的奖补资金已分配：资金池按比例分配，核定30万元，实际分得24万元，待财政审核。`,
    },
  ],
  [
    'application.notice-ended',
    { ...app, awardFen: 30_000_000 },
    { kind: 'notice-ended', title: '公示期满', body: `${p}公示期满，奖补30万元已核定，等待拨付。` },
  ],
  [
    'application.objection-filed',
    { ...app, objectionId: 1 },
    {
      kind: 'objection-filed',
      title: '公示期间收到异议',
      body: `${p}在公示期间收到异议，正在核实。核实结果将通过消息通知您。`,
    },
  ],
  [
    'application.objection-upheld',
    { ...app, objectionId: 1, releasedFen: null },
    {
      kind: 'objection-decided',
      title: '异议经核实成立',
      body: `${p}收到的异议经核实成立，申报退回市级复审重新审核。`,
    },
  ],
  [
    'application.objection-dismissed',
    { ...app, objectionId: 1 },
    { kind: 'objection-decided', title: '异议经核实不成立', body: `${p}收到的异议经核实不成立，公示继续。` },
  ],
  [
    'application.rejected',
    { ...app, from: 'submitted', reason: '不在支持范围' },
    { kind: 'rejected', title: '申报未通过', body: `${p}未通过审核，原因：不在支持范围。` },
  ],
  [
    'application.paid',
    { ...app, amountFen: 30_000_001, paidOn: '2026-08-01' },
    { kind: 'paid', title: '奖补资金已拨付', body: `${p}的奖补资金300,000.01元已于2026年8月1日拨付，请注意查收。` },
  ],
  [
    'notification.match',
    {
      orgId: 3,
      roundId: 2,
      claimYear: 2025,
      programId: 'leading-enterprise',
      programTitle: '电商龙头企业流量补贴',
      maxAmountFen: 12_000_000,
      missingFacts: [],
      closes: '2026-03-31',
    },
    {
      kind: 'match',
      title: '可申报：电商龙头企业流量补贴',
      body: '按贵企业填报的2025年度数据，符合“电商龙头企业流量补贴”的申报条件，最多可获12万元。本批次申报于2026年3月31日截止。不想收到此类提醒，可在“我的—消息设置”中关闭。',
    },
  ],
  [
    'notification.match',
    {
      orgId: 3,
      roundId: 2,
      claimYear: 2025,
      programId: 'leading-enterprise',
      programTitle: '电商龙头企业流量补贴',
      maxAmountFen: null,
      missingFacts: ['对地方贡献数'],
      closes: '2026-03-31',
    },
    {
      kind: 'match',
      title: '可申报：电商龙头企业流量补贴',
      body: '按贵企业填报的2025年度数据，“电商龙头企业流量补贴”还差对地方贡献数即可判断是否符合条件，请补充。本批次申报于2026年3月31日截止。不想收到此类提醒，可在“我的—消息设置”中关闭。',
    },
  ],
  [
    'notification.reminder',
    {
      kind: 'supplement-due',
      orgId: 3,
      applicationId: 7,
      programId: 'talent-hiring',
      programTitle: '电商人才奖励',
      claimYear: 2025,
      deadline: '2026-06-30',
      workingDaysLeft: 2,
    },
    {
      kind: 'supplement-due',
      title: '补正即将到期',
      body: '您的“电商人才奖励”申报退回补正，请于2026年6月30日前补正后重新提交（还剩2个工作日）。',
    },
  ],
  ['application.withdrawn', { ...app, from: 'submitted' }, null],
  ['application.verified', { ...app, conditions: [], correctedFacts: [] }, null],
  ['org.updated', { orgId: 3, fields: ['name'] }, null],
  [
    'relocated-shop.verified',
    { shopId: 5, orgId: 3, county: 'linqing', relocatedOn: '2023-03-10' },
    {
      kind: 'relocated-shop',
      title: '迁入店铺已核实',
      body: '您登记的2023年3月10日迁入临清市的店铺已通过县级核实，计入回迁店铺统计。',
    },
  ],
  [
    'relocated-shop.refused',
    { shopId: 5, orgId: 3, county: 'linqing', relocatedOn: '2023-03-10', reason: '店铺主体与企业不符' },
    {
      kind: 'relocated-shop',
      title: '迁入店铺核实未通过',
      body: '您登记的2023年3月10日迁入临清市的店铺未通过县级核实，原因：店铺主体与企业不符。可修改后重新提交。',
    },
  ],
  // The firm's own registration and resubmission tell it nothing new.
  ['relocated-shop.registered', { shopId: 5, orgId: 3, county: 'linqing', relocatedOn: '2023-03-10' }, null],
  [
    'whitelist.recommended',
    { whitelistApplicationId: 9, orgId: 3, year: 2023 },
    {
      kind: 'whitelist',
      title: '白名单推荐已通过',
      body: '您的2023年度电商生态链企业“白名单”推荐申请已通过市级审核，将由市里推荐申报全省电商生态链企业“白名单”。',
    },
  ],
  [
    'whitelist.refused',
    { whitelistApplicationId: 9, orgId: 3, year: 2023, reason: '存在不良信用记录' },
    {
      kind: 'whitelist',
      title: '白名单推荐未通过',
      body: '您的2023年度电商生态链企业“白名单”推荐申请未通过市级审核，原因：存在不良信用记录。可修改后重新提交。',
    },
  ],
];

describe('composeMessage', () => {
  it.each(CASES)('%s %j', (event, payload, expected) => {
    expect(composeMessage(event, payload, ctx)).toEqual(expected);
  });

  it('falls back to the material id when its title is unknown', () => {
    expect(
      composeMessage(
        'application.material-rejected',
        { ...app, materialId: 'm-1', reason: '过期' },
        { programTitle: 'X' },
      )?.body,
    ).toContain('“m-1”');
  });

  it('knows which events may notify', () => {
    expect(mayNotify('application.paid')).toBe(true);
    expect(mayNotify('file.uploaded')).toBe(false);
  });
});
