import { builtInEditions, type Edition } from '@huiqi/shared';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/database/data-source.js';
import { EditionVersions1796049599286 } from '../../api/src/database/migrations/1796049599286-EditionVersions.js';
import { MIGRATIONS } from '../../api/src/database/migrations/index.js';
import { contentHash } from '../../api/src/modules/editions/content-hash.js';
import { boot, type Booted, firm, testUscc } from './support/app.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/databases.js';
import { fillRequired } from './support/files.js';

interface ApplicationReply {
  id: number;
  status: string;
  programTitle: string;
  editionId: string;
  editionVersion: number;
  maxAmountFen: number | null;
  evaluation: unknown;
}
interface SlotsReply {
  materials: { id: string; required: boolean }[];
}

const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };

type Document = {
  title: string;
  programs: Record<
    string,
    {
      title: string;
      parameters: Record<string, { value: unknown }>;
      materials: { id: string; name: string; required: boolean }[];
    }
  >;
};

/** A built-in edition of the package for 2026, window open (the numbers of 2023), as version 1 ships it. */
const shipped = (): Document & Record<string, unknown> => ({
  ...(JSON.parse(JSON.stringify(builtInEditions()[0])) as Document & Record<string, unknown>),
  id: 'pinned',
  title: '聊城市电商措施（内置版本，第一版）',
  claimYear: 2026,
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  applicationWindow: { opens: '2026-01-01', closes: '2026-12-31' },
  demo: false,
});

/**
 * The next package's content for the same edition: 九 renamed, asking for 20 hires instead of 10,
 * paying at most 5万 instead of 10万, and wanting one more document.
 */
const updated = (): Document & Record<string, unknown> => {
  const next = shipped();
  next.title = '聊城市电商措施（内置版本，第二版）';
  const talent = next.programs['talent-hiring'] as Document['programs'][string];
  talent.title = '电商企业吸纳培训人才就业奖励（修订）';
  (talent.parameters['minTrainedHires'] as { value: number }).value = 20;
  (talent.parameters['maxAwardFen'] as { value: number }).value = 5_000_000;
  const roster = talent.materials.find((m) => m.id === 'hire-roster') as Document['programs'][string]['materials'][0];
  talent.materials.push({ ...roster, id: 'tax-certificate', name: '完税证明', required: true });
  return next;
};

/**
 * A submitted application is judged by the edition it was made under: a package update that
 * ships new content for a built-in edition adds a version, and never changes an existing
 * application's programs, materials or evaluation; new applications take the new version.
 */
describe.each(ENGINES)('applications pinned to their edition version, on %s', (engine) => {
  let db: TestDatabase;
  let api: Booted;
  let owner: string;
  let submitted: ApplicationReply;
  let submittedSlots: SlotsReply;
  let draftId: number;
  let n = 80;

  const newFirm = async (): Promise<number> => {
    const id = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n++) })).body.id;
    await api.call('PUT', `/api/v1/orgs/${id}/facts?year=2026`, { token: owner, body: { facts: TALENT_FACTS } });
    return id;
  };
  const create = async (orgId: number) =>
    api.call<ApplicationReply>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: owner,
      body: { programId: 'talent-hiring', claimYear: 2026 },
    });
  const slots = async (id: number) =>
    (await api.call<SlotsReply>('GET', `/api/v1/applications/${id}/materials`, { token: owner })).body;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    api = await boot(engine, {}, { database: db, builtInEditions: [shipped() as unknown as Edition] });
    owner = await api.login('applicant', 'pinned-owner');
    const orgId = await newFirm();
    const app = await create(orgId);
    await fillRequired(api, owner, orgId, app.body.id);
    const res = await api.call<ApplicationReply>('POST', `/api/v1/applications/${app.body.id}/submit`, {
      token: owner,
    });
    expect(res.status).toBe(200);
    submitted = res.body;
    submittedSlots = await slots(submitted.id);
    draftId = (await create(await newFirm())).body.id;
    await api.close();

    // The next release of the package: the same edition id, different content.
    api = await boot(engine, {}, { database: db, builtInEditions: [updated() as unknown as Edition] });
    owner = await api.login('applicant', 'pinned-owner');
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('the first version is what the application was made and submitted under', () => {
    expect(submitted).toMatchObject({
      editionId: 'pinned',
      editionVersion: 1,
      programTitle: '电商企业吸纳培训人才就业奖励',
      maxAmountFen: 10_000_000,
    });
    expect(submittedSlots.materials.map((m) => m.id)).not.toContain('tax-certificate');
  });

  it('the update is a new version of the edition, in force for the year', async () => {
    const programs = await api.call<{
      edition: { id: string; version: number; title: string };
      programs: { programId: string; title: string }[];
    }>('GET', '/api/v1/programs?year=2026');
    expect(programs.body.edition).toMatchObject({
      id: 'pinned',
      version: 2,
      title: '聊城市电商措施（内置版本，第二版）',
    });
    expect(programs.body.programs.find((p) => p.programId === 'talent-hiring')?.title).toBe(
      '电商企业吸纳培训人才就业奖励（修订）',
    );
  });

  it('a submitted application keeps its program, materials and evaluation', async () => {
    const now = await api.call<ApplicationReply>('GET', `/api/v1/applications/${submitted.id}`, { token: owner });
    expect(now.body).toEqual(submitted);
    expect(await slots(submitted.id)).toEqual(submittedSlots);
  });

  it('a draft made under the first version is submitted under it: its materials, its rules', async () => {
    const draft = await api.call<ApplicationReply>('GET', `/api/v1/applications/${draftId}`, { token: owner });
    expect(draft.body).toMatchObject({ editionVersion: 1, programTitle: '电商企业吸纳培训人才就业奖励' });
    expect((await slots(draftId)).materials.map((m) => m.id)).not.toContain('tax-certificate');
    const orgId = (draft.body as unknown as { orgId: number }).orgId;
    await fillRequired(api, owner, orgId, draftId);
    // 12 hires: enough under version 1 (10), not under version 2 (20).
    const res = await api.call<ApplicationReply>('POST', `/api/v1/applications/${draftId}/submit`, { token: owner });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ editionVersion: 1, maxAmountFen: 10_000_000 });
  });

  it('a new application is made under the new version: its materials, its rules', async () => {
    const orgId = await newFirm();
    const app = await create(orgId);
    expect(app.body).toMatchObject({ editionVersion: 2, programTitle: '电商企业吸纳培训人才就业奖励（修订）' });
    expect((await slots(app.body.id)).materials.find((m) => m.id === 'tax-certificate')).toMatchObject({
      required: true,
    });
    await fillRequired(api, owner, orgId, app.body.id);
    const res = await api.call<{ code: string; details: { conditions: { condition: string }[] } }>(
      'POST',
      `/api/v1/applications/${app.body.id}/submit`,
      { token: owner },
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NOT_ELIGIBLE');
    expect(res.body.details.conditions.map((c) => c.condition)).toEqual(['trained-hires']);
  });
});

