import { type EvaluationResponse } from '@huiqi/shared';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { fillRequired } from './support/files.js';

/** The "done when", step by step: sign in, register, facts, eligibility, apply, audit. */
describe.each(ENGINES)('the applicant journey on %s', (engine) => {
  let api: Booted;
  let token: string;
  let orgId: number;
  let applicationId: number;

  beforeAll(async () => {
    api = await boot(engine, { DEMO_SEED: '0' });
    await publishDemoEdition(api, 2026);
  });
  afterAll(() => api.close());

  it('signs in as the demo applicant', async () => {
    token = await api.login('applicant', 'journey');
    const me = await api.call('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'applicant' });
  });

  it('registers a firm and becomes its administrator', async () => {
    const res = await api.call<{ id: number; myRole: string; countyName: string }>('POST', '/api/v1/orgs', {
      token,
      body: firm(1),
    });
    expect(res.status).toBe(201);
    expect(res.body.myRole).toBe('admin');
    expect(res.body.countyName).toBe('临清市');
    orgId = res.body.id;
  });

  it('enters its facts for the claim year, with provenance', async () => {
    const res = await api.call<{ facts: Record<string, unknown>; provenance: Record<string, string> }>(
      'PUT',
      `/api/v1/orgs/${orgId}/facts?year=2026`,
      {
        token,
        body: {
          facts: {
            orgTypes: ['ecommerce'],
            onlineRetailFen: 35_678_901_234,
            localContributionFen: 60_000_000,
            normalOperation: true,
          },
          provenance: 'self-declared',
        },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.facts['onlineRetailFen']).toBe(35_678_901_234);
    expect(res.body.provenance['onlineRetailFen']).toBe('self-declared');
  });

  it('sees its eligibility with reasons: undetermined until tax compliance is confirmed', async () => {
    const res = await api.call<EvaluationResponse>('GET', `/api/v1/orgs/${orgId}/eligibility?year=2026`, { token });
    expect(res.status).toBe(200);
    const leading = res.body.programs.find((p) => p.programId === 'leading-enterprise');
    expect(leading?.status).toBe('undetermined');
    expect(leading?.missingFacts).toEqual(['taxCompliant']);
    expect(leading?.conditions.find((c) => c.id === 'tax-compliant')?.explanation).toBe('请确认：依法纳税');
  });

  it('creates an application as a draft with a snapshot of the facts; submission is refused while a fact is missing', async () => {
    const created = await api.call<{ id: number; status: string; factsSnapshot: Record<string, unknown> }>(
      'POST',
      `/api/v1/orgs/${orgId}/applications`,
      { token, body: { programId: 'leading-enterprise', claimYear: 2026 } },
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect(created.body.factsSnapshot['onlineRetailFen']).toBe(35_678_901_234);
    applicationId = created.body.id;

    const refused = await api.call<{ code: string; details: { conditions: { condition: string }[] } }>(
      'POST',
      `/api/v1/applications/${applicationId}/submit`,
      { token },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOT_ELIGIBLE');
    expect(refused.body.details.conditions.map((c) => c.condition)).toEqual(['tax-compliant']);
  });

  it('edits the draft, attaches the evidence and submits it: the shared rules decide, the maximum is recorded', async () => {
    const edited = await api.call('PATCH', `/api/v1/applications/${applicationId}`, {
      token,
      body: { facts: { taxCompliant: true } },
    });
    expect(edited.status).toBe(200);
    await fillRequired(api, token, orgId, applicationId);
    const submitted = await api.call<{ status: string; maxAmountFen: number; statusLabel: string }>(
      'POST',
      `/api/v1/applications/${applicationId}/submit`,
      { token },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', statusLabel: '已提交', maxAmountFen: 12_000_000 });
  });

  it('shows the whole story in the audit log to an administrator, and to nobody else', async () => {
    const admin = await api.login('admin', 'journey-admin');
    const log = await api.call<{ entries: { action: string; entityId: string; requestId: string | null }[] }>(
      'GET',
      `/api/v1/audit?orgId=${orgId}`,
      { token: admin },
    );
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e) => e.action).reverse()).toEqual([
      'org.registered',
      'facts.updated',
      'application.created',
      'application.updated',
      ...log.body.entries
        .filter((e) => e.action.startsWith('file.') || e.action === 'application.material-attached')
        .map((e) => e.action)
        .reverse(),
      'application.submitted',
    ]);
    expect(log.body.entries.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true);
    // Personal data the firm registered is masked for the administrator, who is another party.
    const registered = log.body.entries.find((e) => e.action === 'org.registered') as unknown as {
      after: { contactPhone: string; legalRepresentative: string; uscc: string };
    };
    expect(registered.after).toMatchObject({ contactPhone: '139****5678', legalRepresentative: '王**' });
    const denied = await api.call('GET', `/api/v1/audit?orgId=${orgId}`, { token });
    expect(denied.status).toBe(403);
  });
});
