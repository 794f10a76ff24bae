import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable } from 'node:stream';

/**
 * Where file bytes live, addressed by their SHA-256. Uploads are first streamed to a local temp
 * file (type detection and metadata stripping need it); `put` then moves that file into the
 * store. An S3-compatible store implements the same four methods: `put` as a multipart
 * PutObject of the temp file, `get` as a GetObject body stream, `has` as HeadObject.
 */
export interface FileStorage {
  /** Moves a finished local file into the store under `key`. The local file is gone afterwards. */
  put(key: string, localPath: string): Promise<void>;
  get(key: string): Readable;
  has(key: string): Promise<boolean>;
  /** A fresh path for a temp file on the same file system as the store. */
  tempPath(name: string): string;
}

const KEY = /^[a-f0-9]{64}$/;

/** Local disk under DATA_DIR/files: files/ab/abcdef…, temp files in DATA_DIR/tmp. */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
    this.tmp = join(dataDir, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await mkdir(this.tmp, { recursive: true });
  }

  private path(key: string): string {
    // Keys are hashes we computed; anything else would be a bug, never a path from a request.
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return join(this.root, key.slice(0, 2), key);
  }

  tempPath(name: string): string {
    return join(this.tmp, name);
  }

  async put(key: string, localPath: string): Promise<void> {
    const target = this.path(key);
    if (await this.has(key)) {
      await rm(localPath, { force: true });
      return;
    }
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    await rename(localPath, target);
  }

  get(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }
}

/** Injection token of the FileStorage in use. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');
