import { noEdition } from '../contracts/errors';
import edition2023 from './data/edition-2023.json';
import { loadEdition } from './load';
import { type Edition } from './schema';

/** The editions that ship with the package, validated once when first asked for. */
let builtIn: readonly Edition[] | undefined;
export const builtInEditions = (): readonly Edition[] => (builtIn ??= Object.freeze([loadEdition(edition2023)]));

/**
 * The edition in force for a claim year. When several are given for one year, the one
 * listed last wins (a later publication supersedes an earlier one). Throws NO_EDITION.
 */
export const editionFor = (claimYear: number, editions: readonly Edition[] = builtInEditions()): Edition => {
  for (let i = editions.length - 1; i >= 0; i--) {
    const edition = editions[i] as Edition;
    if (edition.claimYear === claimYear) return edition;
  }
  throw noEdition(claimYear);
};
