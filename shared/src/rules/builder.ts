import { orgTypeName, type OrgType, type ProgramId } from '../contracts/catalogue';
import { type AwardResult, type CapResult } from '../contracts/evaluation';
import { factIndex, factLabel, type FactName } from '../contracts/facts';
import { type Edition, type Parameter, type ProgramEdition } from '../editions/schema';
import { applyBasisPoints, formatBasisPoints, formatCount, formatFen, fullUnits } from '../money/money';
import {
  type Amount,
  AnyOfCheck,
  AtLeastCheck,
  type Check,
  ComputedAmount,
  FactCheck,
  type FactRef,
  FixedAmount,
  type OneFactSpec,
  ReviewCheck,
  TrueCheck,
} from './checks';
import { type Explain, RenderedAward, RenderedCap } from './results';

/** A condition on one fact: what it checks and what it says in each answer. */
export interface FactCondition<T> {
  id: string;
  /** The exact words of the text it comes from. */
  clause: string;
  fact: FactName;
  /** Machine-readable expectation shown in the trace, e.g. "<= 2022-12-31". */
  expected: string;
  test: (value: T) => boolean;
  /** The explanation when met, and when unmet, from the firm's value. */
  met: (value: T) => string;
  unmet: (value: T) => string;
  /** The explanation (a prompt) while the fact is unknown. */
  unknown: string;
}

/** A fact of the catalogue as checks read it. */
const factRef = (name: FactName): FactRef => ({ name, index: factIndex(name), label: factLabel(name) });

/** What a rule declares: its conditions in the order of the text, its award and its caps. */
export interface RuleParts {
  conditions: Check[];
  award: Amount<AwardResult>;
  caps: Amount<CapResult>[];
}

/** One explanation renderer per check, built once: met and unmet texts of the firm's value. */
const explainBy =
  <T>(met: (value: T) => string, unmet: (value: T) => string): Explain =>
  (status, actual) =>
    status === 'met' ? met(actual as T) : unmet(actual as T);

/** One program's rule: declares its parts from the edition's parameters, once per edition. */
export type Rule<P extends ProgramId> = (program: ProgramEdition<P>, b: RuleBuilder) => RuleParts;

/**
 * Builds a program's checks for one edition. Every method runs once per edition (not per
 * firm), so it may format freely; what it returns must only do per-firm work.
 */
export class RuleBuilder {
  constructor(
    readonly program: ProgramEdition,
    readonly edition: Edition,
  ) {}

  private get measure(): number {
    return this.program.measure;
  }

  /** A condition on one fact with its own texts. */
  fact<T>(condition: FactCondition<T>): Check {
    const { id, clause, fact, expected, test, met, unmet, unknown } = condition;
    return new FactCheck<T>(this.spec(id, clause, fact, expected, unknown, explainBy(met, unmet)), test);
  }

  /** A number that must reach `min`, with texts for each answer. */
  private atLeast(condition: Omit<FactCondition<number>, 'test'> & { min: number }): Check {
    const { id, clause, fact, expected, met, unmet, unknown, min } = condition;
    return new AtLeastCheck(this.spec(id, clause, fact, expected, unknown, explainBy(met, unmet)), min);
  }

  private spec(
    id: string,
    clause: string,
    fact: FactName,
    expected: string,
    unknown: string,
    explain: Explain,
  ): OneFactSpec {
    return { id, clause, measure: this.measure, fact: factRef(fact), expected, unknown, explain };
  }

  /** A yes/no fact that must be true. */
  isTrue(id: string, clause: string, fact: FactName): Check {
    return new TrueCheck(id, clause, this.measure, factRef(fact));
  }

  /** The applicant must be one of the kinds the measure is for. */
  orgType(param: Parameter<OrgType[]>): Check {
    const names = param.value.map(orgTypeName).join('、');
    const metText = `主体类型符合（本项面向：${names}）`;
    const explain = explainBy<OrgType[]>(
      () => metText,
      (v) => `本项面向${names}，当前主体类型为${v.length ? v.map(orgTypeName).join('、') : '（未选择）'}`,
    );
    return new AnyOfCheck(
      this.spec(
        'org-type',
        param.clause,
        'orgTypes',
        `any of ${param.value.join(',')}`,
        `请选择主体类型（本项面向：${names}）`,
        explain,
      ),
      Object.freeze([...param.value]),
    );
  }

  /** A fen amount that must reach a threshold (以上: inclusive). */
  amountAtLeast(id: string, fact: FactName, param: Parameter<number>): Check {
    return this.reach(id, fact, param, formatFen);
  }

  /** A share in basis points that must reach a threshold (以上: inclusive). */
  shareAtLeast(id: string, fact: FactName, param: Parameter<number>): Check {
    return this.reach(id, fact, param, formatBasisPoints);
  }

