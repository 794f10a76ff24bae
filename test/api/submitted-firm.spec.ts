import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { SubmittedFirm1796044114700 } from '../../api/src/database/migrations/1796044114700-SubmittedFirm.js';
import { type Connected } from './support/connect.js';
import { firm, sharedApi, testUscc } from './support/shared-api.js';
import { createTestDatabase, ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';

interface FirmAtSubmission {
  name: string;
  uscc: string;
  county: string;
  countyName: string;
}
interface ApplicationReply {
  id: number;
  status: string;
  firmAtSubmission: FirmAtSubmission | null;
}
interface SlotsReply {
  materials: { current: { fileId: number } | null }[];
}

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };

/**
 * An application is reviewed as it was submitted: the firm's name, credit code and county are
 * fixed on it then, and a firm that moves county afterwards does not take its application to
 * the other county's reviewers.
 */
describe.each(ENGINES)('what an application was submitted with, on %s', (engine) => {
  let api: Connected;
  let owner: string;
  let linqing: string;
  let gaotang: string;
  let orgId: number;
  let applicationId: number;
  let fileId: number;

  /** What each county's reviewer gets for the application's materials and one of its files. */
  const reviewerAnswers = async () => {
    const answers: Record<string, [number, number]> = {};
    for (const [county, token] of [
      ['linqing', linqing],
      ['gaotang', gaotang],
    ] as const)
      answers[county] = [
        (await api.call('GET', `/api/v1/applications/${applicationId}/materials`, { token })).status,
        (await api.call('GET', `/api/v1/files/${fileId}`, { token })).status,
      ];
    return answers;
  };

  beforeAll(async () => {
    api = await sharedApi(engine);
    owner = await api.login('applicant', 'moving-owner');
    linqing = await api.login('county-reviewer', 'moving-linqing', 'linqing');
    gaotang = await api.login('county-reviewer', 'moving-gaotang', 'gaotang');
    orgId = (
      await api.call<{ id: number }>('POST', '/api/v1/orgs', {
        token: owner,
        body: firm(7, { name: '聊城迁址电商有限公司', county: 'linqing' }),
      })
    ).body.id;
    await api.call('PUT', `/api/v1/orgs/${orgId}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
  });

  it('a draft has no submission copy; submitting fixes the firm’s name, credit code and county on it', async () => {
    const draft = await api.call<ApplicationReply>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.firmAtSubmission).toBeNull();
    applicationId = draft.body.id;
    await fillRequired(api, owner, orgId, applicationId);

    const submitted = await api.call<ApplicationReply>('POST', `/api/v1/applications/${applicationId}/submit`, {
      token: owner,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.firmAtSubmission).toEqual({
      name: '聊城迁址电商有限公司',
      uscc: testUscc(7),
      county: 'linqing',
      countyName: '临清市',
    });
    const slots = await api.call<SlotsReply>('GET', `/api/v1/applications/${applicationId}/materials`, {
      token: owner,
    });
    fileId = slots.body.materials.find((m) => m.current)?.current?.fileId as number;
    expect(fileId).toEqual(expect.any(Number));
    // Only the county it was submitted in reviews it (NOT_FOUND elsewhere, as if it did not exist).
    expect(await reviewerAnswers()).toEqual({ linqing: [200, 200], gaotang: [404, 404] });
  });

  it('after the firm moves county and changes its name, the application stays where it was submitted', async () => {
    const moved = await api.call<{ county: string; name: string }>('PATCH', `/api/v1/orgs/${orgId}`, {
      token: owner,
      body: { county: 'gaotang', name: '高唐新址电商有限公司' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ county: 'gaotang', name: '高唐新址电商有限公司' });

    expect(await reviewerAnswers()).toEqual({ linqing: [200, 200], gaotang: [404, 404] });
    const view = await api.call<ApplicationReply>('GET', `/api/v1/applications/${applicationId}`, { token: owner });
    expect(view.body.firmAtSubmission).toEqual({
      name: '聊城迁址电商有限公司',
      uscc: testUscc(7),
      county: 'linqing',
      countyName: '临清市',
    });
  });

  it('a withdrawn application keeps what it was submitted with', async () => {
    const withdrawn = await api.call<ApplicationReply>('POST', `/api/v1/applications/${applicationId}/withdraw`, {
      token: owner,
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', firmAtSubmission: { county: 'linqing' } });
    expect(await reviewerAnswers()).toEqual({ linqing: [200, 200], gaotang: [404, 404] });
  });
});

describe.each(ENGINES)('applications submitted before the copy existed, on %s', (engine) => {
  it('are given the firm as it stands when the migration runs; drafts and never-submitted ones stay empty', async () => {
    const db = await createTestDatabase(engine);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SubmittedFirm1796044114700));
    const old = new DataSource({ ...dataSourceOptions(db.config), migrations: before });
    const current = new DataSource(dataSourceOptions(db.config));
    try {
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      // The user who registered the firm and made the applications: foreign keys refuse rows that reference nothing.
      await old.query(
        "INSERT INTO users (id, kind, openid, role, display_name) VALUES (1, 'wechat', 'o-submitted', 'applicant', '微信用户')",
      );
      await old.query(
        'INSERT INTO orgs (uscc, name, county, org_types, legal_representative, contact_name, contact_phone, created_by)' +
          " VALUES (?, '聊城旧申报电商有限公司', 'donge', '[\"ecommerce\"]', '王法人', '赵联系', '13912345678', 1)",
        [testUscc(8)],
      );
      // The edition the applications were made under (a later migration pins them to it).
      await old.query(
        'INSERT INTO editions (id, claim_year, status, demo, document, created_at, published_at)' +
          " VALUES ('demo-2026', 2026, 'published', 1, '{\"id\":\"demo-2026\"}', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
      );
      const insert = (status: string, submittedAt: string | null) =>
        old.query(
          'INSERT INTO applications (org_id, program_id, claim_year, edition_id, status, facts_snapshot,' +
            ' created_by, created_at, updated_at, submitted_at, version)' +
            " VALUES (1, 'talent-hiring', 2026, 'demo-2026', ?, '{}', 1, '2026-06-01 08:00:00', '2026-06-01 08:00:00', ?, 1)",
          [status, submittedAt],
        );
      await insert('submitted', '2026-06-01 08:00:00');
      await insert('withdrawn', '2026-06-01 08:00:00');
      await insert('withdrawn', null);
      await insert('draft', null);
      await old.destroy();

      await current.initialize();
      const ran = await current.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.slice(before.length).map((m) => m.name));
      const rows = (await current.query(
        'SELECT status, org_name, org_uscc, org_county FROM applications ORDER BY id',
      )) as Record<string, unknown>[];
      const firmNow = { org_name: '聊城旧申报电商有限公司', org_uscc: testUscc(8), org_county: 'donge' };
      const none = { org_name: null, org_uscc: null, org_county: null };
      expect(rows).toEqual([
        { status: 'submitted', ...firmNow },
        { status: 'withdrawn', ...firmNow },
        { status: 'withdrawn', ...none },
        { status: 'draft', ...none },
      ]);
    } finally {
      if (old.isInitialized) await old.destroy();
      if (current.isInitialized) await current.destroy();
      await db.drop();
    }
  });
});
