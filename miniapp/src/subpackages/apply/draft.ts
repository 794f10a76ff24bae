import {
  type ApiClient,
  type ApplicationView,
  builtInEditions,
  countyName,
  type CountyId,
  evaluate,
  FACT_DEFS,
  FACT_NAMES,
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
  type ProgramResult,
  type UnifiedOperation,
  type UpdateApplicationRequest,
} from '@huiqi/shared';
import Taro from '@tarojs/taro';
import { type Field, fieldsOf, type Inputs } from '../../calculator/form';

/**
 * The rules for a draft, run in the app as the calculator runs them: the edition the application
 * was made under when the app ships it, else the API's (a published edition the app has not got,
 * such as this year's). Either way only a preview: the API's answer at submission counts.
 */
const builtInFor = (application: ApplicationView) => builtInEditions().find((e) => e.id === application.editionId);

export const evaluateDraft = async (
  client: ApiClient,
  application: ApplicationView,
  facts: Facts,
): Promise<ProgramResult | null> => {
  const request = { claimYear: application.claimYear, facts, programs: [application.programId] };
  const edition = builtInFor(application);
  const answer = edition
    ? evaluate(request, { editions: [edition] })
    : await client.evaluateEligibility({ body: request });
  return answer.programs[0] ?? null;
};

/** The facts the program reads, as form fields (those the rules call unknown for a firm that said nothing). */
export const draftFields = async (client: ApiClient, application: ApplicationView): Promise<Field[]> => {
  const empty = await evaluateDraft(client, application, {});
  return empty ? fieldsOf([empty]) : [];
};

/** What to send so the draft holds `facts` for the fields on screen: changed values, null for cleared ones. */
export const factChanges = (
  snapshot: Facts,
  facts: Facts,
  fields: readonly Field[],
  errors: Partial<Record<FactName, string>>,
): NonNullable<UpdateApplicationRequest['facts']> => {
  const changes: Record<string, unknown> = {};
  const before = snapshot as Record<string, unknown>;
  const after = facts as Record<string, unknown>;
  for (const { name } of fields) {
    if (errors[name] !== undefined) continue;
    const was = before[name];
    const now = after[name];
    if (now === undefined) {
      if (was !== undefined) changes[name] = null;
    } else if (JSON.stringify(now) !== JSON.stringify(was)) changes[name] = now;
  }
  return changes as NonNullable<UpdateApplicationRequest['facts']>;
};

/** A fact's value in words, as a shop owner reads it (元, %, 是/否, names rather than ids). */
export const formatFact = (name: FactName, value: unknown): string => {
  const kind = FACT_DEFS[name]?.kind;
  const unit = FACT_DEFS[name]?.unit;
  if (value === undefined || value === null) return '未填写';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (kind === 'fen' && typeof value === 'number') return formatFen(value);
  if (kind === 'share-bp' && typeof value === 'number') return formatBasisPoints(value);
  if ((kind === 'count' || kind === 'year') && typeof value === 'number')
    return `${kind === 'year' ? String(value) : formatCount(value)}${unit ? ` ${unit}` : kind === 'year' ? '年' : ''}`;
  if (kind === 'date' && typeof value === 'string') return formatDateZh(value);
  if (kind === 'county' && typeof value === 'string') return countyName(value as CountyId);
  if (Array.isArray(value)) {
    const nameOf = (id: string): string => {
      if (kind === 'org-types') return orgTypeName(id as OrgType);
      if (kind === 'platforms') return platformName(id as PlatformId);
      if (kind === 'operations') return operationName(id as UnifiedOperation);
      return id;
    };
    return value.length ? value.map((v) => nameOf(String(v))).join('、') : '无';
  }
  return String(value);
};

/** The facts of a snapshot in the catalogue's order, with their labels. */
export const factRows = (facts: Facts): { name: FactName; label: string; value: string }[] =>
  FACT_NAMES.filter((name) => (facts as Record<string, unknown>)[name] !== undefined).map((name) => ({
    name,
    label: FACT_DEFS[name]?.label ?? name,
    value: formatFact(name, (facts as Record<string, unknown>)[name]),
  }));

// What was typed into a draft's facts, kept on the device until saved: a lost network loses nothing.
const inputsKey = (applicationId: number): string => `huiqi.apply-inputs.v1.${applicationId}`;

export const loadInputs = (applicationId: number): Inputs | null => {
  try {
    const value: unknown = Taro.getStorageSync(inputsKey(applicationId));
    return typeof value === 'object' && value !== null ? (value as Inputs) : null;
  } catch {
    return null;
  }
};

export const saveInputs = (applicationId: number, inputs: Inputs | null): void => {
  if (inputs === null) Taro.removeStorageSync(inputsKey(applicationId));
  else Taro.setStorageSync(inputsKey(applicationId), inputs);
};

/** An ISO instant as a date in Asia/Shanghai (UTC+8 all year): 2026年6月15日. */
export const dayOf = (instant: string): string =>
  formatDateZh(new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10));
