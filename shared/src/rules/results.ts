import { type ProgramId } from '../contracts/catalogue';
import {
  type AwardResult,
  type CapResult,
  type ConditionResult,
  type ConditionStatus,
  type ProgramResult,
  type ProgramStatus,
} from '../contracts/evaluation';
import { type FactName } from '../contracts/facts';

// Results whose data is computed eagerly and whose Chinese prose is rendered on first read.
// Everything a program decides on (status, actual, amounts) is an own property; only
// `explanation` / `summary` are getters, cached once rendered. JSON.stringify calls toJSON,
// so the wire format is exactly the contract's, in the contract's key order.

/** Renders a condition's explanation from its status and the firm's value. */
export type Explain = (status: ConditionStatus, actual: unknown) => string;

export class RenderedCondition implements ConditionResult {
  #explain: Explain;
  #text: string | undefined;

  constructor(
    readonly id: string,
    readonly clause: string,
    readonly measure: number,
    readonly status: ConditionStatus,
    readonly expected: string,
    readonly actual: unknown,
    readonly facts: readonly FactName[],
    explain: Explain,
  ) {
    this.#explain = explain;
  }

  get explanation(): string {
    return (this.#text ??= this.#explain(this.status, this.actual));
  }

  toJSON(): ConditionResult {
    const { id, clause, measure, status, expected, actual, facts, explanation } = this;
    return { id, clause, measure, status, expected, actual, facts, explanation };
  }
}

/** Renders an amount's explanation from the fact it was computed from and the amount. */
export type RenderAmount = (input: number, amountFen: number) => string;

/** An award or cap computed from a fact, its explanation rendered when first read. */
abstract class RenderedAmount {
  #input: number;
  #render: RenderAmount;
  #text: string | undefined;
  constructor(
    readonly amountFen: number,
    readonly clause: string,
    input: number,
    render: RenderAmount,
  ) {
    this.#input = input;
    this.#render = render;
  }
  get explanation(): string {
    return (this.#text ??= this.#render(this.#input, this.amountFen));
  }
}

export class RenderedCap extends RenderedAmount implements CapResult {
  constructor(
    readonly id: string,
    clause: string,
    amountFen: number,
    input: number,
    render: RenderAmount,
  ) {
    super(amountFen, clause, input, render);
  }
  toJSON(): CapResult {
    return { id: this.id, clause: this.clause, amountFen: this.amountFen, explanation: this.explanation };
  }
}

export class RenderedAward extends RenderedAmount implements AwardResult {
  toJSON(): AwardResult {
    return { amountFen: this.amountFen, clause: this.clause, explanation: this.explanation };
  }
}

/** What a program's results repeat from the edition. */
export interface ProgramIdentity {
  programId: ProgramId;
  measure: number;
  title: string;
  poolId: string;
  oneOff: boolean;
}

export class RenderedProgram implements ProgramResult {
  #summarise: (result: RenderedProgram) => string;
  #text: string | undefined;
  readonly programId: ProgramId;
  readonly measure: number;
  readonly title: string;
  readonly poolId: string;
  readonly oneOff: boolean;

  constructor(
    program: ProgramIdentity,
    readonly status: ProgramStatus,
    readonly maxAmountFen: number | null,
    readonly award: AwardResult,
    readonly conditions: ConditionResult[],
    readonly caps: CapResult[],
    readonly missingFacts: readonly FactName[],
    summarise: (result: RenderedProgram) => string,
  ) {
    this.programId = program.programId;
    this.measure = program.measure;
    this.title = program.title;
    this.poolId = program.poolId;
    this.oneOff = program.oneOff;
    this.#summarise = summarise;
  }

  get summary(): string {
    return (this.#text ??= this.#summarise(this));
  }

  toJSON(): ProgramResult {
    return {
      programId: this.programId,
      measure: this.measure,
      title: this.title,
      status: this.status,
      maxAmountFen: this.maxAmountFen,
      poolId: this.poolId,
      oneOff: this.oneOff,
      award: this.award,
      conditions: this.conditions,
      caps: this.caps,
      missingFacts: this.missingFacts,
      summary: this.summary,
    };
  }
}
