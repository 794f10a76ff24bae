import fc from 'fast-check';
import { COUNTIES, ORG_TYPES, PLATFORMS, PROGRAM_IDS, UNIFIED_OPERATIONS } from '../contracts/catalogue';
import { FACT_DEFS, type FactKind, type Facts, type IndexedFact } from '../contracts/facts';
import { USCC_ALPHABET, usccCheckCharacter } from '../validation/uscc';
import { BASELINE } from './fixtures';

/**
 * Property-test values of every kind of fact, drawn around the 2023 thresholds. Typed over
 * FactKind, so a new kind does not compile until it has values here, and keyed by kind, so a new
 * fact of a known kind is generated without anyone adding it.
 */
export const VALUES_OF_KIND: { readonly [K in FactKind]: fc.Arbitrary<unknown> } = {
  boolean: fc.boolean(),
  fen: fc.oneof(
    fc.integer({ min: 0, max: 100_000_000_000 }),
    fc.constantFrom(0, 1, 9_999_999_999, 10_000_000_000, 2_000_000_000, Number.MAX_SAFE_INTEGER),
  ),
  count: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 40 })),
  'share-bp': fc.integer({ min: 0, max: 10_000 }),
  date: fc
    .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  year: fc.oneof(fc.integer({ min: 2018, max: 2026 }), fc.integer({ min: 1900, max: 9999 })),
  uscc: fc
    .array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 })
    .map((chars) => chars.join(''))
    .map((first17) => first17 + (usccCheckCharacter(first17) as string)),
  county: fc.constantFrom(...COUNTIES.map((c) => c.id)),
  'org-types': fc.uniqueArray(fc.constantFrom(...ORG_TYPES.map((o) => o.id)), { maxLength: 3 }),
  platforms: fc.uniqueArray(fc.constantFrom(...PLATFORMS.map((p) => p.id), 'other:视频号'), { maxLength: 3 }),
  operations: fc.uniqueArray(fc.constantFrom(...UNIFIED_OPERATIONS.map((o) => o.id))),
};

const DEFS = Object.values(FACT_DEFS) as IndexedFact[];

/** Valid facts: every fact of the catalogue, each known (with a value of its kind) or unknown. */
export const anyValidFacts: fc.Arbitrary<Facts> = fc
  .record(
    Object.fromEntries(DEFS.map((def) => [def.name, VALUES_OF_KIND[def.kind]])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
    { requiredKeys: [] },
  )
  .map((facts) => facts as Facts);

/** One program's eligible baseline with up to three facts of any firm over it: more answers reach eligible. */
export const nearEligibleFacts: fc.Arbitrary<Facts> = fc
  .tuple(fc.constantFrom(...PROGRAM_IDS), anyValidFacts, fc.integer({ min: 0, max: 3 }))
  .map(([id, random, keep]) => ({ ...BASELINE[id], ...Object.fromEntries(Object.entries(random).slice(0, keep)) }));
