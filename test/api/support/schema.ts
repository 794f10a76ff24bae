import { type DataSource } from 'typeorm';
import { entryHash, GENESIS_HASH } from '../../../api/src/modules/audit/chain-hash.js';
import { testUscc } from './app.js';
import { type Engine } from './databases.js';

/** The tables the foreign-key migration found (its test fills each of them). */
export const FK_MIGRATION_TABLES = [
  'application_materials',
  'applications',
  'audit_log',
  'edition_contents',
  'edition_versions',
  'editions',
  'fact_changes',
  'files',
  'invites',
  'login_throttles',
  'memberships',
  'org_facts',
  'orgs',
  'outbox',
  'refresh_tokens',
  'users',
] as const;

/** Every table, as the migrations make them. */
export const TABLES = [
  'application_materials',
  'application_rounds',
  'applications',
  'audit_chain_head',
  'audit_log',
  'commendation_publications',
  'county_monthly_figures',
  'edition_contents',
  'edition_versions',
  'editions',
  'fact_changes',
  'files',
  'invites',
  'login_throttles',
  'memberships',
  'notification_deliveries',
  'notification_settings',
  'notifications',
  'objections',
  'org_facts',
  'orgs',
  'outbox',
  'park_evaluations',
  'park_scores',
  'pool_holds',
  'pool_ledger',
  'province_averages',
  'referrals',
  'refresh_tokens',
  'relocated_shops',
  'round_matches',
  'round_pools',
  'streamer_trainees',
  'subscription_credits',
  'talent_hires',
  'target_observations',
  'users',
  'whitelist_applications',
] as const;

export type Table = (typeof TABLES)[number];

const quote = (engine: Engine, name: string): string => (engine === 'sqlite' ? `"${name}"` : `\`${name}\``);

const at = '2026-06-01 08:00:00';

/**
 * Audit rows as the API writes them: each with the previous one's hash and its own (chain-hash.ts),
 * the first after the genesis hash, computed from the row as stored (`at` in UTC, JSON as text).
 */
