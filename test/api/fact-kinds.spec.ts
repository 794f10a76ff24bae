import {
  type EvaluationResponse,
  evaluateValidated,
  FACT_DEFS,
  type FactKind,
  type FactName,
  type Facts,
  type IndexedFact,
} from '@huiqi/shared';
import { EditionsService } from '../../api/src/modules/editions/editions.service.js';
import { boot, type Booted, firm, publishDemoEdition, testUscc } from './support/app.js';
import { ENGINES } from './support/databases.js';

/**
 * Values of every kind of fact, chosen to expose a JSON column read back wrongly: text that is
 * not JSON once its quotes are gone (a date, a county id), text that is a JSON number once its
 * quotes are gone (a USCC of digits only), empty lists, zeros and the bounds.
 */
const SAMPLES: { readonly [K in FactKind]: readonly unknown[] } = {
  boolean: [true, false],
  fen: [0, 35_678_901_234],
  count: [0, 32],
  'share-bp': [0, 10_000],
  date: ['2020-01-01', '2024-02-29'],
  year: [2021],
  uscc: [testUscc(1), '913715000000000021'],
  county: ['linqing', 'etdz'],
  'org-types': [[], ['ecommerce', 'livestream-base']],
  platforms: [[], ['douyin', 'other:123']],
  operations: [[], ['warehousing', 'delivery']],
};

const DEFS = Object.values(FACT_DEFS) as IndexedFact[];
/** Every kind the shared catalogue has, so a new kind is covered (or fails below) automatically. */
const KINDS = [...new Set(DEFS.map((d) => d.kind))];
const firstOfKind = (kind: FactKind): FactName => (DEFS.find((d) => d.kind === kind) as IndexedFact).name;
const CASES: [FactKind, FactName, unknown][] = KINDS.flatMap((kind) =>
  (SAMPLES[kind] ?? []).map((value): [FactKind, FactName, unknown] => [kind, firstOfKind(kind), value]),
);
const YEAR = 2026;

interface FactsReply {
  facts: Record<string, unknown>;
}
interface HistoryReply {
  changes: { name: string; before: unknown; after: unknown }[];
}
interface ApplicationReply {
  id: number;
  factsSnapshot: Record<string, unknown>;
}
interface AuditReply {
  entries: { action: string; after: Record<string, unknown> | null }[];
}

it('every kind of fact in the catalogue has sample values', () => {
  expect(KINDS.length).toBeGreaterThan(0);
  expect(KINDS.filter((kind) => !SAMPLES[kind]?.length)).toEqual([]);
});

