import {
  countyName,
  type CountyId,
  FACT_DEFS,
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
  type UnifiedOperation,
} from '@huiqi/shared';

// Facts as the pages show and send them, for 企业档案, 场地登记 and the 申报 draft alike.

const list = (values: unknown, name: (id: string) => string): string =>
  Array.isArray(values) ? (values.length ? values.map((v) => name(String(v))).join('、') : '无') : String(values);

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

/**
 * What to send so that facts stored as `before` hold `after` on the fields shown: only what
 * differs, and null for a field the user emptied (an absent fact is unknown, never zero). Fields
 * with an error are left out: nothing is sent for them until they are fixed.
 */
export const changedFacts = (
  before: Facts,
  after: Facts,
  fields: readonly { name: FactName }[],
  errors: Partial<Record<FactName, string>>,
): Partial<Record<FactName, unknown>> => {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changes: Partial<Record<FactName, unknown>> = {};
  for (const { name } of fields) {
    if (errors[name] !== undefined) continue;
    const value = now[name];
    if (value === undefined) {
      if (was[name] !== undefined && was[name] !== null) changes[name] = null;
    } else if (JSON.stringify(value) !== JSON.stringify(was[name])) changes[name] = value;
  }
  return changes;
};
