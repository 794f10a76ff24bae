import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';

/** The SHA-256 of an edition's canonical JSON, hex: the key its content is stored under. */
export const contentHash = (document: unknown): string =>
  createHash('sha256').update(canonicalJson(document)).digest('hex');