/**
 * Every instance sees a publication made through another: two instances on one database, the
 * second having read the editions before the first publishes.
 */
describe.each(ENGINES)('a publication seen by every instance, on %s', (engine) => {
  let db: TestDatabase;
  let one: Booted;
  let two: Booted;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    one = await boot(engine, {}, { database: db });
    two = await boot(engine, {}, { database: db });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
    await db.drop();
  });

  it('an edition published through one instance is in force on the other within a second', async () => {
    // The second instance has read (and kept) the editions: none for 2029 yet.
    expect((await two.call('GET', '/api/v1/programs?year=2029')).status).toBe(422);
    expect((await two.call('GET', '/api/v1/programs?year=2023')).status).toBe(200);

    const admin = await one.login('admin', 'instances-admin');
    await one.call('POST', '/api/v1/editions/2023/drafts', { token: admin, body: { id: '2029' } });
    await one.call('PATCH', '/api/v1/editions/2029', {
      token: admin,
      body: {
        document: {
          claimYear: 2029,
          validFrom: '2029-01-01',
          validTo: '2029-12-31',
          applicationWindow: { opens: '2029-03-01', closes: '2029-06-30' },
        },
      },
    });
    expect((await one.call('POST', '/api/v1/editions/2029/publish', { token: admin })).status).toBe(200);
    // Instances ask at most once a second whether another one has published.
    two.clock.advance(1000);

    const programs = await two.call<{ edition: { id: string; version: number } }>('GET', '/api/v1/programs?year=2029');
    expect(programs.status).toBe(200);
    expect(programs.body.edition).toMatchObject({ id: '2029', version: 1 });
    const eligibility = await two.call<{ claimYear: number; programs: unknown[] }>('POST', '/api/v1/eligibility', {
      body: { claimYear: 2029, facts: { orgTypes: ['ecommerce'] } },
    });
    expect(eligibility.status).toBe(200);
    expect(eligibility.body.claimYear).toBe(2029);
  });
});

/**
 * The migration to versions: every published edition becomes version 1 of itself, content stored
 * by the hash the API computes, and every application is pinned to version 1 of its edition (the
 * row it was made under); down gives published editions their documents back.
 */