  /** A count that must reach a threshold: 以上 / 不少于 include it, 超过 (`exclusive`) does not. */
  countAtLeast(id: string, fact: FactName, param: Parameter<number>, unit: string, exclusive = false): Check {
    const label = factLabel(fact);
    const bound = param.value;
    const min = exclusive ? bound + 1 : bound;
    const wording = `${exclusive ? '超过' : '达到'}${formatCount(bound)}${unit}`;
    return this.atLeast({
      id,
      clause: param.clause,
      fact,
      expected: exclusive ? `> ${bound}` : `>= ${bound}`,
      min,
      met: (v) => `${label}为${formatCount(v)}${unit}，已${wording}`,
      unmet: (v) => `${label}需${wording}，目前为${formatCount(v)}${unit}，还差${formatCount(min - v)}${unit}`,
      unknown: `请填写${label}（需${wording}）`,
    });
  }

  /** An amount or share that must reach `param` (以上), told in the unit `format` writes. */
  private reach(id: string, fact: FactName, param: Parameter<number>, format: (n: number) => string): Check {
    const label = factLabel(fact);
    const min = param.value;
    const minText = format(min);
    return this.atLeast({
      id,
      clause: param.clause,
      fact,
      expected: `>= ${min}`,
      min,
      met: (v) => `${label}为${format(v)}，达到${minText}的要求`,
      unmet: (v) => `${label}需达到${minText}，目前还差${format(min - v)}`,
      unknown: `请填写${label}（需达到${minText}）`,
    });
  }

  /** 首年度: the facility or platform must have started operating in the claim year. */
  firstOperatingYear(clause: string): Check {
    const year = this.edition.claimYear;
    return this.fact<number>({
      id: 'first-year',
      clause,
      fact: 'firstOperatingYear',
      expected: `= ${year}`,
      test: (v) => v === year,
      met: () => `${year}年为首个运营年度`,
      unmet: (v) =>
        v < year
          ? `奖励仅在首年度给予：首个运营年度为${v}年，已不是${year}年的首年度`
          : `奖励仅在首年度给予：首个运营年度为${v}年，不在${year}年度`,
      unknown: `请填写首个运营年度（奖励仅在首年度给予，即${year}年）`,
    });
  }

  /** A condition only a reviewer can decide from the materials; it never blocks submission. */
  review(id: string, clause: string, explanation: string): Check {
    return new ReviewCheck(id, clause, this.measure, explanation);
  }

  /** A fixed award (给予…) or an upper bound (不超过…). */
  fixedAward(param: Parameter<number>, upTo: boolean): Amount<AwardResult> {
    const text = formatFen(param.value);
    return new FixedAmount<AwardResult>({
      amountFen: param.value,
      clause: this.program.awardClause,
      explanation: upTo ? `最高${text}` : text,
    });
  }

  /** 每实现1万元，最高给予4元: full units of a fact amount times a rate. */
  perUnitAward(fact: FactName, unit: Parameter<number>, rate: Parameter<number>): Amount<AwardResult> {
    const clause = this.program.awardClause;
    const unitText = formatFen(unit.value);
    const rateText = formatFen(rate.value);
    return new ComputedAmount<AwardResult>(
      factRef(fact),
      {
        amountFen: null,
        clause,
        explanation: `每实现${unitText}${factLabel(fact)}补贴${rateText}；请填写${factLabel(fact)}以计算`,
      },
      `具体金额按每实现${unitText}${factLabel(fact)}补贴${rateText}计算`,
      (value) => fullUnits(value, unit.value) * rate.value,
      (value, amountFen) => new RenderedAward(amountFen, clause, fullUnits(value, unit.value), renderUnits),
    );
    function renderUnits(units: number, amountFen: number): string {
      return `${formatCount(units)}个${unitText}（不足${unitText}的部分不计）× ${rateText} = ${formatFen(amountFen)}`;
    }
  }

  /** A per-applicant ceiling fixed by the edition. */
  fixedCap(id: string, param: Parameter<number>, explanation: string): Amount<CapResult> {
    return new FixedAmount<CapResult>({ id, clause: param.clause, amountFen: param.value, explanation });
  }

  /** 不得超过企业对地方贡献数的20%: rounded down to the fen; unknown while the contribution is. */
  localContributionCap(param: Parameter<number>): Amount<CapResult> {
    const id = 'local-contribution-20pct';
    const pct = formatBasisPoints(param.value);
    return new ComputedAmount<CapResult>(
      factRef('localContributionFen'),
      {
        id,
        clause: param.clause,
        amountFen: null,
        explanation: `奖补金额不得超过当年对地方贡献数的${pct}；请填写当年对地方贡献数以计算上限`,
      },
      `还受当年对地方贡献数${pct}的限制，请填写当年对地方贡献数`,
      (value) => applyBasisPoints(value, param.value),
      (value, amountFen) => new RenderedCap(id, param.clause, amountFen, value, render),
    );
    function render(contribution: number, amountFen: number): string {
      return `当年对地方贡献数${formatFen(contribution)}的${pct}为${formatFen(amountFen)}`;
    }
  }
}
