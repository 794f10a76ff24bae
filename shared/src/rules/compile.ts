import { PROGRAM_IDS, type ProgramId } from '../contracts/catalogue';
import {
  type AwardResult,
  type CapResult,
  type ConditionResult,
  type EditionSummary,
  type ProgramResult,
  type ProgramScreening,
  type ProgramStatus,
} from '../contracts/evaluation';
import { emptyFactVector, type FactName, type FactVector } from '../contracts/facts';
import { type Edition, type ProgramEdition } from '../editions/schema';
import { formatFen } from '../money/money';
import { type Amount, type Check, FixedAmount } from './checks';
import { RULES } from './index';
import { type Rule, RuleBuilder, type RuleParts } from './builder';
import { type ProgramIdentity, RenderedProgram } from './results';

const NOTHING_MISSING: readonly FactName[] = Object.freeze([]);

/** Missing facts of a program fit in one number while the program reads at most this many facts. */
const MASK_SLOTS = 31;

/** A program's parts as the engine runs them: its identity, conditions, award and every cap (pool included). */
export interface ProgramParts extends RuleParts {
  identity: ProgramIdentity;
}

/**
 * A program of one edition, ready to evaluate firms: pure, and reusable across calls.
 *
 * Missing facts are collected per program: each fact the program reads gets a slot (in the
 * order of the fact vector, so lists come out in catalogue order), an unknown answer sets its
 * slot's bit in one number, and the list for a set of bits is built once and cached. However many
 * facts the catalogue has, a program reads a handful; one reading more than 31 sets the bits past
 * the 31st in a small array instead, so nothing limits either number.
 */
export class CompiledProgram {
  readonly programId: ProgramId;
  private readonly checks: readonly Check[];
  private readonly award: Amount<AwardResult>;
  private readonly caps: readonly Amount<CapResult>[];
  private readonly oneOffText: string;
  private readonly identity: ProgramIdentity;
  /** Slot of the fact each check and each cap asks for (-1: none). */
  private readonly checkSlots: Int32Array;
  private readonly capSlots: Int32Array;
  /** The facts this program reads, by slot. */
  private readonly slotFacts: readonly FactName[];
  /** Bits of slots past MASK_SLOTS, for a program that reads that many facts; null otherwise. */
  private readonly wide: Uint8Array | null;
  /** The ids of the trace's conditions and caps, in trace order: what a material may prove. */
  readonly conditionIds: readonly string[];
  readonly capIds: readonly string[];

  constructor({ identity, conditions, award, caps }: ProgramParts) {
    this.programId = identity.programId;
    this.identity = Object.freeze({ ...identity });
    this.checks = conditions;
    this.award = award;
    this.caps = caps;
    this.oneOffText = identity.oneOff ? '（一次性）' : '';

    const read = new Map<number, FactName>();
    for (const part of [...conditions, ...caps]) if (part.fact !== null) read.set(part.needs, part.fact);
    const indices = [...read.keys()].sort((a, b) => a - b);
    const slotOf = new Map(indices.map((index, slot) => [index, slot]));
    this.slotFacts = Object.freeze(indices.map((index) => read.get(index) as FactName));
    const slots = (parts: readonly (Check | Amount<CapResult>)[]) =>
      Int32Array.from(parts, (part) => (part.fact === null ? -1 : (slotOf.get(part.needs) as number)));
    this.checkSlots = slots(conditions);
    this.capSlots = slots(caps);
    this.wide = indices.length > MASK_SLOTS ? new Uint8Array(indices.length) : null;

    this.conditionIds = Object.freeze(conditions.map((check) => check.id));
    // A cap carries its id only in its result; with no facts every cap still answers with it.
    const nothing = emptyFactVector();
    this.capIds = Object.freeze(caps.map((cap) => cap.evaluate(nothing).id));
  }

  /** The full answer: the decision with its trace (conditions, award, caps). */
  evaluate(facts: FactVector): ProgramResult {
    return this.decide(facts, true) as ProgramResult;
  }

  /** The decision alone: status, maximum and missing facts, allocating one object. */
  screen(facts: FactVector): ProgramScreening {
    return this.decide(facts, false) as ProgramScreening;
  }

