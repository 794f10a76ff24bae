import { randomUUID } from 'node:crypto';
import { type Stats } from 'node:fs';
import { link, lstat, mkdir, open as openFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable } from 'node:stream';

/** One stored object, as the sweep of unreferenced objects sees it. */
export interface StoredObject {
  key: string;
  size: number;
  modifiedAt: Date;
  /**
   * Which write of `key` this is: every `put` makes a new version, even of a key that exists
   * (an inode on disk, a version id on a versioned S3 bucket).
   */
  version: string;
}

/** A file in the local temp area, as the sweep of abandoned uploads sees it. */
export interface TempFile {
  name: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where file bytes live, addressed by their SHA-256. Uploads are first streamed to a local temp
 * file (type detection and metadata stripping need it); `put` then moves that file into the
 * store. The sweep (sweep.ts) lists both and removes what nothing needs; see docs/files.md for
 * why each method's contract makes that safe against uploads running at the same time.
 *
 * An S3-compatible store implements it on a bucket with versioning on: `put` as a (multipart)
 * PutObject of the temp file, always, so an existing key gets a new version with a fresh
 * LastModified; `get` as GetObject, `has` as HeadObject; `list` as ListObjectVersions (current
 * versions: key, VersionId, LastModified, Size); `removeIfUnchanged` as `stillUnreferenced()`
 * then DeleteObject of that VersionId only, which can never delete a version a later put made.
 * Temp files are local to each instance: `tempPath`, `listTemp` and `removeTemp` are the same as
 * here.
 */
/** A row points at bytes the store does not have (lost, or removed by hand). */
export class StoredObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`stored object ${key} is missing`);
    this.name = 'StoredObjectMissing';
  }
}

export interface FileStorage {
  /**
   * Moves a finished local file into the store under `key`, as a new version even when the key
   * exists (the bytes are the same: keys are hashes): the new version is young, so the sweep's
   * grace period covers the row about to be written for it. The local file is gone afterwards.
   */
  put(key: string, localPath: string): Promise<void>;
  /**
   * The stored bytes of `key`, once they are open for reading: a missing object rejects here (with
   * StoredObjectMissing), before anything is sent, rather than failing a response half-way.
   */
  open(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  /** A fresh path for a temp file on the same file system as the store. */
  tempPath(name: string): string;
  /** Every stored object. */
  list(): AsyncIterable<StoredObject>;
  /**
   * Removes exactly `object`'s version of its key, provided that version is still the current one
   * and `stillUnreferenced()`, asked once the version is out of reach of any later put, says so.
   * A put of the same key before or during the call survives it. True if removed.
   */
  removeIfUnchanged(object: StoredObject, stillUnreferenced: () => Promise<boolean>): Promise<boolean>;
  /** Every file in the temp area. */
  listTemp(): AsyncIterable<TempFile>;
  /** Removes a temp file; false if it was already gone. */
  removeTemp(name: string): Promise<boolean>;
}

const KEY = /^[a-f0-9]{64}$/;
const SHARD = /^[a-f0-9]{2}$/;
/** A stored file held aside by removeIfUnchanged while it decides: `<key>.<uuid>.sweep` in the temp area. */
const HELD = /^([a-f0-9]{64})\.[0-9a-f-]{36}\.sweep$/;

const errorCode = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
const ignoreMissing = (error: unknown): false => {
  if (errorCode(error) === 'ENOENT') return false;
  throw error;
};
/** The inode and its modification time: a put renames a new inode over the key. */
const versionOf = (s: Stats): string => `${s.dev}:${s.ino}:${s.mtimeMs}`;

/**
 * Local disk under DATA_DIR/files: files/ab/abcdef…, temp files in DATA_DIR/tmp. It needs a file
 * system with atomic rename and hard links (any local Linux file system; NFS).
 */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;
  private readonly tmp: string;
  /**
   * A test seam: runs after `put` has moved the file into the store and before `put` returns, that
   * is before the upload writes its row, so a test can sweep at exactly that moment.
   */
  readonly testHooks: { afterPut?: (key: string) => Promise<void> } = {};

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
    this.tmp = join(dataDir, 'tmp');
  }

  /**
   * Creates the folders and puts back any file a crash left held aside mid-decision: a held file
   * is removed only by the call that held it, once it has decided.
   */
  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await mkdir(this.tmp, { recursive: true });
    for (const name of await readdir(this.tmp)) {
      const key = HELD.exec(name)?.[1];
      if (key) await this.restore(join(this.tmp, name), key);
    }
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
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    // Always a rename, even over an existing key: atomic, and it makes the key a new, young inode
    // (the temp file was written moments ago), which is what keeps the sweep off it.
    await rename(localPath, target);
    await this.testHooks.afterPut?.(key);
  }

  async open(key: string): Promise<Readable> {
    try {
      return (await openFile(this.path(key), 'r')).createReadStream();
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new StoredObjectMissing(key);
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const shard of await readdir(this.root)) {
      if (!SHARD.test(shard)) continue;
      for (const key of await readdir(join(this.root, shard)).catch(() => [])) {
        if (!KEY.test(key) || !key.startsWith(shard)) continue;
        const s = await lstat(this.path(key)).catch(() => null);
        if (s?.isFile()) yield { key, size: s.size, modifiedAt: s.mtime, version: versionOf(s) };
      }
    }
  }

  /**
   * Renames the key aside (atomic: from then on a put of the key creates a new file instead of
   * touching this one), then checks that what it took is the version the sweep judged and asks
   * `stillUnreferenced`; anything else puts it back.
   */
  async removeIfUnchanged(object: StoredObject, stillUnreferenced: () => Promise<boolean>): Promise<boolean> {
    const held = join(this.tmp, `${object.key}.${randomUUID()}.sweep`);
    try {
      await rename(this.path(object.key), held);
    } catch (error) {
      return ignoreMissing(error);
    }
    let removed = false;
    try {
      // ENOENT here: another instance's init put it back; nothing to decide.
      const s = await stat(held).catch(ignoreMissing);
      if (!s || versionOf(s) !== object.version || !(await stillUnreferenced())) return false;
      removed = await unlink(held).then(() => true, ignoreMissing);
      return removed;
    } finally {
      if (!removed) await this.restore(held, object.key);
    }
  }

  /**
   * Puts a held file back under its key, unless a put has made the key again meanwhile: link
   * refuses to replace it (that version is the newer one), and the held copy is dropped.
   */
  private async restore(held: string, key: string): Promise<void> {
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    try {
      await link(held, this.path(key));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    await unlink(held).catch(ignoreMissing);
  }

  async *listTemp(): AsyncIterable<TempFile> {
    for (const name of await readdir(this.tmp)) {
      const s = await lstat(join(this.tmp, name)).catch(() => null);
      if (s?.isFile()) yield { name, size: s.size, modifiedAt: s.mtime };
    }
  }

  async removeTemp(name: string): Promise<boolean> {
    if (name.includes('/') || name.includes('\\') || name === '.' || name === '..')
      throw new Error(`invalid temp name ${name}`);
    return unlink(join(this.tmp, name)).then(() => true, ignoreMissing);
  }
}

/** Injection token of the FileStorage in use. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');
