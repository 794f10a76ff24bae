import { orgTypeName, type OrgType, type ProgramId } from '../contracts/catalogue';
import {
  type CapResult,
  type ConditionResult,
  type ConditionStatus,
  type ProgramResult,
  type ProgramStatus,
} from '../contracts/evaluation';
import { factLabel, type FactName, type Facts } from '../contracts/facts';
import { type Edition, type Parameter, type ProgramEdition } from '../editions/schema';
import { applyBasisPoints, formatBasisPoints, formatCount, formatFen } from '../money/money';

/**
 * Builds one program's result: each rule adds its conditions and caps in the order of the
 * text, then `finish` derives status, missing facts and the maximum amount. Pure: it reads
 * only the facts and the edition it is given.
 */
export class Trace<P extends ProgramId> {
  readonly conditions: ConditionResult[] = [];
  readonly caps: CapResult[] = [];
  private readonly missing: FactName[] = [];
  private awardFen: number | null = null;
  private awardExplanation = '';

  constructor(
    readonly programId: P,
    readonly program: ProgramEdition<P>,
    readonly facts: Facts,
    readonly edition: Edition,
  ) {}

  get measure(): number {
    return this.program.measure;
  }

  private need(fact: FactName): void {
    if (!this.missing.includes(fact)) this.missing.push(fact);
  }

  add(
    id: string,
    clause: string,
    status: ConditionStatus,
    expected: string,
    actual: unknown,
    facts: FactName[],
    explanation: string,
  ): void {
    if (status === 'unknown') for (const f of facts) this.need(f);
    this.conditions.push({ id, clause, measure: this.program.measure, status, expected, actual, facts, explanation });
  }

  /** A yes/no fact that must be true. */
  isTrue(id: string, clause: string, fact: FactName): void {
    const v = this.facts[fact];
    const label = factLabel(fact);
    if (v === undefined) this.add(id, clause, 'unknown', '= true', null, [fact], `请确认：${label}`);
    else if (v === true) this.add(id, clause, 'met', '= true', true, [fact], `已满足：${label}`);
    else this.add(id, clause, 'unmet', '= true', v, [fact], `不满足：需${label}`);
  }

  /** A fen amount that must reach a threshold (以上: inclusive). */
  amountAtLeast(id: string, fact: FactName, param: Parameter<number>): void {
    const v = this.facts[fact] as number | undefined;
    const label = factLabel(fact);
    const min = param.value;
    const expected = `>= ${min}`;
    if (v === undefined)
      this.add(id, param.clause, 'unknown', expected, null, [fact], `请填写${label}（需达到${formatFen(min)}）`);
    else if (v >= min)
      this.add(id, param.clause, 'met', expected, v, [fact], `${label}为${formatFen(v)}，达到${formatFen(min)}的要求`);
    else
      this.add(
        id,
        param.clause,
        'unmet',
        expected,
        v,
        [fact],
        `${label}需达到${formatFen(min)}，目前还差${formatFen(min - v)}`,
      );
  }

  /** A count that must reach a threshold: 以上 / 不少于 include it, 超过 (`exclusive`) does not. */
  countAtLeast(id: string, fact: FactName, param: Parameter<number>, unit: string, exclusive = false): void {
    const v = this.facts[fact] as number | undefined;
    const label = factLabel(fact);
    const bound = param.value;
    const min = exclusive ? bound + 1 : bound;
    const wording = exclusive ? `超过${formatCount(bound)}${unit}` : `达到${formatCount(bound)}${unit}`;
    const expected = exclusive ? `> ${bound}` : `>= ${bound}`;
    if (v === undefined)
      this.add(id, param.clause, 'unknown', expected, null, [fact], `请填写${label}（需${wording}）`);
    else if (v >= min)
      this.add(id, param.clause, 'met', expected, v, [fact], `${label}为${formatCount(v)}${unit}，已${wording}`);
    else
      this.add(
        id,
        param.clause,
        'unmet',
        expected,
        v,
        [fact],
        `${label}需${wording}，目前为${formatCount(v)}${unit}，还差${formatCount(min - v)}${unit}`,
      );
  }

  /** A share in basis points that must reach a threshold (以上: inclusive). */
  shareAtLeast(id: string, fact: FactName, param: Parameter<number>): void {
    const v = this.facts[fact] as number | undefined;
    const label = factLabel(fact);
    const min = param.value;
    const expected = `>= ${min}`;
    if (v === undefined)
      this.add(
        id,
        param.clause,
        'unknown',
        expected,
        null,
        [fact],
        `请填写${label}（需达到${formatBasisPoints(min)}）`,
      );
    else if (v >= min)
      this.add(
        id,
        param.clause,
        'met',
        expected,
        v,
        [fact],
        `${label}为${formatBasisPoints(v)}，达到${formatBasisPoints(min)}的要求`,
      );
    else
      this.add(
        id,
        param.clause,
        'unmet',
        expected,
        v,
        [fact],
        `${label}需达到${formatBasisPoints(min)}，目前为${formatBasisPoints(v)}，还差${formatBasisPoints(min - v)}`,
      );
  }

