import { type FileKind } from '../editions/materials';
import { type MaterialSlotStatus } from './materials';

/** A file of a firm's library. */
export interface FileView {
  id: number;
  orgId: number;
  /** The name it is shown and downloaded under; its extension says what the file is. */
  name: string;
  kind: FileKind;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** Where a library file is used. */
export interface FileUse {
  applicationId: number;
  materialId: string;
  status: MaterialSlotStatus;
  validUntil: string | null;
}

/** A library file with where it is used and when its evidence runs out. */
export interface LibraryEntry extends FileView {
  /** The earliest end of validity among the slots using it; null: no end. */
  expiresOn: string | null;
  expired: boolean;
  /** Runs out within 30 days. */
  expiringSoon: boolean;
  uses: FileUse[];
}

/** `GET /api/v1/orgs/:orgId/files`: newest first. */
export interface FileLibrary {
  files: LibraryEntry[];
}

/** `POST /api/v1/files?orgId=`: the file stored, or the same bytes already in the library. */
export interface UploadResult {
  file: FileView;
  deduplicated: boolean;
}

/** `POST /api/v1/files?orgId=` (multipart/form-data): one file, in the field `file`. */
export interface UploadFileRequest {
  file: FilePart;
}

/**
 * A file to upload, as the client hands it to its transport: bytes (fetch, FormData) or, in the
 * mini-program, the local path wx.uploadFile reads.
 */
export interface FilePart {
  name: string;
  /** The file's media type as the client sees it; the API decides by the bytes. */
  type?: string;
  content: Uint8Array | string;
}

/** `POST /api/v1/files/:id/link`: a signed path valid for a few minutes, for clients that cannot send the token. */
export interface FileLink {
  /** Relative to the API's origin, query string (expires, signature) included. */
  path: string;
  expiresAt: string;
}