const chained = (rows: Record<string, unknown>[]): Record<string, unknown>[] => {
  let prev = GENESIS_HASH;
  return rows.map((row) => {
    const json = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : null);
    const hash = entryHash(prev, {
      id: row['id'] as number,
      at: new Date(`${String(row['at']).replace(' ', 'T')}Z`),
      actorId: row['actor_id'] as number | null,
      actorRole: row['actor_role'] as string | null,
      action: row['action'] as string,
      entity: row['entity'] as string,
      entityId: row['entity_id'] as string,
      orgId: row['org_id'] as number | null,
      before: json(row['before']),
      after: json(row['after']),
      requestId: row['request_id'] as string | null,
    });
    const linked = { ...row, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
};

/** The audit log's rows, chained; the head names the last. */
const AUDIT_ROWS = chained([
  {
    id: 1,
    at,
    actor_id: 2,
    actor_role: 'applicant',
    action: 'org.registered',
    entity: 'org',
    entity_id: '1',
    org_id: 1,
    before: null,
    after: '{"name":"聊城“优品”电子商务（集团）有限公司"}',
    request_id: '2b6c1f3e-6f1a-4f5e-9d5c-1d2b3c4d5e6f',
  },
  {
    id: 2,
    at,
    actor_id: null,
    actor_role: 'system',
    action: 'edition.published',
    entity: 'edition',
    entity_id: '2023',
    org_id: null,
    before: null,
    after: '{"version":1}',
    request_id: null,
  },
]);

/**
 * Rows for every table, every reference pointing at a row that exists, with the values a copy
 * can get wrong: NULLs, Chinese text with quotes and brackets, JSON strings that look like numbers,
 * integers beyond 32 bits, booleans. The columns are those of the tables as the last migration
 * leaves them; filling an older schema leaves out the tables and columns it does not have yet
 * (fillEveryTable). Parents come before children.
 */
export const EVERY_TABLE: readonly [Table, Record<string, unknown>[]][] = [
  [
    'users',
    [
      {
        id: 1,
        kind: 'staff',
        openid: null,
        username: 'admin',
        password_hash: 'scrypt$abc',
        role: 'admin',
        county: null,
        display_name: '系统管理员',
        created_at: at,
      },
      {
        id: 2,
        kind: 'wechat',
        openid: 'o-wechat-1',
        username: null,
        password_hash: null,
        role: 'applicant',
        county: null,
        display_name: '微信用户',
        created_at: at,
      },
      {
        id: 3,
        kind: 'staff',
        openid: null,
        username: 'linqing',
        password_hash: 'scrypt$def',
        role: 'county-reviewer',
        county: 'linqing',
        display_name: '临清市审核员',
        created_at: at,
      },
      {
        id: 4,
        kind: 'demo',
        openid: 'demo-owner',
        username: null,
        password_hash: null,
        role: 'applicant',
        county: null,
        display_name: '【演示】企业管理员1',
        created_at: at,
      },
      // Only sessions and places in firms: what deleting a user takes with it.
      {
        id: 5,
        kind: 'wechat',
        openid: 'o-wechat-5',
        username: null,
        password_hash: null,
        role: 'applicant',
        county: null,
        display_name: '只有会话的用户',
        created_at: at,
      },
    ],
  ],
  [
    'refresh_tokens',
    [
      {
        id: 1,
        user_id: 2,
        token_hash: 'a'.repeat(64),
        expires_at: '2026-07-01 08:00:00',
        revoked_at: null,
        created_at: at,
        family_id: '0b6c1f3e-6f1a-4f5e-9d5c-1d2b3c4d5e6f',
      },
      {
        id: 2,
        user_id: 5,
        token_hash: 'b'.repeat(64),
        expires_at: '2026-07-01 08:00:00',
        revoked_at: at,
        created_at: at,
        family_id: '1b6c1f3e-6f1a-4f5e-9d5c-1d2b3c4d5e6f',
      },
    ],
  ],
  [
    'login_throttles',
    [{ id: 1, throttle_key: 'c'.repeat(64), failures: 6, next_attempt_at: '2026-06-01 08:01:00', last_attempt_at: at }],
  ],
  [
    'orgs',
    [
      {
        id: 1,
        uscc: testUscc(91),
        name: '聊城“优品”电子商务（集团）有限公司',
        county: 'linqing',
        org_types: '["ecommerce","mcn"]',
        legal_representative: '王法人',
        contact_name: '赵联系',
        contact_phone: '13912345678',
        demo: 0,
        created_by: 2,
        created_at: at,
        updated_at: at,
      },
      {
        id: 2,
        uscc: testUscc(92),
        name: '【演示】水城直播电商产业园',
        county: 'dongchangfu',
        org_types: '["livestream-base"]',
        legal_representative: '张演示',
        contact_name: '李演示',
        contact_phone: '13800000002',
        demo: 1,
        created_by: 4,
        created_at: at,
        updated_at: at,
      },
      // Only members and invites: what deleting a firm takes with it.
      {
        id: 3,
        uscc: testUscc(93),
        name: '只有成员的企业',
        county: 'donge',
        org_types: '[]',
        legal_representative: '钱法人',
        contact_name: '孙联系',
        contact_phone: '13800000003',
        demo: 0,
        created_by: 5,
        created_at: at,
        updated_at: at,
      },
    ],
  ],
  [
    'memberships',
    [
      { id: 1, org_id: 1, user_id: 2, role: 'admin', created_at: at },
      { id: 2, org_id: 2, user_id: 4, role: 'admin', created_at: at },
      { id: 3, org_id: 1, user_id: 4, role: 'member', created_at: at },
      { id: 4, org_id: 3, user_id: 5, role: 'admin', created_at: at },
    ],
  ],
  [
    'invites',
    [
      {
        id: 1,
        org_id: 1,
        code_hash: 'd'.repeat(64),
        expires_at: '2026-06-08 08:00:00',
        created_by: 2,
        used_by: 4,
        used_at: at,
        created_at: at,
      },
      {
        id: 2,
        org_id: 3,
        code_hash: 'e'.repeat(64),
        expires_at: '2026-06-08 08:00:00',
        created_by: 5,
        used_by: null,
        used_at: null,
        created_at: at,
      },
    ],
  ],
  [
    'org_facts',
    [
      {
        id: 1,
        org_id: 1,
        claim_year: 2023,
        name: 'onlineRetailFen',
        value: '35678901234',
        provenance: 'self-declared',
        updated_by: 2,
        updated_at: at,
      },
      {
        id: 2,
        org_id: 1,
        claim_year: 2023,
        name: 'registrationDate',
        value: '"2021-04-15"',
        provenance: 'document',
        updated_by: 2,
        updated_at: at,
      },
      {
        id: 3,
        org_id: 1,
        claim_year: 2023,
        name: 'uscc',
        value: '"913715000000000021"',
        provenance: 'verified',
        updated_by: 3,
        updated_at: at,
      },
      {
        id: 4,
        org_id: 2,
        claim_year: 2026,
        name: 'livestreamBaseAuthorizations',
        value: '["douyin","other:视频号"]',
        provenance: 'self-declared',
        updated_by: 4,
        updated_at: at,
      },
      {
        id: 5,
        org_id: 2,
        claim_year: 2026,
        name: 'normalOperation',
        value: 'true',
        provenance: 'self-declared',
        updated_by: 4,
        updated_at: at,
      },
    ],
  ],
  [
    'fact_changes',
    [
      {
        id: 1,
        org_id: 1,
        claim_year: 2023,
        name: 'onlineRetailFen',
        before: null,
        after: '35678901234',
        provenance: 'self-declared',
        changed_by: 2,
        changed_at: at,
      },
      {
        id: 2,
        org_id: 2,
        claim_year: 2026,
        name: 'normalOperation',
        before: 'false',
        after: 'true',
        provenance: 'self-declared',
        changed_by: 4,
        changed_at: at,
      },
    ],
  ],
  [
    'editions',
    [
      { id: '2023', claim_year: 2023, status: 'published', demo: 0, document: null, created_at: at, published_at: at },
      {
        id: 'draft-2027',
        claim_year: 2027,
        status: 'draft',
        demo: 0,
        document: '{"id":"draft-2027","title":"草稿：“测试”"}',
        created_at: at,
        published_at: null,
      },
    ],
  ],
  ['edition_contents', [{ content_hash: 'f'.repeat(64), document: '{"id":"2023","claimYear":2023}', created_at: at }]],
  [
    'edition_versions',
    [{ id: 1, edition_id: '2023', version: 1, content_hash: 'f'.repeat(64), claim_year: 2023, published_at: at }],
  ],
  [
    'files',
    [
      {
        id: 1,
        org_id: 1,
        sha256: '1'.repeat(64),
        size: 5_000_000_000,
        kind: 'pdf',
        mime: 'application/pdf',
        original_name: '营业执照（副本） "2023".pdf',
        storage_key: '1'.repeat(64),
        uploaded_by: 2,
        created_at: at,
      },
    ],
  ],
  [
    'applications',
    [
      {
        id: 1,
        org_id: 1,
        program_id: 'leading-enterprise',
        claim_year: 2023,
        edition_id: '2023',
        edition_version_id: 1,
        status: 'submitted',
        facts_snapshot: '{"onlineRetailFen":35678901234}',
        evaluation: '{"status":"eligible"}',
        max_amount_fen: 8_000_000,
        active_key: '1:leading-enterprise:2023',
        once_key: null,
        created_by: 2,
        created_at: at,
        updated_at: at,
        submitted_at: at,
        withdrawn_at: null,
        version: 3,
        org_name: '聊城“优品”电子商务（集团）有限公司',
        org_uscc: testUscc(91),
        org_county: 'linqing',
      },
      {
        id: 2,
        org_id: 2,
        program_id: 'livestream-base',
        claim_year: 2023,
        edition_id: '2023',
        edition_version_id: 1,
        status: 'withdrawn',
        facts_snapshot: '{}',
        evaluation: null,
        max_amount_fen: null,
        active_key: null,
        once_key: null,
        created_by: 4,
        created_at: at,
        updated_at: at,
        submitted_at: null,
        withdrawn_at: at,
        version: 2,
        org_name: null,
        org_uscc: null,
        org_county: null,
      },
    ],
  ],
  [
    'application_materials',
    [
      {
        id: 1,
        application_id: 1,
        material_id: 'business-license',
        file_id: 1,
        status: 'accepted',
        valid_until: '2027-12-31',
        reason: null,
        reviewed_by: 3,
        reviewed_at: at,
        attached_by: 2,
        attached_at: at,
      },
      {
        id: 2,
        application_id: 1,
        material_id: 'tax-certificate',
        file_id: 1,
        status: 'rejected',
        valid_until: null,
        reason: '请上传盖章的“完税证明”',
        reviewed_by: 3,
        reviewed_at: at,
        attached_by: 2,
        attached_at: at,
      },
    ],
  ],
  [
    'relocated_shops',
    [
      {
        id: 1,
        org_id: 1,
        platform: 'taobao',
        shop: '58001234',
        shop_kind: 'id',
        shop_key: 'taobao|id|58001234',
        county: 'linqing',
        relocated_on: '2023-05-01',
        status: 'verified',
        refusal_reason: null,
        registered_by: 2,
        reviewed_by: 3,
        reviewed_at: at,
        created_at: at,
        updated_at: at,
        version: 2,
      },
      {
        id: 2,
        org_id: 1,
        platform: 'other:微店',
        shop: 'https://weidian.com/?userid=1',
        shop_kind: 'link',
        shop_key: 'other:微店|link|weidian.com?userid=1',
        county: 'linqing',
        relocated_on: '2023-06-01',
        status: 'refused',
        refusal_reason: '店铺主体与企业不符',
        registered_by: 2,
        reviewed_by: 3,
        reviewed_at: at,
        created_at: at,
        updated_at: at,
        version: 2,
      },
    ],
  ],
  ['audit_log', AUDIT_ROWS],
  ['audit_chain_head', [{ id: 1, last_id: 2, last_hash: AUDIT_ROWS[1]?.['hash'] }]],
  [
    'outbox',
    [
      {
        id: 1,
        event_type: 'org.registered',
        entity: 'org',
        entity_id: '1',
        org_id: 1,
        payload: '{"orgId":1}',
        audit_id: 1,
        dedupe_key: 'audit:1',
        attempts: 0,
        next_attempt_at: at,
        delivered_at: null,
        dead_at: null,
        last_error: null,
        created_at: at,
      },
      {
        id: 2,
        event_type: 'edition.published',
        entity: 'edition',
        entity_id: '2023',
        org_id: null,
        payload: '{"editionId":"2023"}',
        audit_id: 2,
        dedupe_key: 'audit:2',
        attempts: 3,
        next_attempt_at: null,
        delivered_at: null,
        dead_at: at,
        last_error: '投递失败：超时',
        created_at: at,
      },
    ],
  ],
];

/** Inserts `rows` into `table`, one statement. */
export const insertRows = async (
  dataSource: DataSource,
  engine: Engine,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> => {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  await dataSource.query(
    `INSERT INTO ${quote(engine, table)} (${columns.map((c) => quote(engine, c)).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`,
    rows.flatMap((row) => columns.map((c) => row[c])),
  );
};

/** The columns `table` has in this database (none: it has no such table yet). */
const columnsOf = async (dataSource: DataSource, engine: Engine, table: string): Promise<Set<string>> => {
  const rows = (await dataSource.query(
    engine === 'sqlite'
      ? 'SELECT name FROM pragma_table_info(?)'
      : 'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    [table],
  )) as { name: string }[];
  return new Set(rows.map((r) => r.name));
};

/** The tables of this database that are ours (TABLES), in TABLES' order. */
const existingTables = async (dataSource: DataSource, engine: Engine): Promise<Table[]> => {
  const rows = (await dataSource.query(
    engine === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  )) as { name: string }[];
  const names = new Set(rows.map((r) => r.name));
  return TABLES.filter((t) => names.has(t));
};

/**
 * Fills every table (EVERY_TABLE) with the columns this database has (an older schema gets the
 * rows as they were before later migrations added tables and columns), then deletes the last row
 * of a few, so that their id counters are ahead of their largest id, as in a database that has
 * lived.
 */
export const fillEveryTable = async (dataSource: DataSource, engine: Engine): Promise<void> => {
  const columns = new Map<string, Set<string>>();
  const asStored = (table: string, row: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(row).filter(([c]) => columns.get(table)?.has(c)));
  for (const [table, rows] of EVERY_TABLE) {
    columns.set(table, await columnsOf(dataSource, engine, table));
    if (!columns.get(table)?.size) continue;
    // The audit chain's migration writes its head's one row: this one takes its place.
    if (table === 'audit_chain_head') await dataSource.query(`DELETE FROM ${quote(engine, table)}`);
    await insertRows(
      dataSource,
      engine,
      table,
      rows.map((r) => asStored(table, r)),
    );
  }
  for (const [table, id] of [
    ['org_facts', 6],
    ['refresh_tokens', 3],
    ['audit_log', 3],
  ] as const) {
    const row: Record<string, unknown> = { ...EVERY_TABLE.find(([t]) => t === table)?.[1][0], id };
    // Another value for the column a unique index covers.
    if (table === 'org_facts') row['name'] = 'taxCompliant';
    if (table === 'refresh_tokens') row['token_hash'] = '9'.repeat(64);
    if (table === 'audit_log') row['prev_hash'] = '9'.repeat(64);
    await insertRows(dataSource, engine, table, [asStored(table, row)]);
    await dataSource.query(`DELETE FROM ${quote(engine, table)} WHERE id = ?`, [id]);
  }
};

/** Every row of every table, in primary-key order. */
export const everyRow = async (dataSource: DataSource, engine: Engine): Promise<Record<string, unknown[]>> => {
  const dump: Record<string, unknown[]> = {};
  for (const table of await existingTables(dataSource, engine)) {
    const key = table === 'edition_contents' ? 'content_hash' : 'id';
    dump[table] = (await dataSource.query(
      `SELECT * FROM ${quote(engine, table)} ORDER BY ${quote(engine, key)}`,
    )) as unknown[];
  }
  return dump;
};

/** Where each table's next id starts. */
export const idCounters = async (dataSource: DataSource, engine: Engine): Promise<Record<string, number>> => {
  const rows = (await dataSource.query(
    engine === 'sqlite'
      ? "SELECT name, seq + 1 AS next FROM sqlite_sequence WHERE name != 'migrations'"
      : 'SELECT TABLE_NAME AS name, AUTO_INCREMENT AS next FROM information_schema.TABLES' +
          " WHERE TABLE_SCHEMA = DATABASE() AND AUTO_INCREMENT IS NOT NULL AND TABLE_NAME != 'migrations'",
  )) as { name: string; next: number | string }[];
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.next)]));
};

