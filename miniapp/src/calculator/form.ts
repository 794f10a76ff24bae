import {
  builtInEditions,
  COUNTIES,
  evaluate,
  FACT_DEFS,
  FACT_NAMES,
  type FactKind,
  type FactName,
  type Facts,
  type EvaluationResponse,
  isIsoDate,
  ORG_TYPES,
  parseFacts,
  PLATFORMS,
  PolicyError,
  type ProgramId,
  type ProgramResult,
  UNIFIED_OPERATIONS,
  usccProblem,
  usccProblemMessage,
} from '@huiqi/shared';
import { bpToPercentText, fenToYuanText, type Parsed, parseCount, parsePercent, parseYear, parseYuan } from './numbers';

/**
 * What a field holds while the user edits it: the text typed (numbers, dates, codes), the ids
 * chosen (lists, county), or yes/no. Absent or empty: unknown, never false or zero.
 */
export type FieldValue = string | string[] | boolean;
export type Inputs = Partial<Record<FactName, FieldValue>>;

export interface Choice {
  id: string;
  name: string;
}

/** One form field, derived from the fact catalogue: nothing here is written per program. */
export interface Field {
  name: FactName;
  kind: FactKind;
  label: string;
  /** The unit the user types in (元 and % rather than the wire's 分 and 基点). */
  unit?: string;
  /** The ids to pick from, for lists and the county. */
  choices?: readonly Choice[];
}

const CHOICES: Partial<Record<FactKind, readonly Choice[]>> = {
  'org-types': ORG_TYPES,
  platforms: PLATFORMS,
  operations: UNIFIED_OPERATIONS,
  county: COUNTIES,
};

const inputUnit = (kind: FactKind, unit: string | undefined): string | undefined => {
  if (kind === 'fen') return '元';
  if (kind === 'share-bp') return '%';
  if (kind === 'year') return '年';
  return unit;
};

/** The claim years the app can check by itself (its built-in editions), newest first. */
export const claimYears = (): number[] =>
  [...new Set(builtInEditions().map((edition) => edition.claimYear))].sort((a, b) => b - a);

/**
 * The facts the chosen programs ask for, in the catalogue's order: whatever the rules report
 * unknown for a firm that has said nothing (conditions, the award's figures, the caps' figures).
 */
export const fieldsFor = (claimYear: number, programs: readonly ProgramId[] | 'all'): Field[] =>
  fieldsOf(evaluate({ claimYear, facts: {}, ...(programs === 'all' ? {} : { programs: [...programs] }) }).programs);

/** The fields of the facts these results (for a firm that said nothing) read: any edition's, the API's too. */
export const fieldsOf = (results: readonly ProgramResult[]): Field[] => {
  const wanted = new Set<string>();
  for (const program of results) {
    for (const name of program.missingFacts) wanted.add(name);
    for (const condition of program.conditions) for (const name of condition.facts) wanted.add(name);
  }
  return FACT_NAMES.filter((name) => wanted.has(name)).map(fieldOf);
};

/** A fact's form field, from the catalogue alone (企业档案 and 场地登记 edit facts by name). */
export const fieldOf = (name: FactName): Field => {
  const def = FACT_DEFS[name];
  if (!def) throw new Error(`unknown fact ${name}`);
  const unit = inputUnit(def.kind, def.unit);
  const choices = CHOICES[def.kind];
  return { name, kind: def.kind, label: def.label, ...(unit ? { unit } : {}), ...(choices ? { choices } : {}) };
};

const readText = (kind: FactKind, text: string): Parsed | { ok: true; value: string } => {
  switch (kind) {
    case 'fen':
      return parseYuan(text);
    case 'share-bp':
      return parsePercent(text);
    case 'count':
      return parseCount(text);
    case 'year':
      return parseYear(text);
    case 'date':
      return isIsoDate(text.trim())
        ? { ok: true, value: text.trim() }
        : { ok: false, message: '请选择日期，或按“2023-06-30”的格式填写' };
    case 'uscc': {
      const code = text.trim().toUpperCase();
      const problem = usccProblem(code);
      return problem ? { ok: false, message: usccProblemMessage(problem) } : { ok: true, value: code };
    }
    default:
      return { ok: true, value: text };
  }
};

export interface ReadResult {
  facts: Facts;
  /** Field name → what to fix, in Chinese. A field with an error is left out of `facts`. */
  errors: Partial<Record<FactName, string>>;
}

/**
 * The facts of the fields on screen, as the wire writes them, checked by the shared validators
 * (the same ones the API runs). Fields not on screen are kept in the inputs but not sent.
 */
export const readInputs = (inputs: Inputs, fields: readonly Field[]): ReadResult => {
  const facts: Record<string, unknown> = {};
  const errors: Partial<Record<FactName, string>> = {};
  for (const field of fields) {
    const value = inputs[field.name];
    if (value === undefined || value === '') continue;
    if (typeof value === 'boolean') facts[field.name] = value;
    else if (Array.isArray(value)) {
      if (value.length > 0) facts[field.name] = value;
    } else if (field.kind === 'county') facts[field.name] = value;
    else {
      const parsed = readText(field.kind, value);
      if (parsed.ok) facts[field.name] = parsed.value;
      else errors[field.name] = parsed.message;
    }
  }
  try {
    return { facts: parseFacts(facts), errors };
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    // The shared validators refused a value the form let through: name the field, drop the value.
    for (const detail of error.details) {
      const name = detail.field.replace(/^facts\./, '').split('.')[0] as FactName;
      errors[name] ??= detail.message;
    }
    const kept = Object.fromEntries(Object.entries(facts).filter(([name]) => errors[name as FactName] === undefined));
    return { facts: parseFacts(kept), errors };
  }
};

/** A shared result's facts back into the form (fen → yuan text, bp → percent text). */
export const inputsFromFacts = (facts: Facts): Inputs => {
  const inputs: Inputs = {};
  for (const [name, value] of Object.entries(facts) as [FactName, unknown][]) {
    const kind = FACT_DEFS[name]?.kind;
    if (kind === undefined || value === undefined || value === null) continue;
    if (typeof value === 'boolean' || Array.isArray(value)) inputs[name] = value as boolean | string[];
    else if (kind === 'fen' && typeof value === 'number') inputs[name] = fenToYuanText(value);
    else if (kind === 'share-bp' && typeof value === 'number') inputs[name] = bpToPercentText(value);
    else inputs[name] = String(value);
  }
  return inputs;
};

/** The shared rules on the facts, as the API would answer (the API's answer counts when applying). */
export const check = (claimYear: number, programs: readonly ProgramId[] | 'all', facts: Facts): EvaluationResponse =>
  evaluate({ claimYear, facts, ...(programs === 'all' ? {} : { programs: [...programs] }) });
