import { builtInEditions, describePrograms, type FactName, type ProgramId } from '@huiqi/shared';

/**
 * 场地登记: a livestream base's site and people, as the fact catalogue names them — the
 * platforms' 直播基地 authorisations, site area, live rooms and active streamers.
 */
export const FACILITY_FACTS: readonly FactName[] = [
  'livestreamBaseAuthorizations',
  'siteAreaM2',
  'liveRoomCount',
  'activeStreamerCount',
];

export interface CountingProgram {
  programId: ProgramId;
  measure: number;
  title: string;
  /** The facts of `names` this program's conditions read. */
  facts: FactName[];
}

/**
 * The programs whose conditions read any of `names`, from the shared rules' own description of
 * each program (what they ask a firm that has said nothing), in measure order.
 */
export const programsCounting = (names: readonly FactName[]): CountingProgram[] => {
  const editions = builtInEditions();
  const edition = editions[editions.length - 1];
  if (!edition) return [];
  return describePrograms(edition).flatMap((program) => {
    const read = new Set(program.conditions.flatMap((c) => c.facts));
    const facts = names.filter((name) => read.has(name));
    return facts.length > 0
      ? [{ programId: program.programId, measure: program.measure, title: program.title, facts }]
      : [];
  });
};
