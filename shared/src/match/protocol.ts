/** A run of whole input lines sent to a worker: its place in the input and its bytes (UTF-8). */
export interface Batch {
  seq: number;
  /** The line number of its first line (1-based, blank lines counted). */
  firstLine: number;
  bytes: Uint8Array;
}

/**
 * A worker's answer to a batch: the output lines (UTF-8, handed over rather than copied), the
 * messages for standard error, how many lines were bad; or what crashed it.
 */
export type BatchAnswer =
  { seq: number; out: Uint8Array; errors: string; failed: number; crash: null } | { seq: number; crash: string };
