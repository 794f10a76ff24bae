import { type ErrorBody } from '@huiqi/shared';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { boot, type Booted, firm, publishDemoEdition } from './support/app.js';
import * as fixtures from '../../api/src/modules/files/content/testing/fixtures.js';
import { FileEntity } from '../../api/src/modules/files/file.entity.js';
import { ENGINES } from './support/databases.js';
import {
  exe,
  fillRequired,
  formEnd,
  formPart,
  jpegWithGps,
  pdf,
  png,
  rawUpload,
  truncatedUpload,
  until,
  upload,
} from './support/files.js';

interface Material {
  id: string;
  validity: { kind: string };
  name: string;
  required: boolean;
  accepts: string[];
  proves: string[];
  provesConditions: { id: string; clause: string; status: string | null }[];
  current: { fileId: number; status: string; reason: string | null; validUntil: string | null } | null;
  history: { fileId: number; status: string }[];
}
interface Slots {
  materials: Material[];
}
const TALENT_FACTS = { orgTypes: ['ecommerce'], registeredInCity: true, trainedHireCount: 12 };

/** Files on disk under a folder, recursively. */
const filesUnder = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
};

describe.each(ENGINES)('materials and files on %s', (engine) => {
  let api: Booted;
  let alice: string;
  let bob: string;
  let orgA: number;
  let orgB: number;
  let n = 50;

  const newApplication = async (token: string, org: number, programId = 'talent-hiring'): Promise<number> =>
    (
      await api.call<{ id: number }>('POST', `/api/v1/orgs/${org}/applications`, {
        token,
        body: { programId, claimYear: 2026 },
      })
    ).body.id;
  const slots = async (token: string, app: number) =>
    api.call<Slots & ErrorBody>('GET', `/api/v1/applications/${app}/materials`, { token });
  const attach = (token: string, app: number, materialId: string, fileId: number) =>
    api.call<Slots & ErrorBody>('PUT', `/api/v1/applications/${app}/materials/${materialId}`, {
      token,
      body: { fileId },
    });
  const uploadPdf = async (token: string, org: number, marker: string, name = `${marker}.pdf`): Promise<number> => {
    const res = await upload(api.url, token, org, pdf(marker), name);
    if (!res.body.file) throw new Error(`upload failed: ${JSON.stringify(res.body)}`);
    return res.body.file.id;
  };
  beforeAll(async () => {
    api = await boot(engine, { FILE_MAX_MB: '1', APPLICATION_FILES_MAX_MB: '3' });
    await publishDemoEdition(api, 2026);
    alice = await api.login('applicant', 'files-alice');
    bob = await api.login('applicant', 'files-bob');
    orgA = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: alice, body: firm(n++) })).body.id;
    orgB = (
      await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: bob, body: firm(n++, { county: 'gaotang' }) })
    ).body.id;
    for (const [token, org] of [
      [alice, orgA],
      [bob, orgB],
    ] as const)
      await api.call('PUT', `/api/v1/orgs/${org}/facts?year=2026`, { token, body: { facts: TALENT_FACTS } });
  });
  afterAll(() => api.close());

  describe('what gets in: the type is decided by the bytes', () => {
    it.each([
      ['a PDF', () => pdf('type-pdf'), 'licence.pdf', 'pdf'],
      ['a PNG', () => png(), 'photo.png', 'png'],
      ['a JPEG', () => jpegWithGps(), 'photo.jpg', 'jpeg'],
      ['a PNG renamed .pdf (stored as the PNG it is)', () => png(), 'fake.pdf', 'png'],
    ])('%s is accepted', async (_label, bytes, name, kind) => {
      const res = await upload(api.url, alice, orgA, bytes(), name, 'application/pdf');
      expect([200, 201]).toContain(res.status);
      expect(res.body.file?.kind).toBe(kind);
    });

    it.each([
      ['a WebP photo with GPS', () => fixtures.webp({ exif: true, xmp: true }), 'site.webp', 'webp', true],
      ['an iPhone HEIC photo with GPS', () => fixtures.heic({ exif: true }).bytes, 'IMG_0001.HEIC', 'heic', true],
      ['an OFD e-document', () => fixtures.ofd(), '完税证明.ofd', 'ofd', false],
    ])('%s is accepted, and its GPS data is gone', async (_label, bytes, name, kind, hadGps) => {
      const original = bytes();
      const gps = fixtures.tiffWithGps();
      expect(original.includes(gps)).toBe(hadGps);
      const res = await upload(api.url, alice, orgA, original, name);
      expect([200, 201]).toContain(res.status);
      expect(res.body.file?.kind).toBe(kind);
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${res.body.file?.id}/link`, {
        token: alice,
      });
      const stored = Buffer.from(await (await fetch(`${api.url}${link.body.path}`)).arrayBuffer());
      expect(stored.includes(gps)).toBe(false);
      expect(stored.includes(Buffer.from(fixtures.PLACE))).toBe(false);
    });

    it.each([
      ['a docx (a ZIP without OFD.xml)', fixtures.docx(), 'report.ofd', 'application/ofd'],
      ['an ELF executable renamed .pdf', fixtures.elf(), 'licence.pdf', 'application/pdf'],
      ['an executable renamed .jpg', exe(), 'photo.jpg', 'image/jpeg'],
      ['plain text', Buffer.from('not a document'), 'notes.pdf', 'application/pdf'],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
    ])('%s is refused with 415, in Chinese, and nothing is kept', async (_label, bytes, name, type) => {
      const before = filesUnder(join(api.config.dataDir, 'files')).length;
      const res = await upload(api.url, alice, orgA, bytes, name, type);
      expect(res.status).toBe(415);
      expect(res.body['code']).toBe('UNSUPPORTED_FILE_TYPE');
      expect(String(res.body['message'])).toContain('PDF');
      expect(filesUnder(join(api.config.dataDir, 'files')).length).toBe(before);
      expect(filesUnder(join(api.config.dataDir, 'tmp'))).toEqual([]);
    });

    it('an oversized file is refused with 413 and nothing is stored', async () => {
      const before = filesUnder(join(api.config.dataDir, 'files')).length;
      const big = Buffer.concat([pdf('big'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await upload(api.url, alice, orgA, big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body['code']).toBe('FILE_TOO_LARGE');
      expect(String(res.body['message'])).toContain('1MB');
      expect(filesUnder(join(api.config.dataDir, 'files')).length).toBe(before);
      expect(filesUnder(join(api.config.dataDir, 'tmp'))).toEqual([]);
    });

    it('an upload cut off midway leaves no file and no row', async () => {
      const library = async () =>
        (await api.call<{ files: unknown[] }>('GET', `/api/v1/orgs/${orgA}/files`, { token: alice })).body.files.length;
      const rows = await library();
      const tmp = join(api.config.dataDir, 'tmp');
      expect(filesUnder(tmp)).toEqual([]);
      // Cut once the server is writing the upload's temp file, so there is something to clean up.
      await truncatedUpload(api.url, alice, orgA, pdf('cut-off'), () => filesUnder(tmp).length > 0);
      // The server notices the dropped connection asynchronously: poll, with a deadline, for its clean-up.
      await until('the temp file of the cut upload to go', () => filesUnder(tmp).length === 0);
      expect(await library()).toBe(rows);
    });

    it('two files in one request are refused: one file an upload', async () => {
      const form = new FormData();
      form.append('file', new Blob([pdf('one')]), 'one.pdf');
      form.append('file', new Blob([pdf('two')]), 'two.pdf');
      const res = await fetch(`${api.url}/api/v1/files?orgId=${orgA}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice}` },
        body: form,
      });
      const body = (await res.json()) as { message: string };
      expect(res.status).toBe(400);
      expect(body.message).toContain('一次只能上传一个文件');
      const library = await api.call<{ files: { name: string }[] }>('GET', `/api/v1/orgs/${orgA}/files`, {
        token: alice,
      });
      expect(library.body.files.map((f) => f.name)).not.toContain('one.pdf');
    });

    describe('a multipart body the parser cannot read answers its own 400, never a 500', () => {
      const B = 'huiqi-boundary';
      const good = (marker: string) => Buffer.concat([formPart(B, 'file', pdf(marker), `${marker}.pdf`), formEnd(B)]);
      const libraryNames = async () =>
        (
          await api.call<{ files: { name: string }[] }>('GET', `/api/v1/orgs/${orgA}/files`, { token: alice })
        ).body.files.map((f) => f.name);

      it.each([
        ['no boundary', 'multipart/form-data', () => good('mp-none')],
        ['an empty boundary', 'multipart/form-data; boundary=', () => good('mp-empty')],
        ['a boundary the body never uses', 'multipart/form-data; boundary=other-boundary', () => good('mp-wrong')],
        [
          'a boundary longer than the parser takes',
          `multipart/form-data; boundary=${'b'.repeat(300)}`,
          () => good('mp-long'),
        ],
        ['a body cut off inside the file', `multipart/form-data; boundary=${B}`, () => good('mp-cut').subarray(0, 120)],
        [
          'a body without its closing delimiter',
          `multipart/form-data; boundary=${B}`,
          () => formPart(B, 'file', pdf('mp-open'), 'mp-open.pdf'),
        ],
        ['bytes that are not multipart at all', `multipart/form-data; boundary=${B}`, () => Buffer.from('hello')],
      ])('%s: 400 MALFORMED_MULTIPART in Chinese, nothing kept', async (_label, contentType, body) => {
        const before = await libraryNames();
        const res = await rawUpload(api.url, alice, orgA, contentType, body());
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          code: 'MALFORMED_MULTIPART',
          message: expect.stringContaining('boundary') as string,
          details: [{ field: 'file', message: '无法读取上传的表单（multipart/form-data）' }],
          requestId: expect.any(String) as string,
        });
        expect(res.body.message).toContain('字段名 file');
        expect(await libraryNames()).toEqual(before);
        expect(filesUnder(join(api.config.dataDir, 'tmp'))).toEqual([]);
      });

      it.each([
        ['before the file', (fields: Buffer[], file: Buffer) => [...fields, file]],
        ['after the file', (fields: Buffer[], file: Buffer) => [file, ...fields]],
      ])('too many form fields %s: 400 TOO_MANY_FIELDS, not "file too large"', async (_label, order) => {
        const before = await libraryNames();
        const fields = Array.from({ length: 11 }, (_, i) => formPart(B, `field${i}`, 'x'));
        const file = formPart(B, 'file', pdf('many-fields'), 'many-fields.pdf');
        const res = await rawUpload(
          api.url,
          alice,
          orgA,
          `multipart/form-data; boundary=${B}`,
          Buffer.concat([...order(fields, file), formEnd(B)]),
        );
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('TOO_MANY_FIELDS');
        expect(res.body.message).toContain('表单字段过多');
        expect(res.body.message).toContain('字段名 file');
        expect(await libraryNames()).toEqual(before);
        expect(filesUnder(join(api.config.dataDir, 'tmp'))).toEqual([]);
      });

      it('a few form fields beside the file are fine (Taro.uploadFile may send formData)', async () => {
        const fields = Array.from({ length: 3 }, (_, i) => formPart(B, `field${i}`, 'x'));
        const res = await rawUpload(
          api.url,
          alice,
          orgA,
          `multipart/form-data; boundary=${B}`,
          Buffer.concat([...fields, formPart(B, 'file', pdf('few-fields'), 'few-fields.pdf'), formEnd(B)]),
        );
        expect([200, 201]).toContain(res.status);
      });
    });

    it('a request that is not multipart is told how to upload', async () => {
      const res = await api.call<ErrorBody>('POST', `/api/v1/files?orgId=${orgA}`, {
        token: alice,
        body: { file: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('multipart/form-data');
    });

    it('a name is never a path: traversal names are kept only as display names', async () => {
      const res = await upload(api.url, alice, orgA, pdf('traversal'), '../../../etc/passwd.pdf');
      expect(res.body.file?.name).toBe('passwd.pdf');
      for (const path of filesUnder(api.config.dataDir)) expect(path.startsWith(api.config.dataDir)).toBe(true);
    });

    it('location metadata is stripped from photos before they are stored', async () => {
      const res = await upload(api.url, alice, orgA, jpegWithGps(), 'site.jpg');
      const id = res.body.file?.id as number;
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token: alice });
      const bytes = Buffer.from(await (await fetch(`${api.url}${link.body.path}`)).arrayBuffer());
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
      expect(bytes.includes(Buffer.from('JFIF'))).toBe(true);
    });
  });

  it('the same bytes uploaded twice by one firm are stored once', async () => {
    const first = await upload(api.url, alice, orgA, pdf('dedupe'), '营业执照.pdf');
    const second = await upload(api.url, alice, orgA, pdf('dedupe'), '营业执照（副本）.pdf');
    expect(second.body['deduplicated']).toBe(true);
    expect(second.body.file?.id).toBe(first.body.file?.id);
    const stored = filesUnder(join(api.config.dataDir, 'files')).filter((p) =>
      p.endsWith(first.body.file?.sha256 as string),
    );
    expect(stored).toHaveLength(1);
  });

  it('a firm uploads its licence once and uses it in two applications (一次提交，多次复用)', async () => {
    const licence = await uploadPdf(alice, orgA, 'licence-once', '营业执照.pdf');
    const first = await newApplication(alice, orgA, 'talent-hiring');
    const second = await newApplication(alice, orgA, 'leading-enterprise');
    const licenceSlot = async (app: number) =>
      (await slots(alice, app)).body.materials.find((m) => m.accepts.includes('pdf') && m.name.includes('营业执照'));
    for (const app of [first, second]) {
      const slot = await licenceSlot(app);
      expect(slot).toBeDefined();
      expect((await attach(alice, app, slot?.id as string, licence)).status).toBe(200);
    }
    const library = await api.call<{ files: { id: number; uses: { applicationId: number }[] }[] }>(
      'GET',
      `/api/v1/orgs/${orgA}/files`,
      { token: alice },
    );
    expect(
      library.body.files
        .find((f) => f.id === licence)
        ?.uses.map((u) => u.applicationId)
        .sort(),
    ).toEqual([first, second].sort());
    for (const app of [first, second]) await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token: alice });
  });

  it("another firm's file is invisible (404) and cannot be attached", async () => {
    const mine = await uploadPdf(alice, orgA, 'private');
    expect((await api.call('GET', `/api/v1/files/${mine}`, { token: bob })).status).toBe(404);
    expect((await api.call('POST', `/api/v1/files/${mine}/link`, { token: bob })).status).toBe(404);
    const bobs = await newApplication(bob, orgB);
    const material = (await slots(bob, bobs)).body.materials[0] as Material;
    expect((await attach(bob, bobs, material.id, mine)).status).toBe(404);
    expect((await upload(api.url, bob, orgA, pdf('intrude'), 'x.pdf')).status).toBe(404);
    await api.call('POST', `/api/v1/applications/${bobs}/withdraw`, { token: bob });
  });

  it('a material refuses a file kind it does not accept, naming what it accepts', async () => {
    const app = await newApplication(alice, orgA);
    const materials = (await slots(alice, app)).body.materials;
    const pdfOnly = materials.find((m) => !m.accepts.includes('png'));
    // The talent program asks for at least one slot that takes no photo; without one this test proves nothing.
    if (!pdfOnly) throw new Error(`no slot refuses a PNG: ${JSON.stringify(materials.map((m) => m.accepts))}`);
    const photo = await upload(api.url, alice, orgA, png(), 'scan.png');
    expect(photo.status).toBe(201);
    const res = await attach(alice, app, pdfOnly.id, photo.body.file?.id as number);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_REQUEST');
    expect(res.body.message).toContain('只接受');
    const after = (await slots(alice, app)).body.materials.find((m) => m.id === pdfOnly.id);
    expect(after?.current).toBeNull();
    await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token: alice });
  });

  it('the files of one application may not total more than APPLICATION_FILES_MAX_MB (3 MB here)', async () => {
    const app = await newApplication(alice, orgA);
    const materials = (await slots(alice, app)).body.materials.filter((m) => m.accepts.includes('pdf'));
    const nearlyOneMb = (i: number) => Buffer.concat([pdf(`bulk-${i}`), Buffer.alloc(900 * 1024, 0x20)]);
    const replies = [];
    for (let i = 0; i < 4; i++) {
      const file = (await upload(api.url, alice, orgA, nearlyOneMb(i), `bulk-${i}.pdf`)).body.file?.id as number;
      replies.push(await attach(alice, app, (materials[i] as Material).id, file));
    }
    expect(replies.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[3]?.status).toBe(413);
    expect(replies[3]?.body.message).toContain('3MB');
    const after = (await slots(alice, app)).body.materials.filter((m) => m.current);
    expect(after).toHaveLength(3);
    await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token: alice });
  });

  it('submission is refused while a required slot is empty, naming the slots', async () => {
    const app = await newApplication(alice, orgA);
    const res = await api.call<ErrorBody>('POST', `/api/v1/applications/${app}/submit`, { token: alice });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MATERIALS_MISSING');
    const required = (await slots(alice, app)).body.materials.filter((m) => m.required);
    for (const m of required) expect(res.body.message).toContain(m.name);
    await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token: alice });
  });

  it('a reviewer sees which file proves which condition, rejects one with a reason, and only that slot reopens', async () => {
    const app = await newApplication(bob, orgB);
    await fillRequired(api, bob, orgB, app);
    expect((await api.call('POST', `/api/v1/applications/${app}/submit`, { token: bob })).status).toBe(200);

    // Only reviewers of firm B's county (gaotang) or the city may look.
    const linqing = await api.login('county-reviewer', 'files-linqing', 'linqing');
    expect((await slots(linqing, app)).status).toBe(404);
    const reviewer = await api.login('city-reviewer', 'files-city');
    const seen = await slots(reviewer, app);
    expect(seen.status).toBe(200);
    const proving = seen.body.materials.find(
      (m) => m.current && m.provesConditions.some((c) => c.id === 'trained-hires'),
    );
    expect(proving?.provesConditions.find((c) => c.id === 'trained-hires')).toMatchObject({ status: 'met' });
    expect(proving?.provesConditions.find((c) => c.id === 'trained-hires')?.clause).toContain('10人以上就业');

    const other = seen.body.materials.find((m) => m.current && m.id !== proving?.id) as Material;
    const noReason = await api.call<ErrorBody>('POST', `/api/v1/applications/${app}/materials/${proving?.id}/review`, {
      token: reviewer,
      body: { decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await api.call<Slots>('POST', `/api/v1/applications/${app}/materials/${proving?.id}/review`, {
      token: reviewer,
      body: { decision: 'reject', reason: '社保缴纳记录不足6个月，请补充' },
    });
    expect(rejected.body.materials.find((m) => m.id === proving?.id)?.current).toMatchObject({
      status: 'rejected',
      reason: '社保缴纳记录不足6个月，请补充',
    });
    expect(
      (
        await api.call('POST', `/api/v1/applications/${app}/materials/${other.id}/review`, {
          token: reviewer,
          body: { decision: 'accept' },
        })
      ).status,
    ).toBe(200);
    // The applicant cannot review, and cannot touch a slot that was not sent back.
    expect(
      (
        await api.call('POST', `/api/v1/applications/${app}/materials/${other.id}/review`, {
          token: bob,
          body: { decision: 'accept' },
        })
      ).status,
    ).toBe(403);
    const fresh = await uploadPdf(bob, orgB, 'resubmitted');
    expect((await attach(bob, app, other.id, fresh)).status).toBe(409);
    const replaced = await attach(bob, app, proving?.id as string, fresh);
    expect(replaced.status).toBe(200);
    const slot = replaced.body.materials.find((m) => m.id === proving?.id);
    expect(slot?.current).toMatchObject({ fileId: fresh, status: 'attached' });
    expect(slot?.history).toEqual([expect.objectContaining({ status: 'replaced' })]);
  });

  it('the library shows what is about to expire', async () => {
    const app = await newApplication(alice, orgA);
    const yearly = (await slots(alice, app)).body.materials.find(
      (m) => m.accepts.includes('pdf') && m.validity.kind === 'claim-year',
    );
    expect(yearly).toBeDefined();
    const file = await uploadPdf(alice, orgA, 'yearly');
    const attached = await attach(alice, app, yearly?.id as string, file);
    const until = attached.body.materials.find((m) => m.id === yearly?.id)?.current?.validUntil;
    expect(until).toBe('2026-12-31');
    // Signs in again at each moment: a token from June has long expired by December.
    const entryAt = async (when: string) => {
      api.clock.current = new Date(when);
      const token = await api.login('applicant', 'files-alice');
      const library = await api.call<{
        files: { id: number; expiresOn: string | null; expiringSoon: boolean; expired: boolean }[];
      }>('GET', `/api/v1/orgs/${orgA}/files`, { token });
      return library.body.files.find((f) => f.id === file);
    };
    try {
      expect(await entryAt('2026-06-15T02:00:00Z')).toMatchObject({
        expiresOn: '2026-12-31',
        expiringSoon: false,
        expired: false,
      });
      expect(await entryAt('2026-12-20T02:00:00Z')).toMatchObject({ expiringSoon: true, expired: false });
      expect(await entryAt('2027-01-05T02:00:00Z')).toMatchObject({ expiringSoon: false, expired: true });
    } finally {
      api.clock.current = new Date('2026-06-15T02:00:00Z');
    }
    await api.call('POST', `/api/v1/applications/${app}/withdraw`, { token: alice });
  });

  describe('download through a short-lived signed link', () => {
    it('keeps a Chinese file name (RFC 5987) and the exact bytes', async () => {
      const bytes = pdf('download');
      const id = (await upload(api.url, alice, orgA, bytes, '营业执照（正本）.pdf')).body.file?.id as number;
      const link = await api.call<{ path: string; expiresAt: string }>('POST', `/api/v1/files/${id}/link`, {
        token: alice,
      });
      const res = await fetch(`${api.url}${link.body.path}&download=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="________.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照（正本）.pdf')}`,
      );
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    });

    it('takes the expiry as the decimal digits it was signed with, nothing Number() would also read', async () => {
      const id = await uploadPdf(alice, orgA, 'expires-digits');
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token: alice });
      const expires = /expires=(\d+)/.exec(link.body.path)?.[1] as string;
      expect((await fetch(`${api.url}${link.body.path}`)).status).toBe(200);
      for (const spelled of [
        `0x${Number(expires).toString(16)}`,
        `${expires}.0`,
        `${expires}e0`,
        `+${expires}`,
        `%20${expires}`,
        `${expires}%20`,
        `0${expires}`,
      ]) {
        const res = await fetch(`${api.url}${link.body.path.replace(`expires=${expires}`, `expires=${spelled}`)}`);
        expect({ spelled, status: res.status }).toEqual({ spelled, status: 403 });
      }
    });

    describe('the name carries the extension of the detected type', () => {
      let carol: string;
      let orgC: number;
      beforeAll(async () => {
        // A firm of its own: the same bytes uploaded again by one firm keep the first upload's name.
        carol = await api.login('applicant', 'files-carol');
        orgC = (await api.call<{ id: number }>('POST', '/api/v1/orgs', { token: carol, body: firm(n++) })).body.id;
      });
      const disposition = async (id: number, attachment: boolean): Promise<string | null> => {
        const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token: carol });
        const res = await fetch(`${api.url}${link.body.path}${attachment ? '&download=1' : ''}`);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        return res.headers.get('content-disposition');
      };
      const expected = (name: string, attachment: boolean) =>
        `${attachment ? 'attachment' : 'inline'}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

      it.each([
        ['a PDF called .html', () => pdf('name-html'), 'poly.html', 'poly.pdf'],
        ['a PDF without an extension', () => pdf('name-none'), '营业执照（正本）', '营业执照（正本）.pdf'],
        ['a PDF with a Chinese name called .html', () => pdf('name-zh'), '保单.html', '保单.pdf'],
        ['a JPEG called .jpeg', () => jpegWithGps(), 'site.jpeg', 'site.jpeg'],
        ['a PNG called .jpg', () => png(), 'scan.jpg', 'scan.png'],
        ['a WebP without an extension', () => fixtures.webp({ exif: false, xmp: false }), 'photo', 'photo.webp'],
        ['an iPhone HEIC called .jpg', () => fixtures.heic({ exif: false }).bytes, 'IMG_0001.jpg', 'IMG_0001.heic'],
        ['an OFD called .pdf', () => fixtures.ofd(), '完税证明.pdf', '完税证明.ofd'],
      ])('%s is stored, listed and downloaded under the extension of its type', async (_label, bytes, sent, name) => {
        const res = await upload(api.url, carol, orgC, bytes(), sent);
        expect(res.body['deduplicated']).toBe(false);
        expect(res.body.file?.name).toBe(name);
        const id = res.body.file?.id as number;
        expect((await api.call<{ name: string }>('GET', `/api/v1/files/${id}`, { token: carol })).body.name).toBe(name);
        expect(await disposition(id, false)).toBe(expected(name, false));
        expect(await disposition(id, true)).toBe(expected(name, true));
      });

      it.each([
        ['poly.html', 'poly.pdf'],
        ['旧营业执照.html', '旧营业执照.pdf'],
        ['无扩展名', '无扩展名.pdf'],
      ])('a row stored before the fix as %s is listed and downloaded as %s', async (stored, name) => {
        const id = (await upload(api.url, carol, orgC, pdf(`legacy-${stored}`), 'legacy.pdf')).body.file?.id as number;
        // What the upload stored before names took the detected type's extension.
        await api.app.dataSource.getRepository(FileEntity).update(id, { originalName: stored });
        const library = await api.call<{ files: { id: number; name: string }[] }>('GET', `/api/v1/orgs/${orgC}/files`, {
          token: carol,
        });
        expect(library.body.files.find((f) => f.id === id)?.name).toBe(name);
        expect(await disposition(id, false)).toBe(expected(name, false));
        expect(await disposition(id, true)).toBe(expected(name, true));
      });
    });

    it('refuses a tampered or expired link', async () => {
      const id = await uploadPdf(alice, orgA, 'expiring');
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${id}/link`, { token: alice });
      expect((await fetch(`${api.url}${link.body.path.replace(/signature=./, 'signature=x')}`)).status).toBe(403);
      expect((await fetch(`${api.url}/api/v1/files/${id}/content`)).status).toBe(403);
      api.clock.advance(10 * 60_000);
      expect((await fetch(`${api.url}${link.body.path}`)).status).toBe(403);
      api.clock.current = new Date('2026-06-15T02:00:00Z');
    });
  });
});
