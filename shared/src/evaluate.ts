import { type ProgramId } from './contracts/catalogue';
import {
  type EditionSummary,
  type EvaluationRequest,
  type EvaluationResponse,
  type ProgramResult,
  type ProgramScreening,
  type ScreeningResponse,
} from './contracts/evaluation';
import { type FactVector, toFactVector } from './contracts/facts';
import { type Material } from './editions/materials';
import { cloneJson } from './json';
import { editionFor } from './editions/registry';
import { type Edition } from './editions/schema';
import { type CompiledProgram, compileEdition } from './rules/compile';
import { formatDateZh } from './validation/dates';
import { readEvaluationRequest } from './validation/requests';

export interface EvaluateOptions {
  /** Editions to choose from (the API passes its published ones); the built-in ones otherwise. */
  editions?: readonly Edition[];
}

export const editionSummary = (edition: Edition): EditionSummary => compileEdition(edition).summary;

/** Runs `step` on every compiled program of the claim year's edition that was asked for. */
const run = <R>(
  claimYear: number,
  wanted: readonly ProgramId[] | undefined,
  options: EvaluateOptions,
  step: (program: CompiledProgram) => R,
): { claimYear: number; edition: EditionSummary; programs: R[] } => {
  const compiled = compileEdition(editionFor(claimYear, options.editions));
  const all = compiled.programs;
  const programs: R[] = [];
  for (let i = 0; i < all.length; i++) {
    const program = all[i] as CompiledProgram;
    if (!wanted || wanted.includes(program.programId)) programs.push(step(program));
  }
  return { claimYear, edition: compiled.summary, programs };
};

const traced =
  (facts: FactVector) =>
  (program: CompiledProgram): ProgramResult =>
    program.evaluate(facts);
const screened =
  (facts: FactVector) =>
  (program: CompiledProgram): ProgramScreening =>
    program.screen(facts);

/**
 * The evaluation contract: validates the request (INVALID_REQUEST), finds the edition in
 * force for the claim year (NO_EDITION), and evaluates every paying program of it, or those
 * asked for, in the order of the measures, each with its trace. Pure and deterministic.
 */
export const evaluate = (input: unknown, options: EvaluateOptions = {}): EvaluationResponse => {
  const request = readEvaluationRequest(input);
  return run(request.claimYear, request.programs, options, traced(request.facts));
};

/**
 * The same decisions without traces, for screening many firms at once (a draft edition's
 * effect on every firm, 免申即享 matching). Validates like `evaluate`.
 */
export const screen = (input: unknown, options: EvaluateOptions = {}): ScreeningResponse => {
  const request = readEvaluationRequest(input);
  return run(request.claimYear, request.programs, options, screened(request.facts));
};

/**
 * `evaluate` for a request whose facts were validated before (when they were stored): skips
 * validation, so it must never be given input straight from outside.
 */
export const evaluateValidated = (request: EvaluationRequest, options: EvaluateOptions = {}): EvaluationResponse =>
  run(request.claimYear, request.programs, options, traced(toFactVector(request.facts)));

/** `screen` for already validated facts; the same caution as `evaluateValidated`. */
export const screenValidated = (request: EvaluationRequest, options: EvaluateOptions = {}): ScreeningResponse =>
  run(request.claimYear, request.programs, options, screened(toFactVector(request.facts)));

/** What a program asks and pays, as its rule reads the edition: for catalogues and forms. */
export interface ProgramDescription {
  programId: ProgramId;
  measure: number;
  title: string;
  poolId: string;
  pool: { title: string; capFen: number; clause: string } | null;
  oneOff: boolean;
  /** The award before caps; amountFen is null when it depends on the firm's figures (二). */
  award: { amountFen: number | null; clause: string; explanation: string };
  /** Every condition, with its clause and the facts it reads. */
  conditions: { id: string; clause: string; expected: string; facts: readonly string[]; explanation: string }[];
  caps: { id: string; clause: string; amountFen: number | null; explanation: string }[];
  /** The files an applicant submits, as the edition lists them; `proves` names ids of `conditions` and `caps`. */
  materials: Material[];
}

/**
 * When firms can apply under an edition, in one sentence: its window, or that no application
 * round has been published (当年 figures exist only after the year ends; the city opens a round).
 */
export const describeApplicationWindow = (edition: Edition): string =>
  edition.applicationWindow
    ? `申报时间为${formatDateZh(edition.applicationWindow.opens)}至${formatDateZh(edition.applicationWindow.closes)}`
    : `${edition.claimYear}年度的申报批次尚未公布，公布后才能提交申报`;

/**
 * Describes every paying program of an edition by evaluating it for a firm that has said
 * nothing: what comes back unknown is exactly what the program asks for.
 */
export const describePrograms = (edition: Edition): ProgramDescription[] => {
  const nothing = toFactVector({});
  return compileEdition(edition).programs.map((program) => {
    const r = JSON.parse(JSON.stringify(program.evaluate(nothing))) as ProgramResult;
    const pool = edition.pools[r.poolId];
    return {
      programId: r.programId,
      measure: r.measure,
      title: r.title,
      poolId: r.poolId,
      pool: pool ? { title: pool.title, capFen: pool.capFen, clause: pool.clause } : null,
      oneOff: r.oneOff,
      award: r.award,
      conditions: r.conditions.map(({ id, clause, expected, facts, explanation }) => ({
        id,
        clause,
        expected,
        facts,
        explanation,
      })),
      caps: r.caps,
      // A copy, like the rest of the description: the edition itself is frozen.
      materials: cloneJson(edition.programs[r.programId]?.materials ?? []),
    };
  });
};

export type { EvaluationRequest };
