import { PROGRAM_IDS, type ProgramId } from './contracts/catalogue';
import {
  type EditionSummary,
  type EvaluationRequest,
  type EvaluationResponse,
  type ProgramResult,
} from './contracts/evaluation';
import { type Facts } from './contracts/facts';
import { editionFor } from './editions/registry';
import { type Edition, type ProgramEdition } from './editions/schema';
import { RULES } from './rules';
import { type Rule } from './rules/rule';
import { Trace } from './rules/trace';
import { parseEvaluationRequest } from './validation/requests';

export interface EvaluateOptions {
  /** Editions to choose from (the API passes its published ones); the built-in ones otherwise. */
  editions?: readonly Edition[];
}

export const editionSummary = (edition: Edition): EditionSummary => ({
  id: edition.id,
  title: edition.title,
  validFrom: edition.validFrom,
  validTo: edition.validTo,
});

/** Evaluates one program of an edition against already validated facts. */
export const evaluateProgram = <P extends ProgramId>(
  programId: P,
  facts: Facts,
  edition: Edition,
): ProgramResult | null => {
  const program = edition.programs[programId] as ProgramEdition<P> | undefined;
  if (!program) return null;
  const trace = new Trace(programId, program, facts, edition);
  (RULES[programId] as Rule<P>)(trace);
  return trace.finish();
};

/**
 * The evaluation contract: validates the request (INVALID_REQUEST), finds the edition in
 * force for the claim year (NO_EDITION), and evaluates every paying program of it, or those
 * asked for, in the order of the measures. Pure and deterministic.
 */
export const evaluate = (input: unknown, options: EvaluateOptions = {}): EvaluationResponse => {
  const request = parseEvaluationRequest(input);
  const edition = editionFor(request.claimYear, options.editions);
  const wanted = request.programs;
  const programs: ProgramResult[] = [];
  for (const id of PROGRAM_IDS) {
    if (wanted && !wanted.includes(id)) continue;
    const result = evaluateProgram(id, request.facts, edition);
    if (result) programs.push(result);
  }
  return { claimYear: request.claimYear, edition: editionSummary(edition), programs };
};

export type { EvaluationRequest };
