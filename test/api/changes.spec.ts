import { LOAN_CONSENT } from '@huiqi/shared';
import { createStaff } from '../../api/src/modules/auth/staff.js';
import { boot, type Booted, firm, publishDemoEdition, TEST_NOW } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired, pdf, upload } from './support/files.js';
import { putOnNotice } from './support/notice.js';
import { ApplicationEntity } from '../../api/src/modules/applications/application.entity.js';
import { NoticesService } from '../../api/src/modules/applications/notices.service.js';
import { MatchingService } from '../../api/src/modules/matching/matching.service.js';

interface OutboxEvent {
  id: number;
  eventType: string;
  entity: string;
  entityId: string;
  orgId: number | null;
  payload: Record<string, unknown>;
  auditId: number | null;
  dedupeKey: string;
}
interface OutboxPage {
  events: OutboxEvent[];
  next: number | null;
}
interface AuditEntry {
  id: number;
  action: string;
}

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };

/** One kind of change: how to get ready for it, how to make it, and what it answers when it works. */
interface Case {
  action: string;
  prepare: () => Promise<Record<string, unknown>>;
  act: (ready: Record<string, unknown>) => Promise<number>;
  /** The status of a change that went through (a replayed token is still refused, after revoking its family). */
  succeeds?: number;
}

/**
 * Every change goes through one path that writes the change, its audit entry and its outbox
 * event in one transaction. Proof, for every kind of change: with the outbox unwritable (the
 * last write of the path), the request fails and the database is exactly as it was, no row of
 * any table changed; with the outbox back, the same request goes through and writes one audit
 * entry and one event of its action.
 */
