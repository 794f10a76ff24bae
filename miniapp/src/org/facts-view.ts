import {
  ApiError,
  countyName,
  type CountyId,
  type EditionView,
  FACT_DEFS,
  type FactChangeView,
  type FactName,
  type Facts,
  formatBasisPoints,
  formatCount,
  formatDateZh,
  formatFen,
  operationName,
  orgTypeName,
  type OrgType,
  platformName,
  type PlatformId,
  type Provenance,
  type UnifiedOperation,
} from '@huiqi/shared';
import { type Field, type Inputs, readInputs } from '../calculator/form';

/** Where a value came from, in the words a shop owner reads (with a sign: never colour alone). */
export const PROVENANCE: Record<Provenance, { sign: string; word: string }> = {
  'self-declared': { sign: '✎', word: '企业填报' },
  document: { sign: '▤', word: '材料证明' },
  verified: { sign: '✓', word: '审核确认' },
};

const list = (values: unknown, name: (id: string) => string): string =>
  Array.isArray(values) ? values.map((v) => name(String(v))).join('、') : String(values);

/**
 * A stored fact as people read it: money in 元 (exact to the fen, from integer fen), shares in %,
 * counts with their unit, dates in Chinese, ids by their names. Null: not set.
 */
export const formatFactValue = (name: FactName, value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const def = FACT_DEFS[name];
  if (!def) return String(value);
  switch (def.kind) {
    case 'boolean':
      return value === true ? '是' : '否';
    case 'fen':
      return typeof value === 'number' ? formatFen(value) : String(value);
    case 'share-bp':
      return typeof value === 'number' ? formatBasisPoints(value) : String(value);
    case 'count':
      return typeof value === 'number' ? `${formatCount(value)}${def.unit ?? ''}` : String(value);
    case 'year':
      return `${String(value)}年`;
    case 'date':
      return typeof value === 'string' ? formatDateZh(value) : String(value);
    case 'county':
      return countyName(value as CountyId);
    case 'org-types':
      return list(value, (id) => orgTypeName(id as OrgType));
    case 'platforms':
      return list(value, (id) => platformName(id as PlatformId));
    case 'operations':
      return list(value, (id) => operationName(id as UnifiedOperation));
    default:
      return String(value);
  }
};

/** An ISO date-time as a Liaocheng clock reads it (UTC+8 all year): 2026年6月15日 10:00. */
export const formatDateTimeZh = (iso: string): string => {
  const local = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  if (Number.isNaN(local.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
};

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export const shanghaiToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The claim years firms can report for: those of the published editions, newest first. */
export const claimYearsOf = (editions: readonly EditionView[]): number[] =>
  [...new Set(editions.filter((e) => e.status === 'published').map((e) => e.claimYear))].sort((a, b) => b - a);

/**
 * The claim year to open on: the edition whose application round is open today, else the newest
 * edition in force today (validFrom..validTo), else the newest claim year there is.
 */
export const defaultClaimYear = (editions: readonly EditionView[], today: string): number | null => {
  const published = editions.filter((e) => e.status === 'published');
  const newest = (rows: readonly EditionView[]) =>
    rows.reduce<number | null>((best, e) => (best === null || e.claimYear > best ? e.claimYear : best), null);
  const open = published.filter(
    (e) => e.applicationWindow && e.applicationWindow.opens <= today && today <= e.applicationWindow.closes,
  );
  return (
    newest(open) ?? newest(published.filter((e) => e.validFrom <= today && today <= e.validTo)) ?? newest(published)
  );
};

/** Each fact's changes, newest first (the API's order), by name. */
export const changesByFact = (changes: readonly FactChangeView[]): Map<FactName, FactChangeView[]> => {
  const byName = new Map<FactName, FactChangeView[]>();
  for (const change of changes) byName.set(change.name, [...(byName.get(change.name) ?? []), change]);
  return byName;
};

export interface FactChanges {
  /** What to send to putFacts: new values, and null for a fact the user emptied. */
  facts: Partial<Record<FactName, unknown>>;
  /** Field name → what to fix; nothing is sent while there are any. */
  errors: Partial<Record<FactName, string>>;
}

/**
 * The edits on the fields shown, checked by the shared validators: only what differs from the
 * stored facts is sent, and a field the user emptied clears its fact (an absent fact is
 * unknown, never zero).
 */
export const factChanges = (inputs: Inputs, fields: readonly Field[], stored: Facts): FactChanges => {
  const { facts, errors } = readInputs(inputs, fields);
  const read = facts as Record<string, unknown>;
  const before = stored as Record<string, unknown>;
  const changes: Partial<Record<FactName, unknown>> = {};
  for (const field of fields) {
    if (errors[field.name] !== undefined) continue;
    const value = read[field.name];
    const was = before[field.name];
    if (value === undefined) {
      if (was !== undefined && was !== null) changes[field.name] = null;
    } else if (JSON.stringify(value) !== JSON.stringify(was)) changes[field.name] = value;
  }
  return { facts: changes, errors };
};

/**
 * The fields an API refusal names (INVALID_REQUEST; CONFLICT on a taken credit code), with a
 * prefix such as `facts.` dropped: each message is shown beside its field.
 */
export const fieldErrorsOf = (error: unknown, prefix = ''): Record<string, string> => {
  if (!(error instanceof ApiError) || !(error.is('INVALID_REQUEST') || error.is('CONFLICT'))) return {};
  const out: Record<string, string> = {};
  const details: unknown = error.details;
  if (!Array.isArray(details)) return out;
  for (const detail of details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string' || typeof detail.message !== 'string') continue;
    const path = prefix && detail.field.startsWith(prefix) ? detail.field.slice(prefix.length) : detail.field;
    const field = path.split('.')[0];
    if (field) out[field] ??= detail.message;
  }
  return out;
};
