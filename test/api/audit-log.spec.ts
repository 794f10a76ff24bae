import { type AuditEntryView, type AuditLog, type ErrorBody } from '@huiqi/shared';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';

// Three moments around a Shanghai midnight: 2026-06-19 23:30, 2026-06-20 00:30, 2026-06-21 10:00 (UTC+8).
const LATE_19TH = new Date('2026-06-19T15:30:00Z');
const EARLY_20TH = new Date('2026-06-19T16:30:00Z');
const ON_21ST = new Date('2026-06-21T02:00:00Z');

describe.each(ENGINES)('the audit log query on %s', (engine) => {
  let api: Booted;
  let orgA: number;
  let orgB: number;

  /** A fresh demo sign-in at the clock's time (tokens expire as the test clock moves on). */
  const token = (role: string, openid: string) => api.login(role, openid);
  const audit = async (query: string): Promise<AuditLog> => {
    const res = await api.call<AuditLog>('GET', `/api/v1/audit${query}`, {
      token: await token('admin', 'audit-log-admin'),
    });
    if (res.status !== 200) throw new Error(`audit query failed: ${res.text}`);
    return res.body;
  };
  const actions = (log: AuditLog): string[] => log.entries.map((e) => `${e.action}#${e.entityId}`);

  beforeAll(async () => {
    api = await boot(engine);
    api.clock.current = LATE_19TH;
    const owner = await token('applicant', 'audit-log-owner');
    orgA = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: owner, body: firm(71) })).body.id;
    api.clock.current = EARLY_20TH;
    const later = await token('applicant', 'audit-log-owner');
    orgB = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: later, body: firm(72) })).body.id;
    await api.call('PATCH', `/api/v1/orgs/${orgB}`, { token: later, body: { county: 'gaotang' } });
    api.clock.current = ON_21ST;
    await api.call('POST', '/api/v1/staff', {
      token: await token('admin', 'audit-log-admin'),
      body: { username: 'audit.finance', role: 'finance', password: 'Finance-pass-1' },
    });
  });
  afterAll(() => api.close());

  it('filters by Asia/Shanghai days: a change at 00:30 belongs to that day, one at 23:30 to the day before', async () => {
    expect(actions(await audit('?action=org.&from=2026-06-19&to=2026-06-19'))).toEqual([`org.registered#${orgA}`]);
    expect(actions(await audit('?action=org.&from=2026-06-20&to=2026-06-20'))).toEqual([
      `org.updated#${orgB}`,
      `org.registered#${orgB}`,
    ]);
    expect(actions(await audit('?action=org.&to=2026-06-19'))).toEqual([`org.registered#${orgA}`]);
    const from20th = await audit('?from=2026-06-20');
    expect(from20th.entries.every((e) => e.at >= EARLY_20TH.toISOString())).toBe(true);
    expect(actions(from20th)).toContain(`org.registered#${orgB}`);
    expect(actions(from20th)).not.toContain(`org.registered#${orgA}`);
    expect(from20th.entries.map((e) => e.action)).toContain('user.staff-created');
  });

  it('filters by actor role and by the beginning of the action', async () => {
    expect(actions(await audit('?actorRole=applicant&action=org.'))).toEqual([
      `org.updated#${orgB}`,
      `org.registered#${orgB}`,
      `org.registered#${orgA}`,
    ]);
    const byAdmin = await audit('?actorRole=admin&action=user.staff');
    expect(byAdmin.entries.map((e) => [e.action, e.actorRole])).toEqual([['user.staff-created', 'admin']]);
    expect((await audit('?actorRole=finance')).entries).toEqual([]);
    // The whole action, not only a beginning.
    expect(actions(await audit('?action=org.updated'))).toEqual([`org.updated#${orgB}`]);
  });

  it('pages by cursor: `before` the previous `next`, every entry once, newest first', async () => {
    const all = await audit('?limit=500');
    expect(all.next).toBeNull();
    const seen: AuditEntryView[] = [];
    let next: number | null = null;
    let pages = 0;
    do {
      const page: AuditLog = await audit(`?limit=2${next === null ? '' : `&before=${next}`}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      if (page.next !== null) expect(page.next).toBe(page.entries.at(-1)?.id);
      seen.push(...page.entries);
      next = page.next;
      pages++;
    } while (next !== null);
    expect(seen.map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.entries.length / 2));
    // Filters and the cursor together.
    const first = await audit('?actorRole=applicant&action=org.&limit=1');
    expect(first.next).toBe(first.entries[0]?.id);
    const rest = await audit(`?actorRole=applicant&action=org.&limit=5&before=${String(first.next)}`);
    expect(actions(rest)).toEqual([`org.registered#${orgB}`, `org.registered#${orgA}`]);
    expect(rest.next).toBeNull();
  });

  it('keeps the masking: personal data of a firm is masked as before', async () => {
    const [registered] = (await audit(`?entity=org&entityId=${orgA}&action=org.registered`)).entries;
    expect(registered?.after).toMatchObject({
      legalRepresentative: '王**',
      contactName: '赵**',
      contactPhone: '139****5678',
    });
    expect(JSON.stringify(registered)).not.toMatch(/王法人|赵联系|13912345678/);
  });

  it('refuses bad filters naming each field, and anyone but an administrator', async () => {
    const admin = await token('admin', 'audit-log-admin');
    const bad = await api.call<ErrorBody>(
      'GET',
      '/api/v1/audit?from=2026-02-30&to=tomorrow&action=%25&actorRole=root&before=0',
      { token: admin },
    );
    expect(bad.status).toBe(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'action',
      'actorRole',
      'before',
      'from',
      'to',
    ]);
    const city = await token('city-reviewer', 'audit-log-city');
    expect((await api.call('GET', '/api/v1/audit?action=org.', { token: city })).status).toBe(403);
  });
});
