import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage, type StoredObject } from './storage.js';

let dir: string;
let storage: LocalDiskStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storage-'));
  storage = new LocalDiskStorage(dir);
  await storage.init();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const bytes = Buffer.from('%PDF-1.4 stored bytes');
const key = createHash('sha256').update(bytes).digest('hex');

/** Stores `bytes` as an upload does: a temp file, then put. */
const putBytes = async (): Promise<void> => {
  const temp = storage.tempPath(`${randomUUID()}.upload`);
  await writeFile(temp, bytes);
  await storage.put(key, temp);
};

const listed = async (): Promise<StoredObject[]> => {
  const all: StoredObject[] = [];
  for await (const object of storage.list()) all.push(object);
  return all;
};

const tempNames = async (): Promise<string[]> => {
  const all: string[] = [];
  for await (const file of storage.listTemp()) all.push(file.name);
  return all;
};

describe('LocalDiskStorage', () => {
  it('a put of an existing key makes a new version of the same bytes and leaves no temp file', async () => {
    await putBytes();
    const [first] = await listed();
    await putBytes();
    const [second] = await listed();
    expect(second?.key).toBe(key);
    expect(second?.version).not.toBe(first?.version);
    expect(await readFile(join(dir, 'files', key.slice(0, 2), key))).toEqual(bytes);
    expect(await tempNames()).toEqual([]);
  });

  it('removes the version it was given when it is still unreferenced', async () => {
    await putBytes();
    const [object] = await listed();
    expect(await storage.removeIfUnchanged(object as StoredObject, async () => true)).toBe(true);
    expect(await storage.has(key)).toBe(false);
    expect(await tempNames()).toEqual([]);
  });

  it('puts the file back when it turns out to be referenced', async () => {
    await putBytes();
    const [object] = await listed();
    expect(await storage.removeIfUnchanged(object as StoredObject, async () => false)).toBe(false);
    expect(await listed()).toEqual([object]);
    expect(await tempNames()).toEqual([]);
  });

  it('keeps a version a put made after the listing, without asking about rows', async () => {
    await putBytes();
    const [object] = await listed();
    await putBytes();
    let asked = false;
    const removed = await storage.removeIfUnchanged(object as StoredObject, async () => (asked = true));
    expect({ removed, asked }).toEqual({ removed: false, asked: false });
    expect(await storage.has(key)).toBe(true);
    expect(await tempNames()).toEqual([]);
  });

  it('a put while the old version is held aside survives the removal of the old one', async () => {
    await putBytes();
    const [object] = await listed();
    const removed = await storage.removeIfUnchanged(object as StoredObject, async () => {
      await putBytes();
      return true;
    });
    expect(removed).toBe(true);
    expect(await readFile(join(dir, 'files', key.slice(0, 2), key))).toEqual(bytes);
    expect((await listed())[0]?.version).not.toBe(object?.version);
    expect(await tempNames()).toEqual([]);
  });

  it('says false for a key that is already gone', async () => {
    await putBytes();
    const [object] = await listed();
    await rm(join(dir, 'files', key.slice(0, 2), key));
    expect(await storage.removeIfUnchanged(object as StoredObject, async () => true)).toBe(false);
  });

  it('at init, puts back a file a crash left held aside, unless the key was stored again', async () => {
    const held = join(dir, 'tmp', `${key}.${randomUUID()}.sweep`);
    await writeFile(held, bytes);
    await new LocalDiskStorage(dir).init();
    expect(await storage.has(key)).toBe(true);
    expect(existsSync(held)).toBe(false);

    await writeFile(held, Buffer.from('an older copy'));
    await new LocalDiskStorage(dir).init();
    expect(await readFile(join(dir, 'files', key.slice(0, 2), key))).toEqual(bytes);
    expect(existsSync(held)).toBe(false);
  });

  it('lists only files named by their hash in their own shard', async () => {
    await putBytes();
    await mkdir(join(dir, 'files', 'zz'), { recursive: true });
    await writeFile(join(dir, 'files', 'zz', 'readme.txt'), 'x');
    await mkdir(join(dir, 'files', 'ab'), { recursive: true });
    await writeFile(join(dir, 'files', 'ab', `ab${'0'.repeat(62)}`), 'x');
    await writeFile(join(dir, 'files', 'ab', 'AB-not-a-hash'), 'x');
    await mkdir(join(dir, 'files', 'cd'), { recursive: true });
    await writeFile(join(dir, 'files', 'cd', `ab${'1'.repeat(62)}`), 'x');
    expect((await listed()).map((o) => o.key).sort()).toEqual([key, `ab${'0'.repeat(62)}`].sort());
  });

  it('removes temp files by name only', async () => {
    await writeFile(storage.tempPath('a.upload'), 'x');
    expect(await storage.removeTemp('a.upload')).toBe(true);
    expect(await storage.removeTemp('a.upload')).toBe(false);
    await expect(storage.removeTemp('../files/x')).rejects.toThrow('invalid temp name');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });
});