/** The schema as the engine describes it (tables and indexes), for comparing two databases. */
export const schemaOf = async (dataSource: DataSource, engine: Engine): Promise<Record<string, string>> => {
  if (engine === 'sqlite') {
    const rows = (await dataSource.query(
      "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name != 'migrations'",
    )) as { name: string; sql: string }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.sql.replace(/\s+/g, ' ').trim()]));
  }
  const schema: Record<string, string> = {};
  for (const table of await existingTables(dataSource, engine)) {
    const [row] = (await dataSource.query(`SHOW CREATE TABLE \`${table}\``)) as Record<string, string>[];
    schema[table] = (row?.['Create Table'] ?? '').replace(/ AUTO_INCREMENT=\d+/, '');
  }
  return schema;
};

export interface ForeignKeyRow {
  table: string;
  column: string;
  references: string;
  referencedColumn: string;
  onDelete: string;
  name: string;
}

/**
 * Every foreign key as the engine reports it. SQLite's pragma gives no names: each is read from
 * the table's CREATE statement, where the constraint on the column is declared.
 */
export const foreignKeysOf = async (dataSource: DataSource, engine: Engine): Promise<ForeignKeyRow[]> => {
  if (engine === 'mariadb')
    return (
      (await dataSource.query(
        'SELECT k.TABLE_NAME AS `table`, k.COLUMN_NAME AS `column`, k.REFERENCED_TABLE_NAME AS `references`,' +
          ' k.REFERENCED_COLUMN_NAME AS referencedColumn, r.DELETE_RULE AS onDelete, k.CONSTRAINT_NAME AS name' +
          ' FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r' +
          ' ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME' +
          ' WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL',
      )) as ForeignKeyRow[]
    ).sort(byTableAndColumn);
  const keys: ForeignKeyRow[] = [];
  for (const table of TABLES) {
    const [{ sql } = { sql: '' }] = (await dataSource.query(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      [table],
    )) as { sql: string }[];
    const list = (await dataSource.query(`PRAGMA foreign_key_list("${table}")`)) as {
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    for (const fk of list) {
      const declared = new RegExp(`CONSTRAINT "([^"]+)" FOREIGN KEY \\("${fk.from}"\\)`).exec(sql);
      keys.push({
        table,
        column: fk.from,
        references: fk.table,
        referencedColumn: fk.to,
        onDelete: fk.on_delete,
        name: declared?.[1] ?? '(unnamed)',
      });
    }
  }
  return keys.sort(byTableAndColumn);
};

const byTableAndColumn = (a: ForeignKeyRow, b: ForeignKeyRow): number =>
  a.table === b.table ? a.column.localeCompare(b.column) : a.table.localeCompare(b.table);

/**
 * The name of every constraint and index the engine knows, with its kind. SQLite names what a
 * CREATE TABLE declares with CONSTRAINT, and indexes; a UNIQUE or PRIMARY KEY without a name
 * shows only as an automatic index (`sqlite_autoindex_…`, origin `u` or `pk`).
 */
export const constraintNames = async (
  dataSource: DataSource,
  engine: Engine,
): Promise<{ table: string; kind: string; name: string }[]> => {
  const names: { table: string; kind: string; name: string }[] = [];
  if (engine === 'mariadb') {
    const constraints = (await dataSource.query(
      'SELECT TABLE_NAME AS `table`, CONSTRAINT_TYPE AS kind, CONSTRAINT_NAME AS name FROM information_schema.TABLE_CONSTRAINTS' +
        " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME != 'migrations'",
    )) as { table: string; kind: string; name: string }[];
    const indexes = (await dataSource.query(
      "SELECT DISTINCT TABLE_NAME AS `table`, 'INDEX' AS kind, INDEX_NAME AS name FROM information_schema.STATISTICS" +
        " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME != 'migrations'",
    )) as { table: string; kind: string; name: string }[];
    return [...constraints, ...indexes];
  }
  for (const table of TABLES) {
    const [{ sql } = { sql: '' }] = (await dataSource.query(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      [table],
    )) as { sql: string }[];
    for (const m of sql.matchAll(/CONSTRAINT "([^"]+)" (PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK)/g))
      names.push({ table, kind: m[2] as string, name: m[1] as string });
    const indexes = (await dataSource.query(`PRAGMA index_list("${table}")`)) as { name: string; origin: string }[];
    for (const index of indexes) names.push({ table, kind: `INDEX ${index.origin}`, name: index.name });
  }
  return names;
};
