/**
 * Runs per property test: 200 by default, so `npm test` stays quick; `PROPERTY_RUNS=N` raises it
 * (e.g. `PROPERTY_RUNS=5000 node scripts/jest.mjs --selectProjects shared`) to search harder before
 * a release or after a change to the rules. The API's fuzz suite has its own switch, FUZZ_RUNS.
 */
const parse = (value: string | undefined): number => {
  if (value === undefined || value === '') return 200;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PROPERTY_RUNS must be a positive integer, not ${value}`);
  return n;
};

export const PROPERTY_RUNS = parse(process.env['PROPERTY_RUNS']);
