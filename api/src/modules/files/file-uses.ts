import { type MaterialSlotStatus } from '@huiqi/shared';
import { type EntityManager } from 'typeorm';
import { type ApplicationScope } from '../access/policy.js';

/** One use of a library file: a material slot of an application holds it. */
export interface FileUse {
  fileId: number;
  applicationId: number;
  materialId: string;
  /** The slot's status: attached, accepted, rejected, or replaced by a later file. */
  status: MaterialSlotStatus;
  validUntil: string | null;
  application: ApplicationScope;
}

/**
 * Where library files are used. The workflow puts files into material slots and implements this
 * (applications/material-file-uses.ts, wired in AppModule); the files module asks it for the
 * library's "used in" and for a reviewer's right to read a file, and never imports the workflow,
 * which imports files.
 */
export abstract class FileUses {
  abstract of(fileIds: readonly number[], manager?: EntityManager): Promise<FileUse[]>;
}
