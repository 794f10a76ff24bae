import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';

/** The `prev_hash` of the first entry: no entry comes before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of an audit entry that its hash covers: all of them but the two hashes. */
export interface ChainedFields {
  id: number;
  at: Date;
  actorId: number | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string;
  orgId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/**
 * An instant as the audit log keeps it, to the second: MariaDB's `datetime` keeps no fraction, so
 * an entry is written already cut to the second and both engines give back what was hashed.
 */
export const toChainSecond = (at: Date): Date => new Date(Math.floor(at.getTime() / 1000) * 1000);

/**
 * A value as a JSON column gives it back: what JSON.stringify keeps of it (Dates as strings,
 * undefined properties gone), so the hash taken at write is the hash of the row read again.
 */
export const asStoredJson = (value: unknown): unknown =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? 'null') as unknown);

/**
 * The canonical JSON of an entry's fields (keys in code-point order, `at` as ISO 8601 to the
 * second in UTC): the same text from a row read back from either engine as at the write.
 */
export const chainedJson = (fields: ChainedFields): string =>
  canonicalJson({
    id: fields.id,
    at: `${toChainSecond(fields.at).toISOString().slice(0, 19)}Z`,
    actorId: fields.actorId,
    actorRole: fields.actorRole,
    action: fields.action,
    entity: fields.entity,
    entityId: fields.entityId,
    orgId: fields.orgId,
    before: fields.before ?? null,
    after: fields.after ?? null,
    requestId: fields.requestId,
  });

/** An entry's hash, hex SHA-256 of the previous entry's hash followed by the entry's canonical JSON. */
export const entryHash = (prevHash: string, fields: ChainedFields): string =>
  createHash('sha256').update(prevHash).update(chainedJson(fields)).digest('hex');
