import {
  type Edition,
  type EditionPreview,
  type Facts,
  type PoolPreview,
  type PreviewChange,
  type ProgramId,
  type ProgramPreview,
  type ProgramScreening,
  screenValidated,
} from '@huiqi/shared';

type Verdict = NonNullable<PreviewChange['before']>;
type Effect = PreviewChange['effect'];

/** Examples of changes kept for each program and effect; the counts cover every firm. */
export const EXAMPLES_PER_EFFECT = 20;

const effectOf = (before: Verdict | null, after: Verdict | null): Effect | null => {
  const was = before?.status ?? 'ineligible';
  const is = after?.status ?? 'ineligible';
  if (was === is && (before?.maxAmountFen ?? null) === (after?.maxAmountFen ?? null)) return null;
  if (is === 'undetermined' || was === 'undetermined') return 'undetermined';
  if (was !== 'eligible' && is === 'eligible') return 'gains';
  if (was === 'eligible' && is !== 'eligible') return 'loses';
  return (after?.maxAmountFen ?? 0) > (before?.maxAmountFen ?? 0) ? 'more' : 'less';
};

const verdict = (p: ProgramScreening | undefined): Verdict | null =>
  p ? { status: p.status, maxAmountFen: p.maxAmountFen } : null;

/**
 * A draft edition's effect on firms, added up one firm at a time: each firm is screened under
 * both editions and forgotten, and only what the answer needs is kept (counts per program and
 * effect, each pool's demand, and a bounded list of examples), so the memory it takes does not
 * grow with the number of firms.
 */
export class PreviewTally {
  private firms = 0;
  private changesTotal = 0;
  private readonly programs = new Map<ProgramId, ProgramPreview>();
  private readonly demand = new Map<string, { before: number; after: number }>();
  /** Examples in firm order; their names are looked up at the end, for these firms only. */
  private readonly examples: Omit<PreviewChange, 'orgName'>[] = [];

  constructor(
    private readonly base: Edition,
    private readonly draft: Edition,
  ) {}

  add(orgId: number, facts: Facts): void {
    this.firms++;
    const screen = (edition: Edition) =>
      screenValidated({ claimYear: edition.claimYear, facts }, { editions: [edition] }).programs;
    const before = new Map(screen(this.base).map((p) => [p.programId, p]));
    const after = new Map(screen(this.draft).map((p) => [p.programId, p]));
    for (const programId of new Set([...before.keys(), ...after.keys()])) {
      const b = before.get(programId);
      const a = after.get(programId);
      const counts = this.countsOf(programId);
      if (b?.status === 'eligible') {
        counts.eligibleBefore++;
        this.addDemand(b.poolId, 'before', b.maxAmountFen);
      }
      if (a?.status === 'eligible') {
        counts.eligibleAfter++;
        this.addDemand(a.poolId, 'after', a.maxAmountFen);
      }
      const effect = effectOf(verdict(b), verdict(a));
      if (!effect) continue;
      this.changesTotal++;
      counts[effect]++;
      if (counts[effect] <= EXAMPLES_PER_EFFECT)
        this.examples.push({ orgId, programId, before: verdict(b), after: verdict(a), effect });
    }
  }

  /** The firms' ids of the examples, to look up their names. */
  exampleFirms(): number[] {
    return [...new Set(this.examples.map((e) => e.orgId))];
  }

  result(names: ReadonlyMap<number, string>): EditionPreview {
    const { base, draft } = this;
    const pools: PoolPreview[] = [...new Set([...Object.keys(base.pools), ...Object.keys(draft.pools)])].map(
      (poolId) => {
        const d = this.demand.get(poolId) ?? { before: 0, after: 0 };
        const capAfter = draft.pools[poolId]?.capFen ?? null;
        return {
          poolId,
          title: draft.pools[poolId]?.title ?? base.pools[poolId]?.title ?? poolId,
          capFenBefore: base.pools[poolId]?.capFen ?? null,
          capFenAfter: capAfter,
          demandFenBefore: d.before,
          demandFenAfter: d.after,
          oversubscribedAfter: capAfter !== null && d.after > capAfter,
        };
      },
    );
    return {
      draftId: draft.id,
      baseId: base.id,
      claimYear: draft.claimYear,
      firms: this.firms,
      changes: this.examples.map(({ orgId, programId, before, after, effect }) => ({
        orgId,
        orgName: names.get(orgId) ?? String(orgId),
        programId,
        before,
        after,
        effect,
      })),
      changesTotal: this.changesTotal,
      programs: [...this.programs.values()],
      pools,
    };
  }

  private countsOf(programId: ProgramId): ProgramPreview {
    let counts = this.programs.get(programId);
    if (!counts) {
      counts = {
        programId,
        eligibleBefore: 0,
        eligibleAfter: 0,
        gains: 0,
        loses: 0,
        more: 0,
        less: 0,
        undetermined: 0,
      };
      this.programs.set(programId, counts);
    }
    return counts;
  }

  private addDemand(poolId: string, key: 'before' | 'after', fen: number | null): void {
    const d = this.demand.get(poolId) ?? { before: 0, after: 0 };
    d[key] += fen ?? 0;
    this.demand.set(poolId, d);
  }
}