describe.each(ENGINES)('one change path, on %s', (engine) => {
  let api: Booted;
  let owner: string;
  let admin: string;
  let reviewer: string;
  let n = 60;

  const rename = (from: string, to: string) =>
    api.app.dataSource.query(
      engine === 'sqlite' ? `ALTER TABLE "${from}" RENAME TO "${to}"` : `RENAME TABLE \`${from}\` TO \`${to}\``,
    );

  /** Every row of every table of ours. */
  const dump = async (): Promise<Record<string, unknown[]>> => {
    const names: { name: string }[] =
      engine === 'sqlite'
        ? await api.app.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await api.app.dataSource.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          );
    const tables = names.map((t) => t.name).filter((t) => t !== 'migrations' && !t.startsWith('sqlite_'));
    const rows: Record<string, unknown[]> = {};
    for (const table of tables.sort())
      rows[table] = await api.app.dataSource.query(
        engine === 'sqlite' ? `SELECT * FROM "${table}" ORDER BY 1` : `SELECT * FROM \`${table}\` ORDER BY 1`,
      );
    return rows;
  };

  const newFirm = async (facts: Record<string, unknown> = TALENT_FACTS): Promise<number> => {
    const id = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) })).body.id;
    await api.call('PUT', `/api/v1/orgs/${id}/facts?year=2026`, { token: owner, body: { facts } });
    return id;
  };
  const newDraft = async (orgId: number): Promise<number> =>
    (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/applications`, {
        token: owner,
        body: { programId: 'talent-hiring', claimYear: 2026 },
      })
    ).body.id;
  const newSubmitted = async (): Promise<{ orgId: number; applicationId: number; materialId: string }> => {
    const orgId = await newFirm();
    const applicationId = await newDraft(orgId);
    await fillRequired(api, owner, orgId, applicationId);
    const submitted = await api.call('POST', `/api/v1/applications/${applicationId}/submit`, { token: owner });
    if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.text}`);
    const slots = await api.call<{ materials: { id: string; current: unknown }[] }>(
      'GET',
      `/api/v1/applications/${applicationId}/materials`,
      { token: owner },
    );
    return { orgId, applicationId, materialId: slots.body.materials.find((m) => m.current)?.id as string };
  };
  const status = async (res: Promise<{ status: number }>): Promise<number> => (await res).status;
  const OBJECTION = { name: '张异议', phone: '13800000000', reason: '人数不实', evidence: '社保名单' };
  const onNotice = async (): Promise<{ applicationId: number }> => {
    const { applicationId } = await newSubmitted();
    await putOnNotice(api, applicationId);
    return { applicationId };
  };
  const objected = async (): Promise<{ applicationId: number; objectionId: number }> => {
    const { applicationId } = await onNotice();
    const filed = await api.call<{ id: number }>('POST', `/api/v1/applications/${applicationId}/objections`, {
      token: owner,
      body: OBJECTION,
    });
    return { applicationId, objectionId: filed.body.id };
  };
  const ruling = (outcome: 'upheld' | 'dismissed') => (ready: Record<string, unknown>) =>
    status(
      api.call('POST', `/api/v1/objections/${String(ready['objectionId'])}/ruling`, {
        token: reviewer,
        body: { outcome, reason: '经核实' },
      }),
    );

  /** A firm's relocated shop waiting for its county (linqing), with that county's reviewer's token. */
  const pendingShop = async (): Promise<Record<string, unknown>> => {
    const orgId = await newFirm();
    const made = await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/relocated-shops`, {
      token: owner,
      body: { platform: 'douyin', shop: `changes-shop-${orgId}`, relocatedOn: '2026-04-01' },
    });
    if (made.status !== 201) throw new Error(`relocated shop: ${made.text}`);
    return { shopId: made.body.id, county: await api.login('county-reviewer', 'changes-linqing', 'linqing') };
  };

  /** A staff account made through the API, signed in once (so disabling and resetting have a session to end). */
  const staffAccount = async (username: string): Promise<number> => {
    const created = await api.call<{ id: number }>('POST', '/api/v1/staff', {
      token: admin,
      body: { username, password: 'long-enough-1', role: 'finance' },
    });
    if (created.status !== 201) throw new Error(`staff account: ${created.text}`);
    await api.call('POST', '/api/v1/auth/staff', { body: { username, password: 'long-enough-1' } });
    return created.body.id;
  };

  const LOAN = { amountYuan: '500000', purpose: '备货周转', consent: true, consentVersion: LOAN_CONSENT.version };
  const newReferral = async (): Promise<{ id: number }> => {
    const orgId = await newFirm();
    const made = await api.call<{ id: number }>('POST', `/api/v1/orgs/${orgId}/referrals/loan`, {
      token: owner,
      body: LOAN,
    });
    return { id: made.body.id };
  };
  const CRITERIA = { criteria: [{ name: '企业孵化', weightBp: 10_000 }] };
  const SCORES = { scores: [{ criterion: '企业孵化', score: 88 }] };
  /** A park registered, and the year's criteria set. */
  const newPark = async (year: number): Promise<number> => {
    const park = firm(n++, { orgTypes: ['ecommerce-park'] });
    const orgId = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: park })).body.id;
    await api.call('PUT', `/api/v1/park-evaluations/${year}/criteria`, { token: admin, body: CRITERIA });
    return orgId;
  };

  const CASES: Case[] = [
    {
      action: 'user.created',
      prepare: async () => ({}),
      act: () => status(api.call('POST', '/api/v1/auth/demo', { body: { role: 'applicant', openid: 'changes-new' } })),
      succeeds: 200,
    },
    {
      action: 'user.staff-created',
      prepare: async () => ({}),
      act: async () => {
        await createStaff(
          api.app.dataSource,
          { username: 'changes-staff', password: 'long-enough-1', role: 'finance' },
          TEST_NOW,
        );
        return 200;
      },
      succeeds: 200,
    },
    {
      action: 'user.staff-created',
      prepare: async () => ({}),
      act: () =>
        status(
          api.call('POST', '/api/v1/staff', {
            token: admin,
            body: { username: 'changes-api-staff', password: 'long-enough-1', role: 'city-reviewer' },
          }),
        ),
      succeeds: 201,
    },
    {
      action: 'user.password-reset',
      prepare: async () => ({ id: await staffAccount('changes-reset') }),
      act: (ready) => status(api.call('POST', `/api/v1/staff/${String(ready['id'])}/password`, { token: admin })),
    },
    {
      action: 'user.disabled',
      prepare: async () => ({ id: await staffAccount('changes-disable') }),
      act: (ready) => status(api.call('POST', `/api/v1/staff/${String(ready['id'])}/disable`, { token: admin })),
    },
    {
      action: 'user.enabled',
      prepare: async () => {
        const id = await staffAccount('changes-enable');
        await api.call('POST', `/api/v1/staff/${id}/disable`, { token: admin });
        return { id };
      },
      act: (ready) => status(api.call('POST', `/api/v1/staff/${String(ready['id'])}/enable`, { token: admin })),
    },
    {
      action: 'session.refresh-replayed',
      prepare: async () => {
        const session = await api.call<{ refreshToken: string }>('POST', '/api/v1/auth/demo', {
          body: { role: 'applicant', openid: 'changes-replay' },
        });
        const first = session.body.refreshToken;
        await api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
        return { first };
      },
      act: ({ first }) => status(api.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } })),
      succeeds: 401,
    },
    {
      action: 'org.registered',
      prepare: async () => ({ body: firm(n++) }),
      act: ({ body }) => status(api.call('POST', '/api/v1/orgs', { token: owner, body })),
      succeeds: 201,
    },
    {
      action: 'org.updated',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) =>
        status(api.call('PATCH', `/api/v1/orgs/${orgId}`, { token: owner, body: { county: 'gaotang' } })),
    },
    {
      action: 'org.invite-created',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) => status(api.call('POST', `/api/v1/orgs/${orgId}/invites`, { token: owner })),
      succeeds: 201,
    },
    {
      action: 'org.member-joined',
      prepare: async () => {
        const orgId = await newFirm();
        const invite = await api.call<{ code: string }>('POST', `/api/v1/orgs/${orgId}/invites`, { token: owner });
        return { code: invite.body.code, colleague: await api.login('applicant', `changes-colleague-${orgId}`) };
      },
      act: ({ code, colleague }) =>
        status(api.call('POST', '/api/v1/orgs/join', { token: colleague as string, body: { code } })),
    },
    {
      action: 'facts.updated',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) =>
        status(
          api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, {
            token: owner,
            body: { facts: { trainedHireCount: 30, registrationDate: '2020-01-01' } },
          }),
        ),
    },
    {
      action: 'file.uploaded',
      prepare: async () => ({ orgId: await newFirm() }),
      act: async ({ orgId }) => (await upload(api.url, owner, orgId as number, pdf('changes-upload'), 'a.pdf')).status,
      succeeds: 201,
    },
    {
      action: 'application.created',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) =>
        status(
          api.call('POST', `/api/v1/orgs/${orgId}/applications`, {
            token: owner,
            body: { programId: 'talent-hiring', claimYear: 2026 },
          }),
        ),
      succeeds: 201,
    },
    {
      action: 'application.updated',
      prepare: async () => ({ applicationId: await newDraft(await newFirm()) }),
      act: ({ applicationId }) =>
        status(
          api.call('PATCH', `/api/v1/applications/${applicationId}`, {
            token: owner,
            body: { facts: { trainedHireCount: 15 } },
          }),
        ),
    },
    {
      action: 'application.material-attached',
      prepare: async () => {
        const orgId = await newFirm();
        const applicationId = await newDraft(orgId);
        const file = await upload(api.url, owner, orgId, pdf(`changes-attach-${orgId}`), 'contract.pdf');
        const slots = await api.call<{ materials: { id: string; accepts: string[] }[] }>(
          'GET',
          `/api/v1/applications/${applicationId}/materials`,
          { token: owner },
        );
        const materialId = slots.body.materials.find((m) => m.accepts.includes('pdf'))?.id;
        return { applicationId, materialId, fileId: file.body.file?.id };
      },
      act: ({ applicationId, materialId, fileId }) =>
        status(
          api.call('PUT', `/api/v1/applications/${applicationId}/materials/${materialId}`, {
            token: owner,
            body: { fileId },
          }),
        ),
    },
    {
      action: 'application.submitted',
      prepare: async () => {
        const orgId = await newFirm();
        const applicationId = await newDraft(orgId);
        await fillRequired(api, owner, orgId, applicationId);
        return { applicationId };
      },
      act: ({ applicationId }) =>
        status(api.call('POST', `/api/v1/applications/${applicationId}/submit`, { token: owner })),
    },
    {
      action: 'application.material-rejected',
      prepare: newSubmitted,
      act: ({ applicationId, materialId }) =>
        status(
          api.call('POST', `/api/v1/applications/${applicationId}/materials/${materialId}/review`, {
            token: reviewer,
            body: { decision: 'reject', reason: '盖章不清晰，请重新扫描' },
          }),
        ),
    },
    {
      action: 'application.material-accepted',
      prepare: newSubmitted,
      act: ({ applicationId, materialId }) =>
        status(
          api.call('POST', `/api/v1/applications/${applicationId}/materials/${materialId}/review`, {
            token: reviewer,
            body: { decision: 'accept' },
          }),
        ),
    },
    {
      action: 'application.objection-filed',
      prepare: onNotice,
      act: ({ applicationId }) =>
        status(
          api.call('POST', `/api/v1/applications/${String(applicationId)}/objections`, {
            token: owner,
            body: OBJECTION,
          }),
        ),
      succeeds: 201,
    },
    { action: 'application.objection-dismissed', prepare: objected, act: ruling('dismissed') },
    { action: 'application.objection-upheld', prepare: objected, act: ruling('upheld') },
    {
      // The timer's run, not a route: it logs a failed conclusion and leaves it for the next run.
      action: 'application.notice-ended',
      prepare: async () => {
        const { applicationId } = await onNotice();
        // A notice that ended yesterday (the clock stays where the other cases need it).
        await api.app.dataSource
          .getRepository(ApplicationEntity)
          .update({ id: applicationId }, { noticeStarts: '2026-06-08', noticeEnds: '2026-06-12' });
        return { applicationId };
      },
      act: async ({ applicationId }) =>
        (await api.app.app.get(NoticesService).concludeDueNotices()).includes(applicationId as number) ? 200 : 500,
    },
    {
      action: 'application.withdrawn',
      prepare: newSubmitted,
      act: ({ applicationId }) =>
        status(api.call('POST', `/api/v1/applications/${applicationId}/withdraw`, { token: owner })),
    },
    {
      action: 'edition.draft-created',
      prepare: async () => ({}),
      act: () =>
        status(api.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: 'changes-draft' } })),
      succeeds: 201,
    },
    {
      action: 'edition.draft-updated',
      prepare: async () => {
        await api.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: 'changes-edit' } });
        return {};
      },
      act: () =>
        status(
          api.call('PATCH', '/api/v1/editions/changes-edit', {
            token: admin,
            body: { document: { title: '聊城市关于促进电子商务高质量发展的若干措施（修订稿）' } },
          }),
        ),
    },
    {
      action: 'edition.published',
      prepare: async () => {
        await api.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: 'changes-publish' } });
        await api.call('PATCH', '/api/v1/editions/changes-publish', {
          token: admin,
          body: { document: { claimYear: 2031, validFrom: '2031-01-01', validTo: '2031-12-31' } },
        });
        return {};
      },
      act: () => status(api.call('POST', '/api/v1/editions/changes-publish/publish', { token: admin })),
    },
    // Measure 五's register of relocated shops: each change with its audit entry and event, or none.
    {
      action: 'relocated-shop.registered',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) =>
        status(
          api.call('POST', `/api/v1/orgs/${String(orgId)}/relocated-shops`, {
            token: owner,
            body: { platform: 'taobao', shop: `changes-${String(orgId)}`, relocatedOn: '2026-05-01' },
          }),
        ),
      succeeds: 201,
    },
    {
      action: 'relocated-shop.verified',
      prepare: pendingShop,
      act: ({ shopId, county }) =>
        status(api.call('POST', `/api/v1/relocated-shops/${String(shopId)}/verify`, { token: county as string })),
    },
    {
      action: 'relocated-shop.refused',
      prepare: pendingShop,
      act: ({ shopId, county }) =>
        status(
          api.call('POST', `/api/v1/relocated-shops/${String(shopId)}/refuse`, {
            token: county as string,
            body: { reason: '店铺主体与企业不符' },
          }),
        ),
    },
    {
      action: 'relocated-shop.resubmitted',
      prepare: async () => {
        const ready = await pendingShop();
        await api.call('POST', `/api/v1/relocated-shops/${String(ready['shopId'])}/refuse`, {
          token: ready['county'] as string,
          body: { reason: '请核对店铺ID' },
        });
        return ready;
      },
      act: ({ shopId }) =>
        status(
          api.call('POST', `/api/v1/relocated-shops/${String(shopId)}/resubmit`, {
            token: owner,
            body: { platform: 'jd', shop: `changes-again-${String(shopId)}`, relocatedOn: '2026-05-02' },
          }),
        ),
    },
    // Referrals (第七条、第十一条) and the park evaluation (第八条).
    {
      action: 'referral.requested',
      prepare: async () => ({ orgId: await newFirm() }),
      act: ({ orgId }) =>
        status(api.call('POST', `/api/v1/orgs/${orgId}/referrals/loan`, { token: owner, body: LOAN })),
      succeeds: 201,
    },
    {
      action: 'referral.withdrawn',
      prepare: newReferral,
      act: ({ id }) => status(api.call('POST', `/api/v1/referrals/${id}/withdraw`, { token: owner })),
    },
    {
      action: 'referral.status-changed',
      prepare: newReferral,
      act: ({ id }) =>
        status(api.call('POST', `/api/v1/referrals/${id}/status`, { token: reviewer, body: { status: 'referred' } })),
    },
    {
      action: 'referral.exported',
      prepare: newReferral,
      act: ({ id }) => status(api.call('GET', `/api/v1/referrals/${id}/export`, { token: reviewer })),
    },
    {
      action: 'park-evaluation.criteria-set',
      prepare: async () => ({}),
      act: () => status(api.call('PUT', '/api/v1/park-evaluations/2040/criteria', { token: admin, body: CRITERIA })),
    },
    {
      action: 'park-evaluation.scored',
      prepare: async () => ({ orgId: await newPark(2041) }),
      act: ({ orgId }) =>
        status(
          api.call('PUT', `/api/v1/park-evaluations/2041/parks/${orgId}/scores`, { token: reviewer, body: SCORES }),
        ),
    },
    {
      action: 'park-evaluation.published',
      prepare: async () => {
        const orgId = await newPark(2042);
        await api.call('PUT', `/api/v1/park-evaluations/2042/parks/${orgId}/scores`, { token: reviewer, body: SCORES });
        return {};
      },
      act: () => status(api.call('POST', '/api/v1/park-evaluations/2042/publish', { token: reviewer })),
    },
  ];

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, 2026);
    owner = await api.login('applicant', 'changes-owner');
    admin = await api.login('admin', 'changes-admin');
    reviewer = await api.login('city-reviewer', 'changes-city');
  });
  afterAll(() => api.close());

  it.each(CASES.map((c) => [c.action, c] as const))(
    '%s: written whole with its audit entry and its outbox event, or not at all',
    async (action, c) => {
      const ready = await c.prepare();
      // Proactive matching reacts to committed changes on its own: let it finish before the outbox moves away.
      await api.app.app.get(MatchingService).idle();
      const before = await dump();
      await rename('outbox', 'outbox_away');
      let failed: number | unknown;
      try {
        failed = await c.act(ready).catch((error: unknown) => error);
      } finally {
        await rename('outbox_away', 'outbox');
      }
      // The HTTP routes answer 500; the command line's createStaff rejects.
      if (typeof failed === 'number') expect(failed).toBe(500);
      else expect(failed).toBeInstanceOf(Error);
      expect(await dump()).toEqual(before);

      expect(await c.act(ready)).toBe(c.succeeds ?? 200);
      await api.app.app.get(MatchingService).idle();
      // The newest event a change made (a match the change led to has no audit entry).
      const event = (await api.call<OutboxPage>('GET', '/api/v1/outbox?limit=20', { token: admin })).body.events.find(
        (e) => e.auditId !== null,
      );
      const [entry] = (await api.call<{ entries: AuditEntry[] }>('GET', '/api/v1/audit?limit=1', { token: admin })).body
        .entries;
      expect(entry?.action).toBe(action);
      expect(event).toMatchObject({ eventType: action, auditId: entry?.id, dedupeKey: `audit:${entry?.id}` });
    },
  );

  it('every audit entry has exactly one outbox event, and the outbox reads a page at a time', async () => {
    const audit = (await api.call<{ entries: AuditEntry[] }>('GET', '/api/v1/audit?limit=500', { token: admin })).body
      .entries;
    const seen: OutboxEvent[] = [];
    let next: number | null = null;
    do {
      const page: OutboxPage = (
        await api.call<OutboxPage>('GET', `/api/v1/outbox?limit=7${next ? `&before=${next}` : ''}`, { token: admin })
      ).body;
      expect(page.events.length).toBeLessThanOrEqual(7);
      seen.push(...page.events);
      next = page.next;
    } while (next !== null);
    // Events no change made (proactive matches, reminders) have no audit entry; every other one has its own.
    const ofChanges = seen.filter((e) => e.auditId !== null);
    expect(seen.filter((e) => e.auditId === null).every((e) => e.eventType.startsWith('notification.'))).toBe(true);
    expect(ofChanges.map((e) => e.auditId)).toEqual(audit.map((e) => e.id));
    expect(ofChanges.map((e) => e.eventType)).toEqual(audit.map((e) => e.action));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it('events carry what a notice needs and no personal data', async () => {
    const { events } = (await api.call<OutboxPage>('GET', '/api/v1/outbox?limit=500', { token: admin })).body;
    const submitted = events.find((e) => e.eventType === 'application.submitted');
    expect(submitted?.payload).toEqual({
      applicationId: expect.any(Number),
      orgId: expect.any(Number),
      programId: 'talent-hiring',
      claimYear: 2026,
      maxAmountFen: 10_000_000,
    });
    expect(submitted).toMatchObject({ entity: 'application', entityId: String(submitted?.payload['applicationId']) });
    const rejected = events.find((e) => e.eventType === 'application.material-rejected');
    expect(rejected?.payload).toMatchObject({ reason: '盖章不清晰，请重新扫描' });
    const registered = events.find((e) => e.eventType === 'org.registered');
    expect(Object.keys(registered?.payload ?? {}).sort()).toEqual(['county', 'name', 'orgId']);
    expect(JSON.stringify(events)).not.toMatch(/13912345678|王法人|赵联系/);
  });

  it('only an administrator reads the outbox', async () => {
    expect((await api.call('GET', '/api/v1/outbox', { token: owner })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/outbox', { token: reviewer })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/outbox')).status).toBe(401);
    const bad = await api.call<{ details: { field: string }[] }>('GET', '/api/v1/outbox?before=0x10', {
      token: admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]?.field).toBe('before');
  });
});
