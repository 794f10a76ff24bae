import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { PROPERTY_RUNS } from '../../../../shared/src/testing/property-runs.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { asStoredJson, type ChainedFields, chainedJson, entryHash, GENESIS_HASH, toChainSecond } from './chain-hash.js';

const ENTRY: ChainedFields = {
  id: 42,
  at: new Date('2026-06-15T02:00:07.654Z'),
  actorId: 7,
  actorRole: 'applicant',
  action: 'org.updated',
  entity: 'org',
  entityId: '3',
  orgId: 3,
  before: { name: '聊城“优品”电商', contactPhone: '13912345678' },
  after: { name: '聊城优品电商', contactPhone: '13912345678' },
  requestId: null,
};

/** Every object's keys in reverse order, at any depth: how MariaDB may give a JSON document back. */
const reordered = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reordered);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reordered(v)]),
    );
  return value;
};

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, drops undefined properties, adds no whitespace', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: null }], a: '文', e: undefined })).toBe(
      '{"a":"文","b":[3,{"c":null,"d":1}]}',
    );
  });

  it('is one text for one value, whatever the order of its keys (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reordered(value))).toBe(canonicalJson(value));
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});

describe('an audit entry’s hash', () => {
  it('is SHA-256 of the previous hash followed by the entry’s fields as canonical JSON, `at` to the second', () => {
    const text =
      '{"action":"org.updated","actorId":7,"actorRole":"applicant",' +
      '"after":{"contactPhone":"13912345678","name":"聊城优品电商"},"at":"2026-06-15T02:00:07Z",' +
      '"before":{"contactPhone":"13912345678","name":"聊城“优品”电商"},"entity":"org","entityId":"3",' +
      '"id":42,"orgId":3,"requestId":null}';
    expect(chainedJson(ENTRY)).toBe(text);
    expect(entryHash(GENESIS_HASH, ENTRY)).toBe(
      createHash('sha256').update(`${GENESIS_HASH}${text}`, 'utf8').digest('hex'),
    );
    expect(entryHash(GENESIS_HASH, ENTRY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the entry read back: cut to the second, JSON keys reordered', () => {
    const readBack = {
      ...ENTRY,
      at: toChainSecond(ENTRY.at),
      before: reordered(ENTRY.before),
      after: reordered(ENTRY.after),
    };
    expect(entryHash('a'.repeat(64), readBack)).toBe(entryHash('a'.repeat(64), ENTRY));
    expect(toChainSecond(ENTRY.at).toISOString()).toBe('2026-06-15T02:00:07.000Z');
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['id', { id: 43 }],
    ['at, by a second', { at: new Date('2026-06-15T02:00:08.000Z') }],
    ['actor', { actorId: 8 }],
    ['role', { actorRole: 'admin' }],
    ['action', { action: 'org.registered' }],
    ['entity', { entity: 'facts' }],
    ['entity id', { entityId: '4' }],
    ['firm', { orgId: null }],
    ['before', { before: { name: '聊城“优品”电商', contactPhone: '13912345679' } }],
    ['after', { after: null }],
    ['request', { requestId: '2b6c1f3e-6f1a-4f5e-9d5c-1d2b3c4d5e6f' }],
  ])('changes when the %s changes', (_, change) => {
    expect(entryHash(GENESIS_HASH, { ...ENTRY, ...change })).not.toBe(entryHash(GENESIS_HASH, ENTRY));
  });

  it('changes with the previous hash: an entry cannot be moved to another place in the chain', () => {
    expect(entryHash('f'.repeat(64), ENTRY)).not.toBe(entryHash(GENESIS_HASH, ENTRY));
  });

  it('of what is written equals that of what a JSON column gives back (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withNullPrototype: false }), (value) => {
        const written = asStoredJson(value);
        const readBack = reordered(JSON.parse(JSON.stringify(written)));
        expect(entryHash(GENESIS_HASH, { ...ENTRY, after: readBack })).toBe(
          entryHash(GENESIS_HASH, { ...ENTRY, after: written }),
        );
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('asStoredJson keeps what JSON keeps: dates as text, no undefined properties, undefined as null', () => {
    expect(asStoredJson({ at: new Date('2026-06-15T02:00:00Z'), gone: undefined, n: 1 })).toEqual({
      at: '2026-06-15T02:00:00.000Z',
      n: 1,
    });
    expect(asStoredJson(undefined)).toBeNull();
  });
});
