import { type MigrationInterface, type QueryRunner } from 'typeorm';

type OnDelete = 'RESTRICT' | 'CASCADE';

interface Reference {
  table: string;
  column: string;
  references: string;
  referencedColumn: string;
  onDelete: OnDelete;
}

/** Every reference, with its ON DELETE (docs/api.md, "The database", says why each). */
const REFERENCES: readonly Reference[] = (
  [
    ['refresh_tokens', 'user_id', 'users', 'id', 'CASCADE'],
    ['orgs', 'created_by', 'users', 'id', 'RESTRICT'],
    ['memberships', 'org_id', 'orgs', 'id', 'CASCADE'],
    ['memberships', 'user_id', 'users', 'id', 'CASCADE'],
    ['invites', 'org_id', 'orgs', 'id', 'CASCADE'],
    ['invites', 'created_by', 'users', 'id', 'RESTRICT'],
    ['invites', 'used_by', 'users', 'id', 'RESTRICT'],
    ['org_facts', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['org_facts', 'updated_by', 'users', 'id', 'RESTRICT'],
    ['fact_changes', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['fact_changes', 'changed_by', 'users', 'id', 'RESTRICT'],
    ['edition_versions', 'edition_id', 'editions', 'id', 'RESTRICT'],
    ['edition_versions', 'content_hash', 'edition_contents', 'content_hash', 'RESTRICT'],
    ['applications', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['applications', 'edition_id', 'editions', 'id', 'RESTRICT'],
    ['applications', 'edition_version_id', 'edition_versions', 'id', 'RESTRICT'],
    ['applications', 'created_by', 'users', 'id', 'RESTRICT'],
    ['application_materials', 'application_id', 'applications', 'id', 'RESTRICT'],
    ['application_materials', 'file_id', 'files', 'id', 'RESTRICT'],
    ['application_materials', 'attached_by', 'users', 'id', 'RESTRICT'],
    ['application_materials', 'reviewed_by', 'users', 'id', 'RESTRICT'],
    ['files', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['files', 'uploaded_by', 'users', 'id', 'RESTRICT'],
    ['audit_log', 'actor_id', 'users', 'id', 'RESTRICT'],
    ['audit_log', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['outbox', 'org_id', 'orgs', 'id', 'RESTRICT'],
    ['outbox', 'audit_id', 'audit_log', 'id', 'RESTRICT'],
  ] as const
).map(([table, column, references, referencedColumn, onDelete]) => ({
  table,
  column,
  references,
  referencedColumn,
  onDelete,
}));

const constraintName = (r: Reference): string => `fk_${r.table}_${r.column}`;

/** MariaDB: the unique indexes TypeORM had named by hash, and their names from now on. */
const RENAMED_INDEXES: readonly { table: string; from: string; to: string }[] = [
  { table: 'users', from: 'IDX_9c98f005249412c8333a3b2c59', to: 'uq_users_openid' },
  { table: 'users', from: 'IDX_fe0bb3f6520ee0469504521e71', to: 'uq_users_username' },
  { table: 'refresh_tokens', from: 'IDX_a7838d2ba25be1342091b6695f', to: 'uq_refresh_tokens_token_hash' },
  { table: 'orgs', from: 'IDX_9d88e7f4ee236525d114eea8be', to: 'uq_orgs_uscc' },
  { table: 'invites', from: 'IDX_b2d755b74c2711d049158dbd81', to: 'uq_invites_code_hash' },
  { table: 'applications', from: 'IDX_027a7fda8eacc2ec303f4f437f', to: 'uq_applications_active_key' },
  { table: 'applications', from: 'IDX_a15a061fda089b64aba6570e97', to: 'uq_applications_once_key' },
];

interface SqliteTable {
  name: string;
  create: string;
  indexes: readonly string[];
}

/** SQLite: the tables this migration rebuilds, as they are after it; parents before children. */
const SQLITE_AFTER: readonly SqliteTable[] = [
  {
    name: 'users',
    create:
      'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "openid" varchar(64), "username" varchar(64), "password_hash" varchar(255), "role" varchar(32) NOT NULL, "county" varchar(32), "display_name" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    indexes: [
      'CREATE UNIQUE INDEX "uq_users_openid" ON "users" ("openid")',
      'CREATE UNIQUE INDEX "uq_users_username" ON "users" ("username")',
    ],
  },
  {
    name: 'orgs',
    create:
      'CREATE TABLE "orgs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "uscc" varchar(18) NOT NULL, "name" varchar(128) NOT NULL, "county" varchar(32) NOT NULL, "org_types" json NOT NULL, "legal_representative" varchar(64) NOT NULL, "contact_name" varchar(64) NOT NULL, "contact_phone" varchar(32) NOT NULL, "demo" boolean NOT NULL DEFAULT (0), "created_by" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_orgs_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: ['CREATE UNIQUE INDEX "uq_orgs_uscc" ON "orgs" ("uscc")'],
  },
  {
    name: 'edition_versions',
    create:
      'CREATE TABLE "edition_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "edition_id" varchar(32) NOT NULL, "version" integer NOT NULL, "content_hash" varchar(64) NOT NULL, "claim_year" integer NOT NULL, "published_at" datetime NOT NULL, CONSTRAINT "fk_edition_versions_edition_id" FOREIGN KEY ("edition_id") REFERENCES "editions" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_edition_versions_content_hash" FOREIGN KEY ("content_hash") REFERENCES "edition_contents" ("content_hash") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_edition_versions_year" ON "edition_versions" ("claim_year")',
      'CREATE UNIQUE INDEX "uq_edition_versions_edition_version" ON "edition_versions" ("edition_id", "version")',
    ],
  },
  {
    name: 'files',
    create:
      'CREATE TABLE "files" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "sha256" varchar(64) NOT NULL, "size" bigint NOT NULL, "kind" varchar(8) NOT NULL, "mime" varchar(64) NOT NULL, "original_name" varchar(255) NOT NULL, "storage_key" varchar(128) NOT NULL, "uploaded_by" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_files_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_files_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_files_storage_key" ON "files" ("storage_key")',
      'CREATE UNIQUE INDEX "uq_files_org_sha" ON "files" ("org_id", "sha256")',
    ],
  },
  {
    name: 'audit_log',
    create:
      'CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL, "actor_id" integer, "actor_role" varchar(32), "action" varchar(48) NOT NULL, "entity" varchar(32) NOT NULL, "entity_id" varchar(64) NOT NULL, "org_id" integer, "before" json, "after" json, "request_id" varchar(64), CONSTRAINT "fk_audit_log_actor_id" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_audit_log_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_audit_entity" ON "audit_log" ("entity", "entity_id")',
      'CREATE INDEX "idx_audit_org" ON "audit_log" ("org_id")',
    ],
  },
  {
    name: 'applications',
    create:
      'CREATE TABLE "applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "program_id" varchar(48) NOT NULL, "claim_year" integer NOT NULL, "edition_id" varchar(32) NOT NULL, "status" varchar(24) NOT NULL, "facts_snapshot" json NOT NULL, "evaluation" json, "max_amount_fen" bigint, "active_key" varchar(96), "once_key" varchar(96), "created_by" integer NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "submitted_at" datetime, "withdrawn_at" datetime, "version" integer NOT NULL, "org_name" varchar(128), "org_uscc" varchar(18), "org_county" varchar(32), "edition_version_id" integer NOT NULL, CONSTRAINT "fk_applications_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_applications_edition_id" FOREIGN KEY ("edition_id") REFERENCES "editions" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_applications_edition_version_id" FOREIGN KEY ("edition_version_id") REFERENCES "edition_versions" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_applications_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_applications_org" ON "applications" ("org_id")',
      'CREATE UNIQUE INDEX "uq_applications_active_key" ON "applications" ("active_key")',
      'CREATE UNIQUE INDEX "uq_applications_once_key" ON "applications" ("once_key")',
    ],
  },
  {
    name: 'refresh_tokens',
    create:
      'CREATE TABLE "refresh_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "family_id" varchar(36) NOT NULL, CONSTRAINT "fk_refresh_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens" ("family_id")',
      'CREATE INDEX "idx_refresh_tokens_user" ON "refresh_tokens" ("user_id")',
      'CREATE UNIQUE INDEX "uq_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash")',
    ],
  },
  {
    name: 'memberships',
    create:
      'CREATE TABLE "memberships" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "user_id" integer NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_memberships_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_memberships_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_memberships_user" ON "memberships" ("user_id")',
      'CREATE UNIQUE INDEX "uq_memberships_org_user" ON "memberships" ("org_id", "user_id")',
    ],
  },
  {
    name: 'invites',
    create:
      'CREATE TABLE "invites" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "code_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "created_by" integer NOT NULL, "used_by" integer, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_invites_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "fk_invites_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_invites_used_by" FOREIGN KEY ("used_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: ['CREATE UNIQUE INDEX "uq_invites_code_hash" ON "invites" ("code_hash")'],
  },
  {
    name: 'org_facts',
    create:
      'CREATE TABLE "org_facts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "claim_year" integer NOT NULL, "name" varchar(64) NOT NULL, "value" json NOT NULL, "provenance" varchar(16) NOT NULL, "updated_by" integer NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "fk_org_facts_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_org_facts_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: ['CREATE UNIQUE INDEX "uq_org_facts" ON "org_facts" ("org_id", "claim_year", "name")'],
  },
  {
    name: 'fact_changes',
    create:
      'CREATE TABLE "fact_changes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "claim_year" integer NOT NULL, "name" varchar(64) NOT NULL, "before" json, "after" json, "provenance" varchar(16) NOT NULL, "changed_by" integer NOT NULL, "changed_at" datetime NOT NULL, CONSTRAINT "fk_fact_changes_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_fact_changes_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: ['CREATE INDEX "idx_fact_changes_org_year" ON "fact_changes" ("org_id", "claim_year")'],
  },
  {
    name: 'application_materials',
    create:
      'CREATE TABLE "application_materials" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "material_id" varchar(48) NOT NULL, "file_id" integer NOT NULL, "status" varchar(16) NOT NULL, "valid_until" varchar(10), "reason" varchar(500), "reviewed_by" integer, "reviewed_at" datetime, "attached_by" integer NOT NULL, "attached_at" datetime NOT NULL, CONSTRAINT "fk_application_materials_application_id" FOREIGN KEY ("application_id") REFERENCES "applications" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_application_materials_file_id" FOREIGN KEY ("file_id") REFERENCES "files" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_application_materials_attached_by" FOREIGN KEY ("attached_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_application_materials_reviewed_by" FOREIGN KEY ("reviewed_by") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_application_materials_file" ON "application_materials" ("file_id")',
      'CREATE INDEX "idx_application_materials_slot" ON "application_materials" ("application_id", "material_id")',
    ],
  },
  {
    name: 'outbox',
    create:
      'CREATE TABLE "outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_type" varchar(48) NOT NULL, "entity" varchar(32) NOT NULL, "entity_id" varchar(64) NOT NULL, "org_id" integer, "payload" json NOT NULL, "audit_id" integer, "dedupe_key" varchar(128) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime, "delivered_at" datetime, "dead_at" datetime, "last_error" varchar(500), "created_at" datetime NOT NULL, CONSTRAINT "fk_outbox_org_id" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "fk_outbox_audit_id" FOREIGN KEY ("audit_id") REFERENCES "audit_log" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    indexes: [
      'CREATE INDEX "idx_outbox_due" ON "outbox" ("delivered_at", "dead_at", "next_attempt_at")',
      'CREATE INDEX "idx_outbox_org" ON "outbox" ("org_id")',
      'CREATE UNIQUE INDEX "uq_outbox_dedupe_key" ON "outbox" ("dedupe_key")',
    ],
  },
];

