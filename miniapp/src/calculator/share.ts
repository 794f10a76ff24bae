import { isProgramId, parseFacts, type Facts, type ProgramId } from '@huiqi/shared';

/** What a shared result carries: the claim year, the programs and the facts, nothing personal beyond them. */
export interface SharedCheck {
  claimYear: number;
  programs: ProgramId[] | 'all';
  facts: Facts;
}

/** The query string of a shared result: `y`, `p` (comma-separated ids or `all`), `f` (the facts as JSON). */
export const shareQuery = (check: SharedCheck): string => {
  const programs = check.programs === 'all' ? 'all' : check.programs.join(',');
  return `y=${check.claimYear}&p=${encodeURIComponent(programs)}&f=${encodeURIComponent(JSON.stringify(check.facts))}`;
};

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
};

/**
 * A shared result read back from a page's query (Taro's router params, still URL-encoded on
 * weapp and decoded on H5 depending on the base library: decoding twice is harmless for JSON).
 * Anything that does not validate is refused whole: a link is outside input.
 */
export const readShared = (params: Partial<Record<string, string>>): SharedCheck | null => {
  const { y, p, f } = params;
  if (!y || !p || !f) return null;
  const claimYear = Number(y);
  if (!/^\d{4}$/.test(y)) return null;
  const programText = decode(p);
  let programs: ProgramId[] | 'all';
  if (programText === 'all') programs = 'all';
  else {
    const ids = programText.split(',');
    if (!ids.every(isProgramId)) return null;
    programs = ids;
  }
  let raw = decode(f);
  if (raw.startsWith('%7B') || raw.startsWith('%7b')) raw = decode(raw);
  try {
    return { claimYear, programs, facts: parseFacts(JSON.parse(raw) as unknown) };
  } catch {
    return null;
  }
};
