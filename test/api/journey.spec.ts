import {
  type ApiClient,
  builtInEditions,
  describePrograms,
  type Edition,
  memoryTokens,
  type OrgView,
} from '@huiqi/shared';
import { type Connected } from './support/connect.js';
import { firm, refusalOf, sharedApi } from './support/shared-api.js';
import { ENGINES } from './support/databases.js';
import { fillRequiredWith } from './support/files.js';

/**
 * The "done when", step by step, through the shared typed client the mini-program uses:
 * sign in, register, facts, eligibility, apply, audit. Every answer is checked against the
 * OpenAPI document as it arrives (support/app.ts).
 */
describe.each(ENGINES)('the applicant journey on %s', (engine) => {
  let api: Connected;
  let client: ApiClient;
  let org: OrgView;
  let applicationId: number;

  beforeAll(async () => {
    api = await sharedApi(engine);
    client = api.client(memoryTokens());
  });

  it('signs in as the demo applicant', async () => {
    const session = await client.demoLogin({ body: { role: 'applicant', openid: 'journey' } });
    expect(session.user.role).toBe('applicant');
    await expect(client.getMe()).resolves.toEqual(session.user);
  });

  it('registers a firm and becomes its administrator', async () => {
    org = await client.createOrg({ body: firm(1) });
    expect(org.myRole).toBe('admin');
    expect(org.countyName).toBe('临清市');
  });

  it('enters its facts for the claim year, with provenance', async () => {
    const saved = await client.putFacts({
      params: { orgId: org.id },
      query: { year: 2026 },
      body: {
        facts: {
          orgTypes: ['ecommerce'],
          onlineRetailFen: 35_678_901_234,
          localContributionFen: 60_000_000,
          normalOperation: true,
        },
        provenance: 'self-declared',
      },
    });
    expect(saved.facts.onlineRetailFen).toBe(35_678_901_234);
    expect(saved.provenance.onlineRetailFen).toBe('self-declared');
  });

  it('sees its eligibility with reasons: undetermined until tax compliance is confirmed', async () => {
    const answer = await client.getOrgEligibility({ params: { orgId: org.id }, query: { year: 2026 } });
    const leading = answer.programs.find((p) => p.programId === 'leading-enterprise');
    expect(leading?.status).toBe('undetermined');
    expect(leading?.missingFacts).toEqual(['taxCompliant']);
    expect(leading?.conditions.find((c) => c.id === 'tax-compliant')?.explanation).toBe('请确认：依法纳税');
  });

  it('creates an application as a draft with a snapshot of the facts; submission is refused while a fact is missing', async () => {
    const created = await client.createApplication({
      params: { orgId: org.id },
      body: { programId: 'leading-enterprise', claimYear: 2026 },
    });
    expect(created.status).toBe('draft');
    expect(created.factsSnapshot.onlineRetailFen).toBe(35_678_901_234);
    applicationId = created.id;

    const refused = await refusalOf(client.submitApplication({ params: { id: applicationId } }));
    expect(refused.status).toBe(422);
    if (!refused.is('NOT_ELIGIBLE')) throw new Error(`refused with ${refused.code}`);
    expect(refused.details.conditions.map((c) => c.condition)).toEqual(['tax-compliant']);
  });

  it('edits the draft, attaches the evidence and submits it: the shared rules decide, the maximum is recorded', async () => {
    const edited = await client.updateApplication({
      params: { id: applicationId },
      body: { facts: { taxCompliant: true } },
    });
    expect(edited.factsSnapshot.taxCompliant).toBe(true);
    await fillRequiredWith(client, org.id, applicationId);
    const submitted = await client.submitApplication({ params: { id: applicationId } });
    expect(submitted).toMatchObject({ status: 'submitted', statusLabel: '待县级初审', maxAmountFen: 12_000_000 });
  });

  it('shows the whole story in the audit log to an administrator, and to nobody else', async () => {
    const admin = api.client(memoryTokens());
    await admin.demoLogin({ body: { role: 'admin', openid: 'journey-admin' } });
    const { entries } = await admin.listAudit({ query: { orgId: org.id } });
    // What the edition asks for (read from the shared package, not from the API or the log): each required
    // material is one upload and one attachment.
    const leading = describePrograms(builtInEditions()[0] as Edition).find((p) => p.programId === 'leading-enterprise');
    const required = leading?.materials.filter((m) => m.required) ?? [];
    expect(required.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'org.registered',
      'facts.updated',
      'application.created',
      'application.updated',
      ...required.flatMap(() => ['file.uploaded', 'application.material-attached']),
      'application.submitted',
    ]);
    const attached = entries.filter((e) => e.action === 'application.material-attached');
    expect(attached.map((e) => (e.after as { materialId: string }).materialId).sort()).toEqual(
      required.map((m) => m.id).sort(),
    );
    expect(entries.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true);
    // Personal data the firm registered is masked for the administrator, who is another party.
    const registered = entries.find((e) => e.action === 'org.registered');
    expect(registered?.after).toMatchObject({ contactPhone: '139****5678', legalRepresentative: '王**' });
    const denied = await refusalOf(client.listAudit({ query: { orgId: org.id } }));
    expect(denied).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
