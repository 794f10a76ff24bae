import { PolicyError } from '../contracts/errors';
import { type ProgramScreening } from '../contracts/evaluation';
import { screen } from '../evaluate';

/**
 * One input line of `policy match --summary`, answered: the JSON of its output line, and for a
 * bad line the Chinese message for standard error. The output line is
 * `{"line":N,"claimYear":Y,"programs":[…]}`, one entry per program with the decisions of
 * `screen()` (no traces): `{"programId","status","maxAmountFen","missingFacts"}` for an eligible
 * or undetermined program, `{"programId","status":"ineligible"}` for an ineligible one (its
 * maximum is always null, and what it lacks does not make it eligible: the policy reading lets
 * screens leave that out, and most of a firm's programs are ineligible). A bad line answers
 * `{"line":N,"error":{code,message,details}}`.
 */
export type LineAnswer = { json: string; error: null } | { json: string; error: string };

/** Reads one request; invalid JSON is a bad request like any other, named by its line. */
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PolicyError('INVALID_REQUEST', `请求不是有效的 JSON：${(e as Error).message}`, [
      { field: '(request)', message: '请检查 JSON 格式（引号、逗号、括号）' },
    ]);
  }
};

/** The message of a refused request, one line per offending field, as the other commands print it. */
export const describeError = (error: PolicyError): string =>
  [error.message, ...error.details.map((d) => `  - ${d.field}：${d.message}`)].join('\n');

// Written by hand rather than by JSON.stringify: a million lines of nine programs each, and every
// piece but the line number, the year and the maximum repeats. Missing-fact lists are shared frozen
// arrays (one per set of facts a program lacks), so their JSON is kept per list.
const missingJson = new WeakMap<readonly string[], string>();
const programHead = new Map<string, string>();
const ineligible = new Map<string, string>();

const ineligibleJson = (programId: string): string => {
  let json = ineligible.get(programId);
  if (json === undefined) {
    json = `{"programId":${JSON.stringify(programId)},"status":"ineligible"}`;
    ineligible.set(programId, json);
  }
  return json;
};

const programJson = (p: ProgramScreening): string => {
  if (p.status === 'ineligible') return ineligibleJson(p.programId);
  const key = `${p.programId}\u0000${p.status}`;
  let head = programHead.get(key);
  if (head === undefined) {
    head = `{"programId":${JSON.stringify(p.programId)},"status":${JSON.stringify(p.status)},"maxAmountFen":`;
    programHead.set(key, head);
  }
  let missing = missingJson.get(p.missingFacts);
  if (missing === undefined) {
    missing = JSON.stringify(p.missingFacts);
    missingJson.set(p.missingFacts, missing);
  }
  return `${head}${p.maxAmountFen === null ? 'null' : p.maxAmountFen},"missingFacts":${missing}}`;
};

/** Answers one line (already known not to be blank) numbered `line` in its input. */
export const answerLine = (line: number, text: string): LineAnswer => {
  try {
    const { claimYear, programs } = screen(parse(text));
    let json = `{"line":${line},"claimYear":${claimYear},"programs":[`;
    for (let i = 0; i < programs.length; i++) json += (i > 0 ? ',' : '') + programJson(programs[i] as ProgramScreening);
    return { json: `${json}]}`, error: null };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return { json: JSON.stringify({ line, error: e.toJSON() }), error: `第${line}行：${describeError(e)}` };
  }
};
