// Types of pool-race.mjs, for the tests that import it.
import { type ApiClient, type TokenSource } from '@huiqi/shared';

export declare const PROGRAM_ID: 'leading-enterprise';
export declare const POOL_ID: 'pool-leading';
export declare const CLAIM_YEAR: 2023;
export declare const FACTS: Record<string, number | boolean>;
export declare const AWARD_FEN: number;

/** A client of the API at `baseUrl` keeping its session in `tokens`. */
export type ClientFor = (baseUrl: string, tokens: TokenSource) => ApiClient;

export interface Race {
  roundId: number;
  capFen: number;
  awardFen: number;
  applicationIds: number[];
}

export declare const prepareRace: (options: {
  bases: string[];
  fits: number;
  applications: number;
  /** Five USCC characters naming this run's firms and accounts. */
  prefix: string;
  concurrency?: number;
  clientFor?: ClientFor;
  onProgress?: (done: number, total: number) => void;
}) => Promise<Race>;

export type Outcome =
  | { applicationId: number; attempt: 'first' | 'retry'; process: number; ok: true; status: string; ms: number }
  | {
      applicationId: number;
      attempt: 'first' | 'retry';
      process: number;
      ok: false;
      code: string;
      httpStatus: number;
      message: string;
      ms: number;
    };

export declare const approvalBurst: (options: {
  bases: string[];
  applicationIds: number[];
  sessions: number;
  prefix: string;
  clientFor?: ClientFor;
}) => Promise<{ outcomes: Outcome[]; seconds: number }>;

export interface PoolState {
  capFen: number;
  reservedFen: number;
  committedFen: number;
  overAllocatedFen: number;
  ledgerLines: number;
  ledgerReserveLines: number;
  ledgerReservedFen: number;
  ledgerOverAllocatedFen: number;
  reservedHolds: number;
}

export declare const readPool: (
  query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>,
  roundId: number,
) => Promise<PoolState>;

export declare const tally: (outcomes: Outcome[]) => {
  requests: number;
  succeeded: number;
  refused: number;
  refusedBy: Record<string, number>;
  unexpected: number;
};

export declare const readBurst: (options: {
  bases: string[];
  applicationIds: number[];
  prefix: string;
  clientFor?: ClientFor;
}) => Promise<{ requests: number; seconds: number }>;