describe.each(ENGINES)('editions and applications from before versions, on %s', (engine) => {
  it('are migrated to version 1 and pinned to it; the API finds nothing new to publish; down and up again', async () => {
    const db = await createTestDatabase(engine);
    const at = MIGRATIONS.indexOf(EditionVersions1796049599286);
    const old = new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS.slice(0, at) });
    const current = new DataSource(dataSourceOptions(db.config));
    const package2023 = JSON.parse(JSON.stringify(builtInEditions()[0])) as Record<string, unknown>;
    const demo = { ...package2023, id: 'demo-2026', claimYear: 2026, title: '【演示】2026年演示版本', demo: true };
    const draft = { ...package2023, id: 'draft-2027', claimYear: 2027 };
    try {
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      const edition = (id: string, year: number, status: string, document: unknown) =>
        old.query(
          'INSERT INTO editions (id, claim_year, status, demo, document, created_at, published_at) VALUES (?, ?, ?, 0, ?, ?, ?)',
          [
            id,
            year,
            status,
            JSON.stringify(document),
            '2026-01-01 00:00:00',
            status === 'draft' ? null : '2026-01-02 00:00:00',
          ],
        );
      await edition('2023', 2023, 'published', package2023);
      await edition('demo-2026', 2026, 'published', demo);
      await edition('draft-2027', 2027, 'draft', draft);
      // The applications' firm and its user: foreign keys refuse rows that reference nothing.
      await old.query(
        "INSERT INTO users (id, kind, openid, role, display_name) VALUES (1, 'wechat', 'o-versions', 'applicant', '微信用户')",
      );
      await old.query(
        'INSERT INTO orgs (id, uscc, name, county, org_types, legal_representative, contact_name, contact_phone, created_by)' +
          " VALUES (1, ?, '聊城版本电商有限公司', 'linqing', '[\"ecommerce\"]', '王法人', '赵联系', '13912345678', 1)",
        [testUscc(9)],
      );
      for (const editionId of ['2023', 'demo-2026', '2023'])
        await old.query(
          'INSERT INTO applications (org_id, program_id, claim_year, edition_id, status, facts_snapshot, created_by, created_at, updated_at, version)' +
            " VALUES (1, 'talent-hiring', 2026, ?, 'draft', '{}', 1, '2026-06-01 08:00:00', '2026-06-01 08:00:00', 1)",
          [editionId],
        );
      await old.destroy();

      await current.initialize();
      await current.runMigrations({ transaction: 'each' });
      const versions = async () =>
        (await current.query(
          'SELECT edition_id, version, content_hash, claim_year FROM edition_versions ORDER BY edition_id',
        )) as { edition_id: string; version: number; content_hash: string; claim_year: number }[];
      const expected = [
        { edition_id: '2023', version: 1, content_hash: contentHash(package2023), claim_year: 2023 },
        { edition_id: 'demo-2026', version: 1, content_hash: contentHash(demo), claim_year: 2026 },
      ];
      expect(await versions()).toEqual(expected);
      const documents = (await current.query('SELECT id, document FROM editions ORDER BY id')) as {
        id: string;
        document: string | null;
      }[];
      expect(documents.map((d) => [d.id, d.document === null ? null : JSON.parse(d.document)])).toEqual([
        ['2023', null],
        ['demo-2026', null],
        ['draft-2027', draft],
      ]);
      const contents = (await current.query('SELECT content_hash, document FROM edition_contents')) as {
        content_hash: string;
        document: string;
      }[];
      expect(new Map(contents.map((c) => [c.content_hash, JSON.parse(c.document) as unknown]))).toEqual(
        new Map([
          [contentHash(package2023), package2023],
          [contentHash(demo), demo],
        ]),
      );
      const pinned = (await current.query(
        'SELECT a.id, v.edition_id, v.version FROM applications a JOIN edition_versions v ON v.id = a.edition_version_id ORDER BY a.id',
      )) as { id: number; edition_id: string; version: number }[];
      expect(pinned.map((p) => [p.id, p.edition_id, p.version])).toEqual([
        [1, '2023', 1],
        [2, 'demo-2026', 1],
        [3, '2023', 1],
      ]);
      await current.destroy();

      // The API hashes as the migration did: the package's 2023 edition is already version 1.
      const api = await boot(engine, {}, { database: db });
      try {
        const editions = await api.call<{ editions: { id: string; version: number | null }[] }>(
          'GET',
          '/api/v1/editions',
        );
        expect(editions.body.editions.map((e) => [e.id, e.version])).toEqual([
          ['draft-2027', null],
          ['demo-2026', 1],
          ['2023', 1],
        ]);
      } finally {
        await api.close();
      }

      await current.initialize();
      for (let i = at; i < MIGRATIONS.length; i++) await current.undoLastMigration({ transaction: 'each' });
      const restored = (await current.query('SELECT id, document FROM editions ORDER BY id')) as {
        id: string;
        document: string;
      }[];
      expect(restored.map((d) => [d.id, JSON.parse(d.document) as unknown])).toEqual([
        ['2023', package2023],
        ['demo-2026', demo],
        ['draft-2027', draft],
      ]);
      await current.runMigrations({ transaction: 'each' });
      expect(await versions()).toEqual(expected);
    } finally {
      if (old.isInitialized) await old.destroy();
      if (current.isInitialized) await current.destroy();
      await db.drop();
    }
  });
});
