import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type Booted, firm } from './support/app.js';
import { ENGINES } from './support/databases.js';
import { age, fetchOnce, pdf, startUpload, upload, writeAged } from './support/files.js';
import { FileEntity } from '../../api/src/modules/files/file.entity.js';
import { FILE_STORAGE, type LocalDiskStorage } from '../../api/src/modules/files/storage.js';
import { FileSweeper, SWEEP_MIN_AGE_MS, UploadsInFlight } from '../../api/src/modules/files/sweep.js';

/** Older than anything the sweep spares. */
const OLD = SWEEP_MIN_AGE_MS + 3600_000;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const storedPath = (dataDir: string, key: string): string => join(dataDir, 'files', key.slice(0, 2), key);
const tempPath = (dataDir: string, name: string): string => join(dataDir, 'tmp', name);
/** A name of the kind an upload gives its temp file, and the one metadata stripping gives its rewrite. */
const uploadTemp = (): string => `${randomUUID()}.upload`;
const stripTemp = (): string => `.${randomUUID()}.upload.${randomBytes(6).toString('hex')}.tmp`;

/** Everything a crash can leave behind, two days old, and what must survive beside it. */
const leaveCrashDebris = (dataDir: string) => {
  const orphanBytes = pdf(`orphan-${randomUUID()}`);
  const debris = {
    temps: [uploadTemp(), uploadTemp(), stripTemp()].map((name, i) => ({ name, bytes: randomBytes(1000 * (i + 1)) })),
    orphan: { key: sha256(orphanBytes), bytes: orphanBytes },
    /** Another instance's upload, receiving right now. */
    young: uploadTemp(),
    /** Not an upload's: never ours to remove. */
    foreign: 'operator-notes.txt',
  };
  for (const t of debris.temps) writeAged(tempPath(dataDir, t.name), t.bytes, OLD);
  writeAged(storedPath(dataDir, debris.orphan.key), orphanBytes, OLD);
  writeAged(tempPath(dataDir, debris.young), Buffer.from('half an upload'), 0);
  writeAged(tempPath(dataDir, debris.foreign), Buffer.from('notes'), OLD);
  return debris;
};

const download = async (api: Booted, token: string, id: number): Promise<{ status: number; bytes: Buffer }> => {
  const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token });
  const { status, bytes } = await fetchOnce(api.url, link.body.path);
  return { status, bytes };
};

