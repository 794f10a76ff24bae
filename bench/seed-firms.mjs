// Fills a migrated database with many firms and their facts straight through SQL (multi-row
// INSERTs, not the API): for the edition preview's benchmark (100,000 firms) and its tests. The
// facts come from the benchmarks' firm generator (firms.mjs), so the same seed gives the same firms.
import { createRequire } from 'node:module';
import { firmGenerator } from './firms.mjs';

const require = createRequire(import.meta.url);
const { usccCheckCharacter } = require('../shared/dist/index.js');

const ROWS_PER_INSERT = 500;
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const AT = '2026-06-01 08:00:00';

/** A valid, distinct USCC for firm n: division 371500, the organisation code counting in base 31. */
const usccOf = (n) => {
  let code = '';
  for (let x = n, i = 0; i < 9; i++, x = Math.floor(x / 31)) code = USCC_ALPHABET[x % 31] + code;
  const body = `91371500${code}`;
  return body + usccCheckCharacter(body);
};

const quote = (engine, name) => (engine === 'sqlite' ? `"${name}"` : `\`${name}\``);

/** Inserts rows (arrays in `columns` order), ROWS_PER_INSERT to a statement. */
const insertAll = async (query, engine, table, columns, rows) => {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${quote(engine, table)} (${columns.map((c) => quote(engine, c)).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    await query(head + chunk.map(() => one).join(', '), chunk.flat());
  }
};

/**
 * Adds `firms` firms, registered by one user, with facts for `claimYear`; about a third also have
 * an older year with other figures and a tenth a later one (which a preview of `claimYear` must
 * not read). `query(sql, params)` runs one statement (`?` placeholders, both engines) and gives
 * back the rows it selects. Returns the firms' ids, in order.
 */
export const seedFirms = async ({ query, engine, firms, seed = 20260601, claimYear = 2026, batchFirms = 5000 }) => {
  await query(
    `INSERT INTO ${quote(engine, 'users')} (${['kind', 'openid', 'role', 'display_name', 'created_at'].map((c) => quote(engine, c)).join(', ')}) VALUES (?, ?, ?, ?, ?)`,
    ['wechat', `seed-${seed}-${firms}-${Date.now()}`, 'applicant', '基准测试用户', AT],
  );
  const [{ id: userId }] = await query(`SELECT MAX(id) AS id FROM ${quote(engine, 'users')}`);
  const [{ id: lastOrg }] = await query(`SELECT COALESCE(MAX(id), 0) AS id FROM ${quote(engine, 'orgs')}`);
  const current = firmGenerator(seed, claimYear);
  const older = firmGenerator(seed + 1, claimYear - 1);
  const later = firmGenerator(seed + 2, claimYear + 1);
  const ids = [];
  for (let start = 0; start < firms; start += batchFirms) {
    const orgs = [];
    const facts = [];
    const add = (orgId, year, values) => {
      for (const [name, value] of Object.entries(values))
        // A null clears a fact: it is not stored.
        if (value !== null && value !== undefined)
          facts.push([orgId, year, name, JSON.stringify(value), 'self-declared', userId, AT]);
    };
    for (let n = start; n < Math.min(firms, start + batchFirms); n++) {
      const orgId = Number(lastOrg) + n + 1;
      const f = current();
      orgs.push([
        orgId,
        usccOf(orgId),
        `基准企业${orgId}号有限公司`,
        f.county ?? 'linqing',
        JSON.stringify(f.orgTypes ?? []),
        '王法人',
        '赵联系',
        '13912345678',
        0,
        userId,
      ]);
      add(orgId, claimYear, f);
      if (n % 3 === 1) add(orgId, claimYear - 1, older());
      if (n % 10 === 7) add(orgId, claimYear + 1, later());
      ids.push(orgId);
    }
    await insertAll(
      query,
      engine,
      'orgs',
      [
        'id',
        'uscc',
        'name',
        'county',
        'org_types',
        'legal_representative',
        'contact_name',
        'contact_phone',
        'demo',
        'created_by',
      ],
      orgs,
    );
    await insertAll(
      query,
      engine,
      'org_facts',
      ['org_id', 'claim_year', 'name', 'value', 'provenance', 'updated_by', 'updated_at'],
      facts,
    );
  }
  return ids;
};
