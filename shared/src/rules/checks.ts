import { type AwardResult, type CapResult, type ConditionResult, type ConditionStatus } from '../contracts/evaluation';
import { type FactName, type FactVector } from '../contracts/facts';
import { type Explain, RenderedCondition } from './results';

/**
 * One condition of a program, compiled for one edition: every text that depends only on the
 * edition (clause, expectation, labels, the explanation of an unknown) is built once, so
 * evaluating a firm allocates only what depends on the firm's own values.
 */
export interface Check {
  readonly id: string;
  /** Index of the fact an `unknown` answer asks for; -1 when the check reads no fact. */
  readonly needs: number;
  /** That fact's name, for missingFacts; null when the check reads no fact. */
  readonly fact: FactName | null;
  /** The status alone, allocating nothing: what screening many firms needs. */
  judge(facts: FactVector): ConditionStatus;
  /** The trace entry for the status `judge` gave. */
  answer(status: ConditionStatus, facts: FactVector): ConditionResult;
}

/** A cap or award whose amount may depend on a fact, asked for (`needs`) while it is unknown. */
export interface Amount<R> {
  /** Index of the fact, or -1 for an amount fixed by the edition. */
  readonly needs: number;
  readonly fact: FactName | null;
  /** What a summary adds while the fact is unknown (还受……的限制，请填写……); null for a fixed amount. */
  readonly pending: string | null;
  /** The amount alone (null while its fact is unknown), allocating nothing. */
  amountOf(facts: FactVector): number | null;
  evaluate(facts: FactVector): R;
}

const freeze = <T extends object>(value: T): T => Object.freeze(value);

/**
 * A fact as a check reads it: its name and its slot in the FactVector. The rule builder resolves
 * names against the fact catalogue, so checks work with a vector of any length.
 */
export interface FactRef {
  name: FactName;
  index: number;
  /** Chinese label, for the texts of yes/no checks. */
  label: string;
}

/** Everything a check on one fact needs besides its test, prepared once per edition. */
export interface OneFactSpec {
  id: string;
  clause: string;
  measure: number;
  fact: FactRef;
  /** Machine-readable expectation shown in the trace, e.g. ">= 10000000000". */
  expected: string;
  /** The explanation of an unknown answer. */
  unknown: string;
  /** Renders the explanation of a met or unmet answer from the firm's value. */
  explain: Explain;
}

/** What every check on one fact shares: where the fact is, and the constant parts of its results. */
abstract class OneFactCheck implements Check {
  readonly id: string;
  readonly needs: number;
  readonly fact: FactName;
  private readonly facts: readonly FactName[];
  private readonly unknown: ConditionResult;

  constructor(private readonly spec: OneFactSpec) {
    this.id = spec.id;
    this.needs = spec.fact.index;
    this.fact = spec.fact.name;
    this.facts = freeze([spec.fact.name]);
    const { id, clause, measure, expected } = spec;
    this.unknown = freeze({
      id,
      clause,
      measure,
      status: 'unknown',
      expected,
      actual: null,
      facts: this.facts,
      explanation: spec.unknown,
    });
  }

  answer(status: ConditionStatus, facts: FactVector): ConditionResult {
    if (status === 'unknown') return this.unknown;
    const { id, clause, measure, expected, explain } = this.spec;
    return new RenderedCondition(id, clause, measure, status, expected, facts[this.needs], this.facts, explain);
  }

  abstract judge(facts: FactVector): ConditionStatus;
}

/** A number that must be at least `min` (以上, 不少于; 超过 N is compiled as at least N + 1). */
export class AtLeastCheck extends OneFactCheck {
  constructor(
    spec: OneFactSpec,
    private readonly min: number,
  ) {
    super(spec);
  }

  judge(facts: FactVector): ConditionStatus {
    const value = facts[this.needs] as number | undefined;
    return value === undefined ? 'unknown' : value >= this.min ? 'met' : 'unmet';
  }
}

/** A condition on one fact decided by its own test (dates, lists). */
export class FactCheck<T> extends OneFactCheck {
  constructor(
    spec: OneFactSpec,
    private readonly test: (value: T) => boolean,
  ) {
    super(spec);
  }