describe.each(ENGINES)('sweeping what uploads left behind on %s', (engine) => {
  describe('at boot and on schedule', () => {
    let api: Booted;
    let dataDir: string;
    let debris: ReturnType<typeof leaveCrashDebris>;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'huiqi-sweep-'));
      debris = leaveCrashDebris(dataDir);
      api = await boot(engine, { DATA_DIR: dataDir, FILE_SWEEP_INTERVAL_SECONDS: '1' });
    });
    afterAll(async () => {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('what a crash left is gone once the API has booted; young and foreign files stay', () => {
      for (const t of debris.temps) expect(existsSync(tempPath(dataDir, t.name))).toBe(false);
      expect(existsSync(storedPath(dataDir, debris.orphan.key))).toBe(false);
      expect(existsSync(tempPath(dataDir, debris.young))).toBe(true);
      expect(existsSync(tempPath(dataDir, debris.foreign))).toBe(true);
    });

    it('a scheduled sweep removes new debris and keeps every file a row references, however old', async () => {
      const token = await api.login('applicant', 'sweep-scheduled');
      const org = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(81) })).body.id;
      const kept = pdf('kept-by-its-row');
      const uploaded = await upload(api.url, token, org, kept, 'kept.pdf');
      expect(uploaded.status).toBe(201);
      age(storedPath(dataDir, sha256(kept)), OLD);
      const later = leaveCrashDebris(dataDir);

      const report = await api.app.app.get(FileSweeper).nextScheduledSweep();
      expect(report).toBeDefined();
      for (const t of later.temps) expect(existsSync(tempPath(dataDir, t.name))).toBe(false);
      expect(existsSync(storedPath(dataDir, later.orphan.key))).toBe(false);
      expect(existsSync(tempPath(dataDir, later.young))).toBe(true);
      expect(existsSync(storedPath(dataDir, sha256(kept)))).toBe(true);
      expect(await download(api, token, uploaded.body.file?.id as number)).toEqual({ status: 200, bytes: kept });
    });
  });

  describe('never a file a live upload or a row needs', () => {
    let api: Booted;
    let token: string;
    let org: number;
    let sweeper: FileSweeper;
    let storage: LocalDiskStorage;
    /** A sweep as another API instance on the same disk runs it: it knows nothing of this one's uploads. */
    let otherInstance: FileSweeper;

    beforeAll(async () => {
      api = await boot(engine);
      token = await api.login('applicant', 'sweep-live');
      org = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(82) })).body.id;
      sweeper = api.app.app.get(FileSweeper);
      storage = api.app.app.get(FILE_STORAGE);
      otherInstance = new FileSweeper(api.app.dataSource, storage, new UploadsInFlight(), api.config);
    });
    afterAll(() => api.close());

    it('counts what it removed, to the byte', async () => {
      const debris = leaveCrashDebris(api.config.dataDir);
      const report = await sweeper.sweep();
      expect(report).toEqual({
        temp: { count: 3, bytes: debris.temps.reduce((sum, t) => sum + t.bytes.length, 0) },
        stored: { count: 1, bytes: debris.orphan.bytes.length },
      });
      expect(await sweeper.sweep()).toEqual({ temp: { count: 0, bytes: 0 }, stored: { count: 0, bytes: 0 } });
      expect(existsSync(tempPath(api.config.dataDir, debris.young))).toBe(true);
    });

    it('the temp file of an upload still arriving stays, however long it has been idle', async () => {
      const bytes = Buffer.concat([pdf('slow-phone'), randomBytes(64 * 1024)]);
      let answer: Awaited<ReturnType<ReturnType<typeof startUpload>['finish']>>;
      const tmp = join(api.config.dataDir, 'tmp');
      const before = new Set(readdirSync(tmp));
      const slow = startUpload(api.url, token, org, bytes, 'slow.pdf', 32 * 1024);
      try {
        // Every byte sent so far written (the parser may hold back what could start a boundary), so
        // nothing writes to the temp file again until the rest is sent: wait for that (bounded).
        const receiving = () =>
          readdirSync(tmp).filter(
            (n) => !before.has(n) && n.endsWith('.upload') && statSync(join(tmp, n)).size >= 32 * 1024 - 100,
          );
        for (let waited = 0; receiving().length === 0 && waited < 5000; waited += 20)
          await new Promise((resolve) => setTimeout(resolve, 20));
        expect(receiving()).toHaveLength(1);
        const temp = join(tmp, receiving()[0] as string);
        // Idle for two days, as far as its modification time can tell.
        age(temp, OLD);

        expect((await sweeper.sweep()).temp.count).toBe(0);
        expect(existsSync(temp)).toBe(true);
        // Still old when swept: only the knowledge that its upload is live kept it.
        expect(statSync(temp).mtimeMs).toBeLessThan(Date.now() - SWEEP_MIN_AGE_MS);
      } finally {
        answer = await slow.finish();
      }
      expect(answer.status).toBe(201);
      expect(await download(api, token, answer.body.file?.id as number)).toEqual({ status: 200, bytes });
    });

    it('a sweep between the upload moving its file into the store and writing its row keeps the file', async () => {
      // A crashed upload of these bytes left them stored without a row, two days ago; now they come again.
      const bytes = pdf('stored-then-crashed');
      const key = sha256(bytes);
      writeAged(storedPath(api.config.dataDir, key), bytes, OLD);
      const during: Awaited<ReturnType<FileSweeper['sweep']>>[] = [];
      storage.testHooks.afterPut = async (put) => {
        if (put !== key) return;
        during.push(await otherInstance.sweep(), await sweeper.sweep());
      };
      try {
        const res = await upload(api.url, token, org, bytes, 'again.pdf');
        expect(res.status).toBe(201);
        expect(during.map((r) => r.stored.count)).toEqual([0, 0]);
        expect(await download(api, token, res.body.file?.id as number)).toEqual({ status: 200, bytes });
      } finally {
        delete storage.testHooks.afterPut;
      }
    });

    it('an upload of the same bytes after the sweep judged a file unreferenced, before it removes it, keeps the file', async () => {
      const bytes = pdf('judged-then-uploaded');
      const key = sha256(bytes);
      writeAged(storedPath(api.config.dataDir, key), bytes, OLD);
      let uploaded: Awaited<ReturnType<typeof upload>> | undefined;
      otherInstance.testHooks.beforeRemove = async (judged) => {
        if (judged === key) uploaded = await upload(api.url, token, org, bytes, 'same-bytes.pdf');
      };
      try {
        const report = await otherInstance.sweep();
        expect(uploaded?.status).toBe(201);
        expect(report.stored.count).toBe(0);
        expect(await download(api, token, uploaded?.body.file?.id as number)).toEqual({ status: 200, bytes });
      } finally {
        delete otherInstance.testHooks.beforeRemove;
      }
    });

    it('a row written after the sweep judged a file unreferenced, before it removes it, keeps the file', async () => {
      // The row of an upload that stalled between put and its row for longer than the grace period.
      const bytes = pdf('row-arrives-late');
      const key = sha256(bytes);
      writeAged(storedPath(api.config.dataDir, key), bytes, OLD);
      let id = 0;
      otherInstance.testHooks.beforeRemove = async (judged) => {
        if (judged !== key) return;
        const files = api.app.dataSource.getRepository(FileEntity);
        id = (
          await files.save(
            files.create({
              orgId: org,
              sha256: key,
              size: bytes.length,
              kind: 'pdf',
              mime: 'application/pdf',
              originalName: 'late.pdf',
              storageKey: key,
              uploadedBy: 1,
            }),
          )
        ).id;
      };
      try {
        expect((await otherInstance.sweep()).stored.count).toBe(0);
        expect(await download(api, token, id)).toEqual({ status: 200, bytes });
      } finally {
        delete otherInstance.testHooks.beforeRemove;
      }
    });
  });
});

describe('a row whose stored bytes are gone', () => {
  it('answers the download with a clear 404 before sending anything, not a response cut off half-way', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'huiqi-lost-'));
    const api = await boot('sqlite', { DATA_DIR: dataDir });
    try {
      const token = await api.login('applicant', 'lost-bytes');
      const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(62) });
      const bytes = pdf(`lost-${randomUUID()}`);
      const uploaded = await upload(api.url, token, org.body.id, bytes, 'lost.pdf', 'application/pdf');
      expect(uploaded.status).toBe(201);
      rmSync(storedPath(dataDir, sha256(bytes)));

      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${uploaded.body.file?.id}/link`, { token });
      const res = await fetchOnce(api.url, link.body.path);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.bytes.toString())).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('重新上传'),
      });
    } finally {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
