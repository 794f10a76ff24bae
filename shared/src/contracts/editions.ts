import { type ApplicationWindow, type Edition } from '../editions/schema';
import { type ProgramDescription } from '../evaluate';
import { type ProgramId } from './catalogue';
import { type ProgramStatus } from './evaluation';

/** A draft is an administrator's work in progress; a published edition never changes. */
export type EditionStatus = 'draft' | 'published';

/** An edition as `GET /api/v1/editions` and `/programs` list it. */
export interface EditionView {
  id: string;
  title: string;
  claimYear: number;
  status: EditionStatus;
  demo: boolean;
  /** The published version in force (the edition's latest); null for a draft. */
  version: number | null;
  /** That version's content hash (SHA-256 of its canonical JSON, hex); null for a draft. */
  contentHash: string | null;
  validFrom: string;
  validTo: string;
  /** Null until the city opens an application round for the year. */
  applicationWindow: ApplicationWindow | null;
  /** The window in words, or that no application round is open yet. */
  applicationNotice: string;
  /** ISO 8601 date-time; null for a draft. */
  publishedAt: string | null;
}

/** `GET /api/v1/editions`: drafts and published editions, newest claim year first. */
export interface EditionList {
  editions: EditionView[];
}

/** A program as the catalogue describes it, with its edition's application window (null: no round open). */
export type ProgramWithWindow = ProgramDescription & { applicationWindow: ApplicationWindow | null };

/** `GET /api/v1/programs?year=`: the edition in force for the year and its paying programs. */
export interface ProgramCatalogue {
  edition: EditionView;
  programs: ProgramWithWindow[];
}

/** An edition's whole document, for an administrator: a draft's, or a published edition's latest version. */
export interface EditionDocument {
  id: string;
  status: EditionStatus;
  claimYear: number;
  document: Edition;
}

/** `POST /api/v1/editions/:id/drafts`: copy an edition into a new draft. */
export interface CreateDraftRequest {
  /**
   * The new edition's id, e.g. 2027 or 2027-revised.
   * @pattern ^[a-z0-9-]{1,32}$
   */
  id: string;
}

/**
 * `PATCH /api/v1/editions/:id`: a JSON merge patch (RFC 7386) over the draft's document: objects
 * merge, anything else replaces, null removes. The result must be a valid edition.
 */
export interface UpdateDraftRequest {
  document: Record<string, unknown>;
}

/** A program's verdict for one firm under one edition. */
export interface PreviewVerdict {
  status: ProgramStatus;
  maxAmountFen: number | null;
}

/** How a draft changes one firm's verdict on one program. */
export interface PreviewChange {
  orgId: number;
  orgName: string;
  programId: ProgramId;
  /** Null: the program does not exist in that edition. */
  before: PreviewVerdict | null;
  after: PreviewVerdict | null;
  effect: 'gains' | 'loses' | 'more' | 'less' | 'undetermined';
}

/** What a budget pool would owe before and after the draft, if every eligible firm applied. */
export interface PoolPreview {
  poolId: string;
  title: string;
  capFenBefore: number | null;
  capFenAfter: number | null;
  demandFenBefore: number;
  demandFenAfter: number;
  oversubscribedAfter: boolean;
}

/** One program's count of firms by what the draft does to them. */
export interface ProgramPreview {
  programId: ProgramId;
  eligibleBefore: number;
  eligibleAfter: number;
  gains: number;
  loses: number;
  more: number;
  less: number;
  undetermined: number;
}

/** `GET /api/v1/editions/:id/preview`: the draft against the edition in force, on every firm's stored facts. */
export interface EditionPreview {
  draftId: string;
  baseId: string;
  claimYear: number;
  firms: number;
  /**
   * Examples, in firm order: at most 20 for each program and effect; `changesTotal` and
   * `programs` count every change.
   */
  changes: PreviewChange[];
  changesTotal: number;
  programs: ProgramPreview[];
  pools: PoolPreview[];
}