/** SQLite: the same tables as they were before it, in the same order. */
const SQLITE_BEFORE: readonly SqliteTable[] = [
  {
    name: 'users',
    create:
      'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "openid" varchar(64), "username" varchar(64), "password_hash" varchar(255), "role" varchar(32) NOT NULL, "county" varchar(32), "display_name" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "UQ_9c98f005249412c8333a3b2c593" UNIQUE ("openid"))',
    indexes: [],
  },
  {
    name: 'orgs',
    create:
      'CREATE TABLE "orgs" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "uscc" varchar(18) NOT NULL, "name" varchar(128) NOT NULL, "county" varchar(32) NOT NULL, "org_types" json NOT NULL, "legal_representative" varchar(64) NOT NULL, "contact_name" varchar(64) NOT NULL, "contact_phone" varchar(32) NOT NULL, "demo" boolean NOT NULL DEFAULT (0), "created_by" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_9d88e7f4ee236525d114eea8bef" UNIQUE ("uscc"))',
    indexes: [],
  },
  {
    name: 'edition_versions',
    create:
      'CREATE TABLE "edition_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "edition_id" varchar(32) NOT NULL, "version" integer NOT NULL, "content_hash" varchar(64) NOT NULL, "claim_year" integer NOT NULL, "published_at" datetime NOT NULL)',
    indexes: [
      'CREATE INDEX "idx_edition_versions_year" ON "edition_versions" ("claim_year")',
      'CREATE UNIQUE INDEX "uq_edition_versions_edition_version" ON "edition_versions" ("edition_id", "version")',
    ],
  },
  {
    name: 'files',
    create:
      'CREATE TABLE "files" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "sha256" varchar(64) NOT NULL, "size" bigint NOT NULL, "kind" varchar(8) NOT NULL, "mime" varchar(64) NOT NULL, "original_name" varchar(255) NOT NULL, "storage_key" varchar(128) NOT NULL, "uploaded_by" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    indexes: [
      'CREATE INDEX "idx_files_storage_key" ON "files" ("storage_key")',
      'CREATE UNIQUE INDEX "uq_files_org_sha" ON "files" ("org_id", "sha256")',
    ],
  },
  {
    name: 'audit_log',
    create:
      'CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL, "actor_id" integer, "actor_role" varchar(32), "action" varchar(48) NOT NULL, "entity" varchar(32) NOT NULL, "entity_id" varchar(64) NOT NULL, "org_id" integer, "before" json, "after" json, "request_id" varchar(64))',
    indexes: [
      'CREATE INDEX "idx_audit_entity" ON "audit_log" ("entity", "entity_id")',
      'CREATE INDEX "idx_audit_org" ON "audit_log" ("org_id")',
    ],
  },
  {
    name: 'applications',
    create:
      'CREATE TABLE "applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "program_id" varchar(48) NOT NULL, "claim_year" integer NOT NULL, "edition_id" varchar(32) NOT NULL, "status" varchar(24) NOT NULL, "facts_snapshot" json NOT NULL, "evaluation" json, "max_amount_fen" bigint, "active_key" varchar(96), "once_key" varchar(96), "created_by" integer NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "submitted_at" datetime, "withdrawn_at" datetime, "version" integer NOT NULL, "org_name" varchar(128), "org_uscc" varchar(18), "org_county" varchar(32), "edition_version_id" integer NOT NULL, CONSTRAINT "UQ_027a7fda8eacc2ec303f4f437fc" UNIQUE ("active_key"), CONSTRAINT "UQ_a15a061fda089b64aba6570e974" UNIQUE ("once_key"))',
    indexes: ['CREATE INDEX "idx_applications_org" ON "applications" ("org_id")'],
  },
  {
    name: 'refresh_tokens',
    create:
      'CREATE TABLE "refresh_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "revoked_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "family_id" varchar(36) NOT NULL, CONSTRAINT "UQ_a7838d2ba25be1342091b6695f1" UNIQUE ("token_hash"))',
    indexes: [
      'CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens" ("family_id")',
      'CREATE INDEX "idx_refresh_tokens_user" ON "refresh_tokens" ("user_id")',
    ],
  },
  {
    name: 'memberships',
    create:
      'CREATE TABLE "memberships" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "user_id" integer NOT NULL, "role" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    indexes: [
      'CREATE INDEX "idx_memberships_user" ON "memberships" ("user_id")',
      'CREATE UNIQUE INDEX "uq_memberships_org_user" ON "memberships" ("org_id", "user_id")',
    ],
  },
  {
    name: 'invites',
    create:
      'CREATE TABLE "invites" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "code_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "created_by" integer NOT NULL, "used_by" integer, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "UQ_b2d755b74c2711d049158dbd81d" UNIQUE ("code_hash"))',
    indexes: [],
  },
  {
    name: 'org_facts',
    create:
      'CREATE TABLE "org_facts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "claim_year" integer NOT NULL, "name" varchar(64) NOT NULL, "value" json NOT NULL, "provenance" varchar(16) NOT NULL, "updated_by" integer NOT NULL, "updated_at" datetime NOT NULL)',
    indexes: ['CREATE UNIQUE INDEX "uq_org_facts" ON "org_facts" ("org_id", "claim_year", "name")'],
  },
  {
    name: 'fact_changes',
    create:
      'CREATE TABLE "fact_changes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "org_id" integer NOT NULL, "claim_year" integer NOT NULL, "name" varchar(64) NOT NULL, "before" json, "after" json, "provenance" varchar(16) NOT NULL, "changed_by" integer NOT NULL, "changed_at" datetime NOT NULL)',
    indexes: ['CREATE INDEX "idx_fact_changes_org_year" ON "fact_changes" ("org_id", "claim_year")'],
  },
  {
    name: 'application_materials',
    create:
      'CREATE TABLE "application_materials" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "material_id" varchar(48) NOT NULL, "file_id" integer NOT NULL, "status" varchar(16) NOT NULL, "valid_until" varchar(10), "reason" varchar(500), "reviewed_by" integer, "reviewed_at" datetime, "attached_by" integer NOT NULL, "attached_at" datetime NOT NULL)',
    indexes: [
      'CREATE INDEX "idx_application_materials_file" ON "application_materials" ("file_id")',
      'CREATE INDEX "idx_application_materials_slot" ON "application_materials" ("application_id", "material_id")',
    ],
  },
  {
    name: 'outbox',
    create:
      'CREATE TABLE "outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_type" varchar(48) NOT NULL, "entity" varchar(32) NOT NULL, "entity_id" varchar(64) NOT NULL, "org_id" integer, "payload" json NOT NULL, "audit_id" integer, "dedupe_key" varchar(128) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime, "delivered_at" datetime, "dead_at" datetime, "last_error" varchar(500), "created_at" datetime NOT NULL)',
    indexes: [
      'CREATE INDEX "idx_outbox_due" ON "outbox" ("delivered_at", "dead_at", "next_attempt_at")',
      'CREATE INDEX "idx_outbox_org" ON "outbox" ("org_id")',
      'CREATE UNIQUE INDEX "uq_outbox_dedupe_key" ON "outbox" ("dedupe_key")',
    ],
  },
];