  judge(facts: FactVector): ConditionStatus {
    const value = facts[this.needs] as T | undefined;
    return value === undefined ? 'unknown' : this.test(value) ? 'met' : 'unmet';
  }
}

/** The applicant's kinds must include one the measure is for (a short list against a short list). */
export class AnyOfCheck extends OneFactCheck {
  constructor(
    spec: OneFactSpec,
    private readonly wanted: readonly string[],
  ) {
    super(spec);
  }

  judge(facts: FactVector): ConditionStatus {
    const value = facts[this.needs] as readonly string[] | undefined;
    if (value === undefined) return 'unknown';
    for (let i = 0; i < value.length; i++) if (this.wanted.indexOf(value[i] as string) >= 0) return 'met';
    return 'unmet';
  }
}

/** A yes/no fact that must be true: all three answers are constants of the edition. */
export class TrueCheck implements Check {
  readonly needs: number;
  readonly fact: FactName;
  private readonly unknown: ConditionResult;
  private readonly met: ConditionResult;
  private readonly unmet: ConditionResult;

  constructor(
    readonly id: string,
    clause: string,
    measure: number,
    { name, index, label }: FactRef,
  ) {
    const facts = freeze([name]);
    const make = (status: ConditionStatus, actual: boolean | null, explanation: string) =>
      freeze({ id, clause, measure, status, expected: '= true', actual, facts, explanation });
    this.needs = index;
    this.fact = name;
    this.unknown = make('unknown', null, `请确认：${label}`);
    this.met = make('met', true, `已满足：${label}`);
    // No verdict word: a summary puts 不符合 before it, and a trace shows the status beside it.
    this.unmet = make('unmet', false, `本项要求${label}，目前为“否”`);
  }

  judge(facts: FactVector): ConditionStatus {
    const value = facts[this.needs];
    return value === undefined ? 'unknown' : value === true ? 'met' : 'unmet';
  }

  answer(status: ConditionStatus): ConditionResult {
    return status === 'unknown' ? this.unknown : status === 'met' ? this.met : this.unmet;
  }
}

/** A condition only a reviewer can decide from the materials: always `review`, never blocking. */
export class ReviewCheck implements Check {
  readonly needs = -1;
  readonly fact = null;
  private readonly result: ConditionResult;
  constructor(
    readonly id: string,
    clause: string,
    measure: number,
    explanation: string,
  ) {
    this.result = freeze({
      id,
      clause,
      measure,
      status: 'review',
      expected: 'reviewer decides',
      actual: null,
      facts: freeze([]),
      explanation,
    });
  }
  judge(): ConditionStatus {
    return 'review';
  }
  answer(): ConditionResult {
    return this.result;
  }
}

/** An amount fixed by the edition. */
export class FixedAmount<R extends CapResult | AwardResult> implements Amount<R> {
  readonly needs = -1;
  readonly fact = null;
  readonly pending = null;
  private readonly value: R;
  constructor(value: R) {
    this.value = freeze(value);
  }
  amountOf(): number | null {
    return this.value.amountFen;
  }
  evaluate(): R {
    return this.value;
  }
}

/** An amount computed from one fact; unknown (amountFen null) while the fact is absent. */
export class ComputedAmount<R extends CapResult | AwardResult> implements Amount<R> {
  readonly needs: number;
  readonly fact: FactName;
  private readonly unknown: R;
  constructor(
    fact: FactRef,
    unknown: R,
    readonly pending: string,
    private readonly compute: (value: number) => number,
    private readonly build: (value: number, amountFen: number) => R,
  ) {
    this.needs = fact.index;
    this.fact = fact.name;
    this.unknown = freeze(unknown);
  }
  amountOf(facts: FactVector): number | null {
    const value = facts[this.needs] as number | undefined;
    return value === undefined ? null : this.compute(value);
  }
  evaluate(facts: FactVector): R {
    const value = facts[this.needs] as number | undefined;
    return value === undefined ? this.unknown : this.build(value, this.compute(value));
  }
}
