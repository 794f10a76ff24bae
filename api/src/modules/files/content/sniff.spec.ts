import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffFile } from './sniff.js';
import { docx, elf, heic, jpeg, ofd, pdf, png, webp, windowsExecutable, xmpPacket, zip } from './testing/fixtures.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sniff(name: string, bytes: Buffer): Promise<Awaited<ReturnType<typeof sniffFile>>> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return sniffFile(path);
}

describe('sniffFile accepts', () => {
  it.each([
    ['a PDF', 'a.pdf', pdf(), 'pdf', 'application/pdf'],
    ['a JPEG', 'a.jpg', jpeg({ exif: true }), 'jpeg', 'image/jpeg'],
    ['a PNG', 'a.png', png(), 'png', 'image/png'],
    ['a WebP', 'a.webp', webp({ exif: true }), 'webp', 'image/webp'],
    ['an iPhone HEIC', 'a.heic', heic({ exif: true }).bytes, 'heic', 'image/heic'],
    ['an OFD', 'a.ofd', ofd(), 'ofd', 'application/ofd'],
  ])('%s', async (_, name, bytes, kind, mime) => {
    await expect(sniff(name, bytes)).resolves.toEqual({ kind, mime });
  });

  it.each([['heix'], ['hevc'], ['hevx'], ['heim'], ['heis'], ['mif1'], ['msf1']])(
    'HEIF with major brand %s, as heic',
    async (brand) => {
      const bytes = heic({ majorBrand: brand, compatibleBrands: [] }).bytes;
      await expect(sniff(`major-${brand}`, bytes)).resolves.toEqual({ kind: 'heic', mime: 'image/heic' });
    },
  );

  it('HEIF whose HEIF brand is only among the compatible brands', async () => {
    const bytes = heic({ majorBrand: 'isom', compatibleBrands: ['iso8', 'mif1'] }).bytes;
    await expect(sniff('compatible.heic', bytes)).resolves.toEqual({ kind: 'heic', mime: 'image/heic' });
  });

  it('an OFD whose ZIP ends with a comment, and a ZIP64 OFD', async () => {
    await expect(sniff('comment.ofd', ofd({ comment: 'PK\x05\x06 not a record' }))).resolves.toMatchObject({
      kind: 'ofd',
    });
    await expect(sniff('zip64.ofd', ofd({ zip64: true }))).resolves.toMatchObject({ kind: 'ofd' });
  });

  it('by the bytes, whatever the name says', async () => {
    await expect(sniff('invoice.pdf', png())).resolves.toEqual({ kind: 'png', mime: 'image/png' });
    await expect(sniff('photo.jpg', ofd())).resolves.toEqual({ kind: 'ofd', mime: 'application/ofd' });
    await expect(sniff('no-extension', heic().bytes)).resolves.toMatchObject({ kind: 'heic' });
  });
});

describe('sniffFile refuses', () => {
  const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(20)]);
  const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(20)]);
  const mp4 = heic({ majorBrand: 'isom', compatibleBrands: ['iso2', 'mp41'] }).bytes;
  const truncatedZip = ofd().subarray(0, 200);
  it.each([
    ['an ELF executable', 'a.pdf', elf()],
    ['a Windows executable (MZ)', 'a.jpg', windowsExecutable()],
    ['a GIF', 'a.png', gif],
    ['a RIFF that is not WebP', 'a.webp', wav],
    ['an MP4 (ftyp without a HEIF brand)', 'a.heic', mp4],
    ['a Word document (ZIP without OFD.xml)', 'a.ofd', docx()],
    ['a ZIP with OFD.xml only inside a folder', 'b.ofd', zip([{ name: 'Doc_0/OFD.xml', data: '<x/>' }])],
    ['a ZIP whose entry differs in case', 'c.ofd', zip([{ name: 'ofd.xml', data: '<x/>' }])],
    ['a ZIP cut before its central directory', 'd.ofd', truncatedZip],
    ['an empty ZIP', 'e.ofd', zip([])],
    ['plain text', 'a.txt', Buffer.from('hello, 你好\n', 'utf8')],
    ['XML', 'a.xml', xmpPacket()],
    ['an empty file', 'empty.pdf', Buffer.alloc(0)],
    ['a file shorter than any signature', 'short.pdf', Buffer.from('%PD', 'latin1')],
    ['two bytes of a JPEG', 'short.jpg', Buffer.from([0xff, 0xd8])],
  ])('%s', async (_, name, bytes) => {
    await expect(sniff(name, bytes)).resolves.toBeNull();
  });

  it('an OFD.xml listed in local headers but missing from the central directory', async () => {
    // The entry name appears in the local header; the directory (what readers use) lists a renamed entry.
    const bytes = ofd();
    const directoryName = bytes.lastIndexOf('OFD.xml');
    bytes.write('OFX', directoryName, 'latin1');
    await expect(sniff('local-only.ofd', bytes)).resolves.toBeNull();
  });

  it('a missing file, with the error of the file system', async () => {
    await expect(sniffFile(join(dir, 'does-not-exist'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
