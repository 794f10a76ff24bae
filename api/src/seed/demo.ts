import { type INestApplication } from '@nestjs/common';
import { builtInEditions, DEMO_STAFF, type Facts, type OrgType, usccCheckCharacter } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { type AppConfig } from '../config/config.js';
import { EditionsService } from '../modules/editions/editions.service.js';
import { RoundsService } from '../modules/rounds/rounds.service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { UserEntity } from '../modules/auth/user.entity.js';
import { FactEntity } from '../modules/facts/fact.entity.js';
import { MembershipEntity } from '../modules/access/membership.entity.js';
import { OrgEntity } from '../modules/orgs/org.entity.js';

/** A valid code (GB 32100-2015 check character) for a demo firm: Liaocheng division 371500. */
const demoUscc = (n: number): string => {
  const body = `91371500MA3DEM0${String(n).padStart(2, '0')}`;
  const check = usccCheckCharacter(body);
  if (!check) throw new Error(`not a USCC body: ${body}`);
  return body + check;
};

const STAFF = DEMO_STAFF;

/**
 * The `openid` to give demo sign-in (POST /api/v1/auth/demo) to act as the owner of demo firm n:
 * demo sign-in looks users up as `demo-<openid>`, so the seed stores the owner under that name.
 */
export const demoOwnerLogin = (n: number): string => `firm-owner-${n}`;

const FIRMS: { name: string; county: string; orgTypes: OrgType[]; facts: Facts }[] = [
  {
    name: '【演示】聊城优品电子商务有限公司',
    county: 'linqing',
    orgTypes: ['ecommerce'],
    facts: {
      onlineRetailFen: 35_678_901_234,
      localContributionFen: 60_000_000,
      normalOperation: true,
      taxCompliant: true,
      registeredInCity: true,
    },
  },
  {
    name: '【演示】水城直播电商产业园',
    county: 'dongchangfu',
    orgTypes: ['livestream-base'],
    facts: {
      registeredInCity: true,
      registrationDate: '2021-04-15',
      goodCredit: true,
      livestreamBaseAuthorizations: ['douyin', 'kuaishou'],
      siteAreaM2: 2400,
      liveRoomCount: 32,
      activeStreamerCount: 30,
      statisticalOnlineRetailFen: 12_000_000_000,
      normalOperation: true,
      taxCompliant: true,
    },
  },
  {
    name: '【演示】东阿县域快递物流配送中心',
    county: 'donge',
    orgTypes: ['logistics-center'],
    facts: { nationalExpressCompanyCount: 6, unifiedOperations: ['warehousing', 'sorting', 'transport', 'delivery'] },
  },
];

/**
 * Seeds demo data (演示数据) into an empty database only: staff of every role, three firms of
 * different kinds with their facts, and a demo edition (the 2023 numbers for the current year,
 * window open) so the whole journey can be tried today. Production refuses DEMO_SEED.
 */
export const seedDemo = async (app: INestApplication, config: AppConfig): Promise<void> => {
  if (config.env === 'production') throw new Error('demo data is never seeded in production');
  const dataSource = app.get(DataSource);
  if ((await dataSource.getRepository(UserEntity).count()) > 0) return;
  const year = app.get(Clock).year();
  const now = app.get(Clock).now();

  const base = builtInEditions()[0];
  if (base && base.claimYear !== year) {
    await app.get(EditionsService).publish({
      ...structuredClone(base),
      id: `demo-${year}`,
      title: `【演示】${year}年演示版本（沿用2023年参数，仅供体验）`,
      claimYear: year,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      applicationWindow: { opens: `${year}-01-01`, closes: `${year}-12-31` },
      demo: true,
    });
  }

  await dataSource.transaction(async (m) => {
    const users = m.getRepository(UserEntity);
    for (const s of STAFF)
      await users.save(
        users.create({
          kind: 'staff',
          username: s.username,
          passwordHash: await hashPassword(s.password),
          role: s.role,
          county: s.county,
          displayName: s.name,
        }),
      );
    let n = 0;
    for (const firm of FIRMS) {
      n++;
      const owner = await users.save(
        users.create({
          kind: 'demo',
          openid: `demo-${demoOwnerLogin(n)}`,
          role: 'applicant',
          county: null,
          displayName: `【演示】企业管理员${n}`,
        }),
      );
      const org = await m.getRepository(OrgEntity).save(
        m.getRepository(OrgEntity).create({
          uscc: demoUscc(n),
          name: firm.name,
          county: firm.county as OrgEntity['county'],
          orgTypes: firm.orgTypes,
          legalRepresentative: '张演示',
          contactName: '李演示',
          contactPhone: `1380000000${n}`,
          demo: true,
          createdBy: owner.id,
        }),
      );
      await m.getRepository(MembershipEntity).insert({ orgId: org.id, userId: owner.id, role: 'admin' });
      const facts = m.getRepository(FactEntity);
      for (const [name, value] of Object.entries({ ...firm.facts, orgTypes: firm.orgTypes }))
        await facts.save(
          facts.create({
            orgId: org.id,
            claimYear: year,
            name: name as FactEntity['name'],
            value,
            provenance: 'self-declared',
            updatedBy: owner.id,
            updatedAt: now,
          }),
        );
    }
  });
  // The demo edition's window is its round (申报批次), open now.
  await app.get(RoundsService).ensureDefaultRound(year);

  console.log(
    [
      `已写入演示数据（演示数据，仅供体验）：演示版本 demo-${year}（${year}年度，申报窗口开放）、${FIRMS.length}家演示企业。`,
      '工作人员登录（在浏览器打开网页版的 /staff 进入审核工作台，或 POST /api/v1/auth/staff）：',
      ...STAFF.map((s) => `  ${s.name}  用户名 ${s.username}  密码 ${s.password}`),
      '  （县级审核员 linqing 审核临清市的企业：演示时请把企业登记在临清市，或由管理员在“账号管理”中为其他县市区建账号）',
      ...(config.authDemo
        ? [
            '演示登录（POST /api/v1/auth/demo）：{"role":"applicant"} 以新的申报企业用户登录；以演示企业的管理员登录：',
            ...FIRMS.map(
              (firm, i) => `  ${firm.name}  ${JSON.stringify({ role: 'applicant', openid: demoOwnerLogin(i + 1) })}`,
            ),
          ]
        : []),
    ].join('\n'),
  );
};
