import fc from 'fast-check';
import { type Schema } from './contract.js';

const COMPONENTS = '#/components/schemas/';

/**
 * Values a JSON Schema of the document accepts, mostly: strings to their pattern and length,
 * integers in their range, objects with every required field and some optional ones, arrays of
 * their items. What the schema cannot say (a credit code's check character, a date's calendar,
 * a draft that stays a valid edition) is left to chance, so the API's own validation is reached
 * both ways. `definitions` resolves `$ref`s; deeper than `depth`, anything JSON goes.
 */
export const arbitraryOf = (schema: Schema, definitions: Record<string, Schema>, depth = 6): fc.Arbitrary<unknown> => {
  if (depth <= 0) return fc.jsonValue({ maxDepth: 1 });
  const next = (s: Schema): fc.Arbitrary<unknown> => arbitraryOf(s, definitions, depth - 1);
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = definitions[ref.slice(COMPONENTS.length)];
    if (!target) throw new Error(`no schema for ${ref}`);
    return arbitraryOf(target, definitions, depth);
  }
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if (Array.isArray(schema['anyOf'])) return fc.oneof(...(schema['anyOf'] as Schema[]).map(next));
  const type = schema['type'];
  if (Array.isArray(type))
    return fc.oneof(...(type as string[]).map((t) => arbitraryOf({ ...schema, type: t }, definitions, depth)));
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: typeof schema['minimum'] === 'number' ? schema['minimum'] : -1_000,
        max: typeof schema['maximum'] === 'number' ? schema['maximum'] : 100_000_000_000,
      });
    case 'number':
      return fc.oneof(
        fc.integer({ min: 0, max: 100_000_000_000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      );
    case 'string': {
      if (typeof schema['pattern'] === 'string') return fc.stringMatching(new RegExp(schema['pattern']));
      const maxLength = typeof schema['maxLength'] === 'number' ? Math.min(schema['maxLength'], 40) : 40;
      const minLength = typeof schema['minLength'] === 'number' ? Math.min(schema['minLength'], maxLength) : 0;
      return fc.oneof(
        fc.string({ unit: 'grapheme', minLength, maxLength }),
        fc.constantFrom('2026-06-15', '2020-01-01', 'linqing', 'ecommerce', '测试企业有限公司', '王法人'),
      );
    }
    case 'array': {
      const items = next((schema['items'] as Schema | undefined) ?? {});
      const minLength = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      return schema['uniqueItems'] === true
        ? fc.uniqueArray(items, { minLength, maxLength: minLength + 4, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength: minLength + 4 });
    }
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = (schema['required'] ?? []) as string[];
      const fields = fc.record(Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, next(s)])), {
        requiredKeys: required,
      });
      const rest = schema['additionalProperties'];
      if (typeof rest !== 'object' || rest === null) return fields;
      // A record of anything (a merge patch): a few keys of their own beside the declared ones.
      return fc
        .tuple(fields, fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), next(rest as Schema), { maxKeys: 3 }))
        .map(([declared, extra]) => ({ ...extra, ...declared }));
    }
    default:
      // No type: any JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
};
