// Types of seed-firms.mjs, for the tests that import it.
export interface SeedOptions {
  /** Runs one statement with `?` placeholders and gives back the rows it selects. */
  query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  engine: 'sqlite' | 'mariadb';
  firms: number;
  seed?: number;
  claimYear?: number;
  batchFirms?: number;
}

export declare const seedFirms: (options: SeedOptions) => Promise<number[]>;