const isSqlite = (queryRunner: QueryRunner): boolean => queryRunner.connection.options.type === 'better-sqlite3';

/** The columns of a CREATE TABLE statement, in order (constraints skipped). */
const columnsOf = (create: string): string[] => {
  const body = create.slice(create.indexOf('(') + 1, create.lastIndexOf(')'));
  const columns: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of `${body},`) {
    if (ch === ',' && depth === 0) {
      const name = /^"([a-z0-9_]+)"/.exec(part.trim())?.[1];
      if (name) columns.push(name);
      part = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    part += ch;
  }
  return columns;
};

/** SQLite's way to change a table: create the new one, copy, drop the old one, rename the new one. */
const rebuild = async (queryRunner: QueryRunner, table: SqliteTable): Promise<void> => {
  const t = table.name;
  const columns = columnsOf(table.create)
    .map((c) => `"${c}"`)
    .join(', ');
  await queryRunner.query(table.create.replace(`CREATE TABLE "${t}"`, `CREATE TABLE "new_${t}"`));
  await queryRunner.query(`INSERT INTO "new_${t}" (${columns}) SELECT ${columns} FROM "${t}"`);
  // Copying sets the counter to the largest id left; the old one also counts deleted rows' ids.
  await queryRunner.query(`DELETE FROM "sqlite_sequence" WHERE "name" = 'new_${t}'`);
  await queryRunner.query(
    `INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_${t}', "seq" FROM "sqlite_sequence" WHERE "name" = '${t}'`,
  );
  await queryRunner.query(`DROP TABLE "${t}"`);
  await queryRunner.query(`ALTER TABLE "new_${t}" RENAME TO "${t}"`);
  for (const index of table.indexes) await queryRunner.query(index);
};