  /**
   * The one decision, with or without its trace, so the two can never disagree.
   * Three-valued: any unmet condition → ineligible; else any unknown → undetermined; else
   * eligible (`review` conditions decide nothing here). The maximum is the least of the award
   * and every cap that can be computed; a cap waiting for a fact asks for it in missingFacts.
   */
  private decide(facts: FactVector, trace: boolean): ProgramResult | ProgramScreening {
    const checks = this.checks;
    const conditions = trace ? new Array<ConditionResult>(checks.length) : null;
    const checkSlots = this.checkSlots;
    let missing = 0;
    let wide = false;
    let unmet = 0;
    let unknown = 0;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i] as Check;
      const status = check.judge(facts);
      if (conditions) conditions[i] = check.answer(status, facts);
      if (status === 'unmet') unmet++;
      else if (status === 'unknown') {
        unknown++;
        const slot = checkSlots[i] as number;
        if (slot < MASK_SLOTS) missing |= 1 << slot;
        else wide = this.markWide(slot);
      }
    }

    let max = this.award.amountOf(facts);
    const capSpecs = this.caps;
    const caps = trace ? new Array<CapResult>(capSpecs.length) : null;
    for (let i = 0; i < capSpecs.length; i++) {
      const spec = capSpecs[i] as Amount<CapResult>;
      const amount = spec.amountOf(facts);
      if (caps) caps[i] = spec.evaluate(facts);
      if (amount === null) {
        const slot = this.capSlots[i] as number;
        if (slot < MASK_SLOTS) missing |= 1 << slot;
        else wide = this.markWide(slot);
      } else if (max === null || amount < max) max = amount;
    }

    const status: ProgramStatus = unmet > 0 ? 'ineligible' : unknown > 0 ? 'undetermined' : 'eligible';
    const maxAmountFen = status === 'ineligible' ? null : (max ?? 0);
    const missingFacts = wide
      ? this.wideMissingFacts(missing)
      : missing === 0
        ? NOTHING_MISSING
        : this.missingFacts(missing);
    if (!conditions || !caps) {
      const { programId, measure, poolId, oneOff } = this.identity;
      return { programId, measure, status, maxAmountFen, poolId, oneOff, missingFacts };
    }
    return new RenderedProgram(
      this.identity,
      status,
      maxAmountFen,
      this.award.evaluate(facts),
      conditions,
      caps,
      missingFacts,
      this.summarise,
    );
  }

  private readonly missingByMask = new Map<number, readonly FactName[]>();

  /** The facts of a mask, in catalogue order; a program has few facts, so the lists are cached. */
  private missingFacts(mask: number): readonly FactName[] {
    let list = this.missingByMask.get(mask);
    if (!list) {
      list = Object.freeze(this.slotFacts.filter((_, slot) => slot < MASK_SLOTS && (mask & (1 << slot)) !== 0));
      this.missingByMask.set(mask, list);
    }
    return list;
  }

  /** Marks a slot past the mask's reach; returns true, for `wide = this.markWide(slot)`. */
  private markWide(slot: number): boolean {
    (this.wide as Uint8Array)[slot] = 1;
    return true;
  }

  /** The missing facts of a program reading more than MASK_SLOTS facts: built each time, and the marks cleared. */
  private wideMissingFacts(mask: number): readonly FactName[] {
    const marks = this.wide as Uint8Array;
    const list = this.missingFacts(mask).slice();
    for (let slot = MASK_SLOTS; slot < marks.length; slot++)
      if (marks[slot] === 1) {
        list.push(this.slotFacts[slot] as FactName);
        marks[slot] = 0;
      }
    return Object.freeze(list);
  }

  /**
   * The one-sentence summary, rendered when first read. It tells the whole truth: a condition a
   * reviewer decides is said to be theirs, a cap waiting for a fact says what to fill in, and a
   * maximum of 0 says which cap or award makes it 0 instead of promising "最高可获0元".
   */
  private readonly summarise = (r: RenderedProgram): string => {
    let unknown = 0;
    let unmet = 0;
    let first: ConditionResult | undefined;
    const review: string[] = [];
    for (const c of r.conditions) {
      if (c.status === 'unknown') unknown++;
      else if (c.status === 'review') review.push(`“${c.clause}”`);
      else if (c.status === 'unmet' && unmet++ === 0) first = c;
    }
    if (r.status === 'ineligible')
      return `不符合：${first?.explanation ?? ''}${unmet > 1 ? `（另有${unmet - 1}项条件未满足）` : ''}`;

    const reviewed = review.length > 0 ? `${review.join('、')}由审核人员根据申报材料认定` : '';
    const head =
      r.status === 'eligible'
        ? reviewed
          ? `可自动判断的条件均已满足；${reviewed}`
          : '符合条件'
        : `尚缺${unknown}项信息，补充后可判断${reviewed ? `；${reviewed}` : ''}`;
    if (r.maxAmountFen === 0) {
      const but = r.status === 'eligible' && !reviewed ? '，但' : '；但';
      const outcome = r.status === 'eligible' ? '本项不能获得资金' : '即使符合也不能获得资金';
      return `${head}${but}${this.zeroReason(r)}，因此${outcome}`;
    }
    const lead = r.status === 'eligible' ? (reviewed ? '，认定符合的，' : '，') : '；如符合，';
    let text = `${head}${lead}最高可获${formatFen(r.maxAmountFen ?? 0)}${this.oneOffText}`;
    if (r.award.amountFen === null && this.award.pending) text += `（${this.award.pending}）`;
    for (let i = 0; i < r.caps.length; i++) {
      const pending = (this.caps[i] as Amount<CapResult>).pending;
      if ((r.caps[i] as CapResult).amountFen === null && pending) text += `；${pending}`;
    }
    return text;
  };

  /** Why a maximum is 0: the first cap (or the award) that is 0, with the words of the text. */
  private zeroReason(r: RenderedProgram): string {
    const cap = r.caps.find((c) => c.amountFen === 0);
    return cap ? `${cap.explanation}（${cap.clause}）` : `奖励金额为0元（${r.award.clause}）`;
  }
}