describe.each(ENGINES)('facts of every kind on %s', (engine) => {
  let api: Booted;
  let applicant: string;
  let admin: string;
  let n = 0;

  /** A new firm of the applicant's, so each case applies on its own. */
  const newFirm = async (): Promise<number> => {
    const res = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: applicant, body: firm(++n) });
    if (res.status !== 201) throw new Error(`firm not created: ${res.status} ${res.text}`);
    return res.body.id;
  };

  /** Save, read back, history, evaluate, snapshot into an application, audit, preview: all of it. */
  const roundTrip = async (facts: Facts): Promise<void> => {
    const orgId = await newFirm();
    const factsPath = `/api/v1/orgs/${orgId}/facts?year=${YEAR}`;

    const put = await api.call<FactsReply>('PUT', factsPath, { token: applicant, body: { facts } });
    expect({ status: put.status, facts: put.body.facts }).toStrictEqual({ status: 200, facts });
    const read = await api.call<FactsReply>('GET', factsPath, { token: applicant });
    expect({ status: read.status, facts: read.body.facts }).toStrictEqual({ status: 200, facts });
    // Byte-equal on the wire, value by value (the order of the keys is the database's).
    for (const [name, value] of Object.entries(facts))
      expect([name, JSON.stringify(read.body.facts[name])]).toEqual([name, JSON.stringify(value)]);

    // Stored as one serialisation: the column holds the value's JSON text, not JSON of that text.
    const stored = (await api.app.dataSource.query('SELECT name, value FROM org_facts WHERE org_id = ?', [orgId])) as {
      name: string;
      value: string;
    }[];
    expect(Object.fromEntries(stored.map((r) => [r.name, JSON.parse(r.value) as unknown]))).toStrictEqual(facts);

    const history = await api.call<HistoryReply>('GET', `/api/v1/orgs/${orgId}/facts/history?year=${YEAR}`, {
      token: applicant,
    });
    expect(history.status).toBe(200);
    expect(Object.fromEntries(history.body.changes.map((c) => [c.name, c.after]))).toStrictEqual(facts);
    for (const change of history.body.changes) expect(change.before).toBeNull();

    // The firm's evaluation is the shared engine's answer on exactly these values.
    const eligibility = await api.call<EvaluationResponse>('GET', `/api/v1/orgs/${orgId}/eligibility?year=${YEAR}`, {
      token: applicant,
    });
    expect(eligibility.status).toBe(200);
    const editions = await api.app.app.get(EditionsService).publishedEditions();
    expect(eligibility.body).toStrictEqual(
      JSON.parse(JSON.stringify(evaluateValidated({ claimYear: YEAR, facts }, { editions }))),
    );

    const programId = eligibility.body.programs[0]?.programId;
    const created = await api.call<ApplicationReply>('POST', `/api/v1/orgs/${orgId}/applications`, {
      token: applicant,
      body: { programId, claimYear: YEAR },
    });
    expect({ status: created.status, snapshot: created.body.factsSnapshot }).toStrictEqual({
      status: 201,
      snapshot: facts,
    });
    const fetched = await api.call<ApplicationReply>('GET', `/api/v1/applications/${created.body.id}`, {
      token: applicant,
    });
    expect({ status: fetched.status, snapshot: fetched.body.factsSnapshot }).toStrictEqual({
      status: 200,
      snapshot: facts,
    });

    const factsAudit = await api.call<AuditReply>(
      'GET',
      `/api/v1/audit?entity=facts&entityId=${orgId}:${YEAR}&limit=10`,
      { token: admin },
    );
    expect(factsAudit.status).toBe(200);
    expect(factsAudit.body.entries.map((e) => [e.action, e.after])).toStrictEqual([['facts.updated', facts]]);
    const appAudit = await api.call<AuditReply>(
      'GET',
      `/api/v1/audit?entity=application&entityId=${created.body.id}&limit=10`,
      { token: admin },
    );
    expect(appAudit.body.entries.map((e) => e.after?.['factsSnapshot'])).toStrictEqual([facts]);

    const preview = await api.call<{ firms: number }>('GET', '/api/v1/editions/fact-kinds/preview', { token: admin });
    expect(preview.status).toBe(200);
    expect(preview.body.firms).toBe(n);
  };

  beforeAll(async () => {
    api = await boot(engine);
    await publishDemoEdition(api, YEAR);
    applicant = await api.login('applicant', 'fact-kinds');
    admin = await api.login('admin', 'fact-kinds-admin');
    const draft = await api.call('POST', `/api/v1/editions/demo-${YEAR}/drafts`, {
      token: admin,
      body: { id: 'fact-kinds' },
    });
    if (draft.status !== 201) throw new Error(`draft not created: ${draft.status} ${draft.text}`);
  });
  afterAll(() => api.close());

  it.each(CASES)('a %s fact (%s = %j) is saved, read back, evaluated, snapshotted and audited', (_k, name, value) =>
    roundTrip({ [name]: value } as Facts),
  );

  it('every fact of the catalogue at once, each with a value of its kind', () =>
    roundTrip(Object.fromEntries(DEFS.map((d, i) => [d.name, SAMPLES[d.kind][i % SAMPLES[d.kind].length]])) as Facts));
});