  /** The applicant must be one of the kinds the measure is for. */
  orgType(param: Parameter<OrgType[]>): void {
    const v = this.facts.orgTypes;
    const wanted = param.value;
    const names = wanted.map(orgTypeName).join('、');
    const expected = `any of ${wanted.join(',')}`;
    if (v === undefined)
      this.add(
        'org-type',
        param.clause,
        'unknown',
        expected,
        null,
        ['orgTypes'],
        `请选择主体类型（本项面向：${names}）`,
      );
    else if (v.some((t) => wanted.includes(t)))
      this.add('org-type', param.clause, 'met', expected, v, ['orgTypes'], `主体类型符合（本项面向：${names}）`);
    else
      this.add(
        'org-type',
        param.clause,
        'unmet',
        expected,
        v,
        ['orgTypes'],
        `本项面向${names}，当前主体类型为${v.length ? v.map(orgTypeName).join('、') : '（未选择）'}`,
      );
  }

  /** 首年度: the facility or platform must have started operating in the claim year. */
  firstOperatingYear(clause: string): void {
    const v = this.facts.firstOperatingYear;
    const year = this.edition.claimYear;
    const expected = `= ${year}`;
    if (v === undefined)
      this.add(
        'first-year',
        clause,
        'unknown',
        expected,
        null,
        ['firstOperatingYear'],
        `请填写首个运营年度（奖励仅在首年度给予，即${year}年）`,
      );
    else if (v === year)
      this.add('first-year', clause, 'met', expected, v, ['firstOperatingYear'], `${year}年为首个运营年度`);
    else
      this.add(
        'first-year',
        clause,
        'unmet',
        expected,
        v,
        ['firstOperatingYear'],
        v < year
          ? `奖励仅在首年度给予：首个运营年度为${v}年，已不是${year}年的首年度`
          : `奖励仅在首年度给予：首个运营年度为${v}年，不在${year}年度`,
      );
  }

  /** A condition only a reviewer can decide from the materials; it never blocks submission. */
  review(id: string, clause: string, explanation: string): void {
    this.add(id, clause, 'review', 'reviewer decides', null, [], explanation);
  }

  /** The award itself: a fixed or "up to" amount. */
  award(param: Parameter<number>, upTo: boolean): void {
    this.awardFen = param.value;
    this.awardExplanation = upTo ? `最高${formatFen(param.value)}` : `${formatFen(param.value)}`;
  }

  /** An award computed from facts; null while its input is unknown. */
  computedAward(amountFen: number | null, explanation: string): void {
    this.awardFen = amountFen;
    this.awardExplanation = explanation;
  }

  cap(id: string, clause: string, amountFen: number, explanation: string): void {
    this.caps.push({ id, clause, amountFen, explanation });
  }

  /** 不得超过企业对地方贡献数的20%: a cap whose input may be unknown. */
  localContributionCap(param: Parameter<number>): void {
    const v = this.facts.localContributionFen;
    const pct = formatBasisPoints(param.value);
    if (v === undefined) {
      this.need('localContributionFen');
      this.caps.push({
        id: 'local-contribution-20pct',
        clause: param.clause,
        amountFen: null,
        explanation: `奖补金额不得超过当年对地方贡献数的${pct}；请填写当年对地方贡献数以计算上限`,
      });
    } else {
      const amount = applyBasisPoints(v, param.value);
      this.caps.push({
        id: 'local-contribution-20pct',
        clause: param.clause,
        amountFen: amount,
        explanation: `当年对地方贡献数${formatFen(v)}的${pct}为${formatFen(amount)}`,
      });
    }
  }

  finish(): ProgramResult {
    const pool = this.edition.pools[this.program.poolId];
    if (pool) this.cap('pool', pool.clause, pool.capFen, `全市资金总额${formatFen(pool.capFen)}（${pool.title}）`);

    let unmet = 0;
    let unknown = 0;
    let firstUnmet: ConditionResult | undefined;
    for (const c of this.conditions) {
      if (c.status === 'unmet') {
        unmet++;
        firstUnmet ??= c;
      } else if (c.status === 'unknown') unknown++;
    }
    const status: ProgramStatus = unmet > 0 ? 'ineligible' : unknown > 0 ? 'undetermined' : 'eligible';

    let max = this.awardFen;
    for (const cap of this.caps)
      if (cap.amountFen !== null && (max === null || cap.amountFen < max)) max = cap.amountFen;
    const maxAmountFen = status === 'ineligible' ? null : (max ?? 0);

    const summary =
      status === 'eligible'
        ? `符合条件，最高可获${formatFen(maxAmountFen ?? 0)}${this.program.oneOff ? '（一次性）' : ''}`
        : status === 'undetermined'
          ? `尚缺${unknown}项信息，补充后可判断；如符合，最高可获${formatFen(maxAmountFen ?? 0)}`
          : `不符合：${firstUnmet?.explanation ?? ''}${unmet > 1 ? `（另有${unmet - 1}项条件未满足）` : ''}`;

    return {
      programId: this.programId,
      measure: this.program.measure,
      title: this.program.title,
      status,
      maxAmountFen,
      poolId: this.program.poolId,
      oneOff: this.program.oneOff,
      award: { amountFen: this.awardFen, explanation: this.awardExplanation, clause: this.program.awardClause },
      conditions: this.conditions,
      caps: this.caps,
      missingFacts: this.missing,
      summary,
    };
  }
}
