import {
  ApiError,
  type EditionView,
  type FactChangeView,
  type FactName,
  type Facts,
  type Provenance,
  FACT_NAMES,
} from '@huiqi/shared';
import { type Field, type Inputs, readInputs } from '../calculator/form';
import { changedFacts } from '../facts/values';

/**
 * The facts a firm's registration already holds (its credit code and county, from 我的企业): the
 * profile shows them as registered instead of asking for them again as facts of the year.
 */
export const REGISTRATION_FACTS: readonly FactName[] = ['uscc', 'county'];

/** The facts 企业档案 asks for, per claim year: every fact of the catalogue but the registration's. */
export const PROFILE_FACTS: readonly FactName[] = FACT_NAMES.filter((name) => !REGISTRATION_FACTS.includes(name));

/** Where a value came from, in the words a shop owner reads (with a sign: never colour alone). */
export const PROVENANCE: Record<Provenance, { sign: string; word: string }> = {
  'self-declared': { sign: '✎', word: '企业填报' },
  document: { sign: '▤', word: '材料证明' },
  verified: { sign: '✓', word: '审核确认' },
  roster: { sign: '☰', word: '人才名册计算' },
};

/** The claim years firms can report for: those of the published editions, newest first. */
export const claimYearsOf = (editions: readonly EditionView[]): number[] =>
  [...new Set(editions.filter((e) => e.status === 'published').map((e) => e.claimYear))].sort((a, b) => b - a);

/**
 * The claim year to open on: the year of an application round open today (`openRoundYears`, from
 * GET /api/v1/rounds?open=true) or of an edition whose own window is open, else the newest edition
 * in force today (validFrom..validTo), else the newest claim year there is.
 */
export const defaultClaimYear = (
  editions: readonly EditionView[],
  today: string,
  openRoundYears: readonly number[] = [],
): number | null => {
  const published = editions.filter((e) => e.status === 'published');
  const newest = (rows: readonly EditionView[]) =>
    rows.reduce<number | null>((best, e) => (best === null || e.claimYear > best ? e.claimYear : best), null);
  const open = published.filter(
    (e) =>
      openRoundYears.includes(e.claimYear) ||
      (e.applicationWindow && e.applicationWindow.opens <= today && today <= e.applicationWindow.closes),
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
  return { facts: changedFacts(stored, facts, fields, errors), errors };
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
