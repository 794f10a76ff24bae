import {
  type ApiClient,
  type ApplicationView,
  builtInEditions,
  evaluate,
  FACT_DEFS,
  FACT_NAMES,
  type FactName,
  type Facts,
  type ProgramResult,
} from '@huiqi/shared';
import Taro from '@tarojs/taro';
import { type Field, fieldsOf, type Inputs } from '../../calculator/form';
import { formatFactValue } from '../../facts/values';

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

/** The facts of a snapshot in the catalogue's order, with their labels. */
export const factRows = (facts: Facts): { name: FactName; label: string; value: string }[] =>
  FACT_NAMES.filter((name) => (facts as Record<string, unknown>)[name] !== undefined).map((name) => ({
    name,
    label: FACT_DEFS[name]?.label ?? name,
    value: formatFactValue(name, (facts as Record<string, unknown>)[name]) ?? '未填写',
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