/** Builds a program's parts from its rule and the edition, the city-wide pool last among its caps. */
const compileProgram = (
  programId: ProgramId,
  program: ProgramEdition,
  edition: Edition,
  rule: Rule<ProgramId>,
): CompiledProgram => {
  const parts = rule(program as ProgramEdition<ProgramId>, new RuleBuilder(program, edition));
  const pool = edition.pools[program.poolId];
  const { measure, title, poolId, oneOff } = program;
  return new CompiledProgram({
    identity: { programId, measure, title, poolId, oneOff },
    conditions: parts.conditions,
    award: parts.award,
    caps: pool
      ? [
          ...parts.caps,
          new FixedAmount<CapResult>({
            id: 'pool',
            clause: pool.clause,
            amountFen: pool.capFen,
            explanation: `全市资金总额${formatFen(pool.capFen)}（${pool.title}）`,
          }),
        ]
      : parts.caps,
  });
};

/** An edition ready to evaluate: its summary and its paying programs in the order of the measures. */
export interface CompiledEdition {
  summary: EditionSummary;
  programs: readonly CompiledProgram[];
}

const compiled = new WeakMap<Edition, CompiledEdition>();

/**
 * Compiles an edition once and keeps it as long as the edition object lives (editions are
 * immutable, so a compiled edition never goes stale).
 */
export const compileEdition = (edition: Edition): CompiledEdition => {
  let result = compiled.get(edition);
  if (!result) {
    const programs: CompiledProgram[] = [];
    for (const id of PROGRAM_IDS) {
      const program = edition.programs[id] as ProgramEdition | undefined;
      if (program) programs.push(compileProgram(id, program, edition, RULES[id] as Rule<ProgramId>));
    }
    const { id, title, validFrom, validTo } = edition;
    result = Object.freeze({
      summary: Object.freeze({ id, title, validFrom, validTo }),
      programs: Object.freeze(programs),
    });
    compiled.set(edition, result);
  }
  return result;
};