/** MariaDB: `table.name` of every index or foreign key of the database. */
const namesIn = async (
  queryRunner: QueryRunner,
  view: 'STATISTICS' | 'REFERENTIAL_CONSTRAINTS',
  column: 'INDEX_NAME' | 'CONSTRAINT_NAME',
): Promise<Set<string>> => {
  const schema = view === 'STATISTICS' ? 'TABLE_SCHEMA' : 'CONSTRAINT_SCHEMA';
  const rows = (await queryRunner.query(
    `SELECT DISTINCT TABLE_NAME AS t, ${column} AS n FROM information_schema.${view} WHERE ${schema} = DATABASE()`,
  )) as { t: string; n: string }[];
  return new Set(rows.map((r) => `${r.t}.${r.n}`));
};

/** Refuses to start while any row references a row that does not exist, naming each reference. */
const refuseOrphans = async (queryRunner: QueryRunner): Promise<void> => {
  const q = (name: string) => queryRunner.connection.driver.escape(name);
  const problems: string[] = [];
  for (const r of REFERENCES) {
    const [row] = (await queryRunner.query(
      `SELECT COUNT(*) AS n, MIN(c.${q(r.column)}) AS example FROM ${q(r.table)} c` +
        ` LEFT JOIN ${q(r.references)} p ON p.${q(r.referencedColumn)} = c.${q(r.column)}` +
        ` WHERE c.${q(r.column)} IS NOT NULL AND p.${q(r.referencedColumn)} IS NULL`,
    )) as { n: number | string; example: unknown }[];
    const n = Number(row?.n ?? 0);
    if (n > 0)
      problems.push(
        `${r.table}.${r.column} 有 ${n} 行引用了不存在的 ${r.references}.${r.referencedColumn}（例如 ${String(row?.example)}）`,
      );
  }
  if (problems.length > 0)
    throw new Error(
      `无法添加外键：以下数据引用了不存在的记录，请先修正或删除这些行，再启动服务：\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
};

/**
 * Foreign keys on every reference between tables, and readable names for the unique indexes that
 * TypeORM had named by hash (`uq_<table>_<column>`; foreign keys are `fk_<table>_<column>`).
 *
 * Generated by generate-migration.ts on 2026-11-30, then rewritten by hand; never edited once
 * landed. What was generated would have worked on an empty database and not on a real one:
 * - SQLite: it rebuilt some tables three times, and its `down` renamed each table away before
 *   copying it, which rewrites every other table's reference to the renamed name (SQLite ≥ 3.26)
 *   and, with foreign keys on, made dropping the renamed parent delete or refuse its children.
 *   Here each table is rebuilt once, in SQLite's own order (create the new table, copy, drop the
 *   old, rename the new), parents before children on the way up and children before parents on
 *   the way down, so no step ever drops a table that another table still references: it is
 *   correct whether `PRAGMA foreign_keys` is on or off (TypeORM's `undoLastMigration` leaves it
 *   on, its pragma falling inside the transaction). AUTOINCREMENT counters are carried over, so
 *   no id is ever given twice.
 * - MariaDB: it dropped the hash-named unique indexes and created them again under the same
 *   names beside the new ones; here they are renamed, and each table's foreign keys are added by
 *   one ALTER TABLE (one table copy, not one per key).
 * Before anything changes, rows that reference a missing row are looked for on both engines, and
 * the migration stops naming them: MariaDB cannot roll back DDL, so nothing is half done.
 */
export class ForeignKeys1796052040988 implements MigrationInterface {
  name = 'ForeignKeys1796052040988';

  async up(queryRunner: QueryRunner): Promise<void> {
    await refuseOrphans(queryRunner);
    if (isSqlite(queryRunner)) {
      for (const table of SQLITE_AFTER) await rebuild(queryRunner, table);
      // TypeORM runs migrations with foreign keys off: the copies were not checked row by row.
      const violations = (await queryRunner.query('PRAGMA foreign_key_check')) as unknown[];
      if (violations.length > 0)
        throw new Error(
          `添加外键后发现 ${violations.length} 行引用了不存在的记录：${JSON.stringify(violations.slice(0, 5))}`,
        );
      return;
    }
    // Each ALTER TABLE commits on its own: what a failed run did is skipped when it runs again.
    const indexes = await namesIn(queryRunner, 'STATISTICS', 'INDEX_NAME');
    for (const { table, from, to } of RENAMED_INDEXES)
      if (!indexes.has(`${table}.${to}`))
        await queryRunner.query(`ALTER TABLE \`${table}\` RENAME INDEX \`${from}\` TO \`${to}\``);
    const keys = await namesIn(queryRunner, 'REFERENTIAL_CONSTRAINTS', 'CONSTRAINT_NAME');
    for (const table of new Set(REFERENCES.map((r) => r.table))) {
      const adds = REFERENCES.filter((r) => r.table === table && !keys.has(`${table}.${constraintName(r)}`)).map(
        (r) =>
          `ADD CONSTRAINT \`${constraintName(r)}\` FOREIGN KEY (\`${r.column}\`)` +
          ` REFERENCES \`${r.references}\`(\`${r.referencedColumn}\`) ON DELETE ${r.onDelete} ON UPDATE NO ACTION`,
      );
      if (adds.length > 0) await queryRunner.query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner)) {
      for (const table of [...SQLITE_BEFORE].reverse()) await rebuild(queryRunner, table);
      return;
    }
    for (const table of new Set(REFERENCES.map((r) => r.table))) {
      const names = REFERENCES.filter((r) => r.table === table).map(constraintName);
      await queryRunner.query(`ALTER TABLE \`${table}\` ${names.map((n) => `DROP FOREIGN KEY \`${n}\``).join(', ')}`);
      // InnoDB made an index, named as the key, for each column no index began with; it stays
      // behind when the key goes.
      const implicit = (await queryRunner.query(
        'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS' +
          ' WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME IN (' +
          names.map(() => '?').join(', ') +
          ')',
        [table, ...names],
      )) as { name: string }[];
      if (implicit.length > 0)
        await queryRunner.query(
          `ALTER TABLE \`${table}\` ${implicit.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`,
        );
    }
    for (const { table, from, to } of RENAMED_INDEXES)
      await queryRunner.query(`ALTER TABLE \`${table}\` RENAME INDEX \`${to}\` TO \`${from}\``);
  }
}
