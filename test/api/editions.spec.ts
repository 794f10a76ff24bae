import { builtInEditions, type Edition } from '@huiqi/shared';
import { AuditEntity } from '../../api/src/modules/audit/audit.entity.js';
import { contentHash } from '../../api/src/modules/editions/content-hash.js';
import { EditionContentEntity, EditionVersionEntity } from '../../api/src/modules/editions/edition.entity.js';
import { boot, type Booted, firm } from './support/app.js';
import { createTestDatabase, ENGINES } from './support/databases.js';

interface Preview {
  baseId: string;
  firms: number;
  changes: {
    orgName: string;
    programId: string;
    effect: string;
    before: { status: string } | null;
    after: { status: string; maxAmountFen: number | null } | null;
  }[];
  pools: {
    poolId: string;
    capFenAfter: number;
    demandFenBefore: number;
    demandFenAfter: number;
    oversubscribedAfter: boolean;
  }[];
}

/** An administrator copies an edition into a draft, changes it, previews the effect, publishes it. */
describe.each(ENGINES)('editions as data on %s', (engine) => {
  let api: Booted;
  let admin: string;

  beforeAll(async () => {
    api = await boot(engine);
    admin = await api.login('admin', 'editions-admin');
    const owner = await api.login('applicant', 'editions-owner');
    // Two firms with 2023 figures: one just below the leading-enterprise threshold, one above.
    for (const [n, retail] of [
      [30, 8_000_000_000],
      [31, 20_000_000_000],
    ] as const) {
      const id = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(n) })).body.id;
      await api.call('PUT', `/api/v1/orgs/${id}/facts?year=2023`, {
        token: owner,
        body: {
          facts: {
            orgTypes: ['ecommerce'],
            onlineRetailFen: retail,
            normalOperation: true,
            taxCompliant: true,
            localContributionFen: 1_000_000_000,
          },
        },
      });
    }
  });
  afterAll(() => api.close());

  it('only an administrator may touch editions', async () => {
    const applicant = await api.login('applicant', 'editions-applicant');
    expect(
      (await api.call('POST', '/api/v1/editions/2023/drafts', { token: applicant, body: { id: '2027' } })).status,
    ).toBe(403);
  });

  it('copies 2023 into a draft for 2027 and changes its year, dates and a threshold', async () => {
    const draft = await api.call<{ status: string }>('POST', '/api/v1/editions/2023/drafts', {
      token: admin,
      body: { id: '2027' },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    const listed = await api.call<{ editions: { id: string; version: number | null; contentHash: string | null }[] }>(
      'GET',
      '/api/v1/editions',
    );
    expect(listed.body.editions.find((e) => e.id === '2027')).toMatchObject({ version: null, contentHash: null });
    const changed = await api.call<{ claimYear: number }>('PATCH', '/api/v1/editions/2027', {
      token: admin,
      body: {
        document: {
          title: '聊城市关于促进电子商务高质量发展的若干措施（2027年版，测试）',
          claimYear: 2027,
          validFrom: '2027-01-01',
          validTo: '2027-12-31',
          applicationWindow: { opens: '2027-03-01', closes: '2027-06-30' },
          programs: { 'leading-enterprise': { parameters: { minOnlineRetailFen: { value: 5_000_000_000 } } } },
          pools: { 'pool-leading': { capFen: 500_000 } },
        },
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.claimYear).toBe(2027);
  });

  it('refuses a change the shared schema refuses, naming the field, and keeps the draft as it was', async () => {
    const bad = await api.call<{ details: { field: string }[] }>('PATCH', '/api/v1/editions/2027', {
      token: admin,
      body: {
        document: { programs: { 'leading-enterprise': { parameters: { localContributionCapBp: { value: 12_000 } } } } },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field)).toEqual([
      'programs.leading-enterprise.parameters.localContributionCapBp.value',
    ]);
    const kept = await api.call<{
      document: { programs: { 'leading-enterprise': { parameters: { localContributionCapBp: { value: number } } } } };
    }>('GET', '/api/v1/editions/2027', { token: admin });
    expect(kept.body.document.programs['leading-enterprise'].parameters.localContributionCapBp.value).toBe(2000);
  });

  it('previews the draft on every firm: who gains, and what each pool would owe', async () => {
    const res = await api.call<Preview>('GET', '/api/v1/editions/2027/preview', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.baseId).toBe('2023');
    expect(res.body.firms).toBe(2);
    expect(res.body.changes).toEqual([
      {
        orgId: expect.any(Number),
        orgName: '测试电商企业30号有限公司',
        programId: 'leading-enterprise',
        before: { status: 'ineligible', maxAmountFen: null },
        after: { status: 'eligible', maxAmountFen: 500_000 },
        effect: 'gains',
      },
      {
        orgId: expect.any(Number),
        orgName: '测试电商企业31号有限公司',
        programId: 'leading-enterprise',
        before: { status: 'eligible', maxAmountFen: 8_000_000 },
        after: { status: 'eligible', maxAmountFen: 500_000 },
        effect: 'less',
      },
    ]);
    const pool = res.body.pools.find((p) => p.poolId === 'pool-leading');
    expect(pool).toMatchObject({
      capFenAfter: 500_000,
      demandFenBefore: 8_000_000,
      demandFenAfter: 1_000_000,
      oversubscribedAfter: true,
    });
  });

  it('publishes the draft: it is in force for 2027 and never changes again', async () => {
    const published = await api.call<{ status: string }>('POST', '/api/v1/editions/2027/publish', { token: admin });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const programs = await api.call<{
      edition: { id: string; applicationWindow: { opens: string }; contentHash: string };
    }>('GET', '/api/v1/programs?year=2027');
    expect(programs.body.edition).toMatchObject({ id: '2027', applicationWindow: { opens: '2027-03-01' } });
    // The list names each published edition's version and content hash (the version row's); a draft has neither.
    const version = await api.app.dataSource.getRepository(EditionVersionEntity).findOneByOrFail({ editionId: '2027' });
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await api.call<{ editions: { id: string; version: number | null; contentHash: string | null }[] }>(
      'GET',
      '/api/v1/editions',
    );
    expect(listed.body.editions.find((e) => e.id === '2027')).toMatchObject({
      version: 1,
      contentHash: version.contentHash,
    });
    expect(programs.body.edition).toMatchObject({ contentHash: version.contentHash });
    const eligibility = await api.call<{ programs: { status: string }[] }>('POST', '/api/v1/eligibility', {
      body: {
        claimYear: 2027,
        facts: { orgTypes: ['ecommerce'], onlineRetailFen: 6_000_000_000, normalOperation: true, taxCompliant: true },
        programs: ['leading-enterprise'],
      },
    });
    expect(eligibility.body.programs[0]?.status).toBe('eligible');
    const frozen = await api.call('PATCH', '/api/v1/editions/2027', {
      token: admin,
      body: { document: { title: '改' } },
    });
    expect(frozen.status).toBe(409);
    expect((await api.call('POST', '/api/v1/editions/2027/publish', { token: admin })).status).toBe(409);
    const audit = await api.call<{ entries: { action: string }[] }>(
      'GET',
      '/api/v1/audit?entity=edition&entityId=2027',
      { token: admin },
    );
    expect(audit.body.entries.map((e) => e.action).reverse()).toEqual([
      'edition.draft-created',
      'edition.draft-updated',
      'edition.published',
    ]);
  });
});

describe.each(ENGINES)('built-in editions on %s', (engine) => {
  /** The 2023 edition as an older package shipped it: 九 (talent-hiring) asked for no social insurance record. */
  const olderPackage = (): Edition => {
    const older = JSON.parse(JSON.stringify(builtInEditions()[0])) as {
      programs: Record<string, { materials: { id: string }[] }>;
    };
    const talent = older.programs['talent-hiring'] as { materials: { id: string }[] };
    talent.materials = talent.materials.filter((m) => m.id !== 'social-insurance');
    return older as unknown as Edition;
  };
  const versionsOf2023 = (api: Booted) =>
    api.app.dataSource
      .getRepository(EditionVersionEntity)
      .find({ where: { editionId: '2023' }, order: { version: 'ASC' } });
  const talentMaterials = async (api: Booted): Promise<string[]> =>
    (
      await api.call<{ programs: { programId: string; materials: { id: string }[] }[] }>(
        'GET',
        '/api/v1/programs?year=2023',
      )
    ).body.programs
      .find((p) => p.programId === 'talent-hiring')
      ?.materials.map((m) => m.id) ?? [];
  const edition2023 = async (api: Booted) =>
    (await api.call<{ editions: { id: string; version: number }[] }>('GET', '/api/v1/editions')).body.editions.find(
      (e) => e.id === '2023',
    );

  it('new content for a built-in edition becomes its next version; what was published stays, each content stored once', async () => {
    const db = await createTestDatabase(engine);
    try {
      const before = await boot(engine, {}, { database: db, builtInEditions: [olderPackage()] });
      try {
        expect(await edition2023(before)).toMatchObject({ version: 1 });
        expect(await talentMaterials(before)).not.toContain('social-insurance');
      } finally {
        await before.close();
      }

      // The package as it is now, booted twice: one new version, not two.
      for (let boots = 0; boots < 2; boots++) {
        const after = await boot(engine, {}, { database: db });
        try {
          expect(await edition2023(after)).toMatchObject({ version: 2 });
          expect(await talentMaterials(after)).toContain('social-insurance');
          const versions = await versionsOf2023(after);
          expect(versions.map((v) => [v.version, v.contentHash])).toEqual([
            [1, contentHash(olderPackage())],
            [2, contentHash(JSON.parse(JSON.stringify(builtInEditions()[0])))],
          ]);
          // Version 1's content is still there, exactly as it was published.
          const stored = await after.app.dataSource
            .getRepository(EditionContentEntity)
            .findOneByOrFail({ contentHash: versions[0]?.contentHash as string });
          expect(stored.document).toEqual(JSON.parse(JSON.stringify(olderPackage())));
        } finally {
          await after.close();
        }
      }

      // A package that goes back to the older content publishes it again as version 3; its
      // content is the one already stored.
      const back = await boot(engine, {}, { database: db, builtInEditions: [olderPackage()] });
      try {
        expect((await versionsOf2023(back)).map((v) => v.version)).toEqual([1, 2, 3]);
        expect(await back.app.dataSource.getRepository(EditionContentEntity).count()).toBe(2);
        const audit = await back.app.dataSource
          .getRepository(AuditEntity)
          .find({ where: { action: 'edition.published', entityId: '2023' }, order: { id: 'ASC' } });
        expect(audit.map((a) => [a.actorRole, (a.after as { version: number }).version])).toEqual([
          ['system', 1],
          ['system', 2],
          ['system', 3],
        ]);
      } finally {
        await back.close();
      }
    } finally {
      await db.drop();
    }
  });
});
