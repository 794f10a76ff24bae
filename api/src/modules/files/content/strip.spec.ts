import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { type FileKind } from './sniff.js';
import { MalformedFileError, stripMetadata } from './strip.js';
import { PLACE, PNG_IDAT, heic, jpeg, ofd, pdf, png, webp } from './testing/fixtures.js';

let dir = '';
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(bytes: Buffer): Promise<string> {
  counter += 1;
  const path = join(dir, `upload-${counter}`);
  await writeFile(path, bytes);
  return path;
}

/** Strips a fresh file holding `bytes`; answers the result and the file's bytes afterwards. */
async function strip(bytes: Buffer, kind: FileKind) {
  const path = await fileWith(bytes);
  const result = await stripMetadata(path, kind);
  return { path, result, after: await readFile(path) };
}

/**
 * What must not survive: the Exif header with its TIFF structure, the GPSInfo tag (big-endian
 * 0x8825), XMP, the place name. (A HEIC keeps the item type 'Exif' in iinf: only the payload goes.)
 */
function expectNoLocation(bytes: Buffer): void {
  expect(bytes.includes('Exif\0\0MM')).toBe(false);
  expect(bytes.includes('MM\0*')).toBe(false);
  expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
  expect(bytes.includes('xmpmeta')).toBe(false);
  expect(bytes.includes(PLACE)).toBe(false);
}

async function expectNoTempFiles(): Promise<void> {
  expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
}

/** Markers of the segments before the entropy-coded data, SOS included. */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  for (let position = 2; position < bytes.length;) {
    const marker = bytes[position + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    position += 2 + bytes.readUInt16BE(position + 2);
  }
  return markers;
}

function pngChunks(bytes: Buffer): { type: string; data: Buffer; crcValid: boolean }[] {
  const chunks: { type: string; data: Buffer; crcValid: boolean }[] = [];
  for (let position = 8; position < bytes.length;) {
    const length = bytes.readUInt32BE(position);
    const typeAndData = bytes.subarray(position + 4, position + 8 + length);
    chunks.push({
      type: typeAndData.toString('latin1', 0, 4),
      data: typeAndData.subarray(4),
      crcValid: bytes.readUInt32BE(position + 8 + length) === crc32(typeAndData),
    });
    position += 12 + length;
  }
  return chunks;
}

describe('the fixtures', () => {
  it.each([
    ['JPEG', jpeg({ exif: true, xmp: true, photoshop: true })],
    ['PNG', png({ exif: true, text: true, xmp: true })],
    ['WebP', webp({ exif: true, xmp: true })],
    ['HEIC', heic({ exif: true, xmp: 'mdat' }).bytes],
  ])('%s carries the GPS tag, XMP and the place before stripping', (_, bytes) => {
    expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(true);
    expect(bytes.includes('MM\0*')).toBe(true);
    expect(bytes.includes('xmpmeta')).toBe(true);
    expect(bytes.includes(PLACE)).toBe(true);
  });
});

describe('stripMetadata on JPEG', () => {
  const full = jpeg({ exif: true, xmp: true, photoshop: true });

  it('drops Exif, XMP and Photoshop segments and keeps every other byte', async () => {
    expect(full.includes(Buffer.from([0x88, 0x25]))).toBe(true);
    const { result, after } = await strip(full, 'jpeg');
    expect(result).toEqual({ stripped: true, removed: ['APP1 Exif', 'APP1 XMP', 'APP13 Photoshop IRB'] });
    expectNoLocation(after);
    expect(after.includes('Photoshop')).toBe(false);
    expect(after).toEqual(jpeg());
    expect(after.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(after.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // APP0 (JFIF), APP2 (ICC), DQT, SOF0, DHT, DHT, SOS
    expect(jpegMarkers(after)).toEqual([0xe0, 0xe2, 0xdb, 0xc0, 0xc4, 0xc4, 0xda]);
    expect(after.includes('JFIF\0')).toBe(true);
    expect(after.includes('ICC_PROFILE\0')).toBe(true);
    await expectNoTempFiles();
  });

  it('is idempotent: a second pass finds nothing and changes nothing', async () => {
    const { path, after } = await strip(full, 'jpeg');
    await expect(stripMetadata(path, 'jpeg')).resolves.toEqual({ stripped: false, removed: [] });
    expect(await readFile(path)).toEqual(after);
  });

  it('leaves a JPEG without metadata byte-identical and unwritten', async () => {
    const path = await fileWith(jpeg());
    const before = await stat(path);
    await expect(stripMetadata(path, 'jpeg')).resolves.toEqual({ stripped: false, removed: [] });
    expect(await readFile(path)).toEqual(jpeg());
    expect((await stat(path)).ino).toBe(before.ino);
  });

  it('copies a large scan verbatim, even bytes in it that look like APP1 markers', async () => {
    const scan = Buffer.concat([randomBytes(150_000), Buffer.from([0xff, 0xe1, 0x00, 0x10]), randomBytes(150_000)]);
    const { result, after } = await strip(jpeg({ exif: true, scan }), 'jpeg');
    expect(result.removed).toEqual(['APP1 Exif']);
    expect(after).toEqual(jpeg({ scan }));
  });

  it('skips fill bytes before markers and names an APP1 it does not know', async () => {
    const other = Buffer.from([0xff, 0xff, 0xff, 0xe1, 0x00, 0x06, 0x41, 0x42, 0x43, 0x44]);
    const clean = jpeg();
    const bytes = Buffer.concat([clean.subarray(0, 2), other, clean.subarray(2)]);
    const { result, after } = await strip(bytes, 'jpeg');
    expect(result.removed).toEqual(['APP1']);
    expect(after).toEqual(clean);
  });

  it('keeps the file mode', async () => {
    const path = await fileWith(full);
    await chmod(path, 0o640);
    await stripMetadata(path, 'jpeg');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it('refuses a segment whose length runs past the end, leaving the file as it was', async () => {
    const cut = full.subarray(0, 60);
    const path = await fileWith(cut);
    const error = await stripMetadata(path, 'jpeg').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MalformedFileError);
    expect((error as MalformedFileError).message).toMatch(/文件/);
    expect(await readFile(path)).toEqual(cut);
    await expectNoTempFiles();
  });

  it('refuses a file that does not start with SOI', async () => {
    const path = await fileWith(png());
    await expect(stripMetadata(path, 'jpeg')).rejects.toBeInstanceOf(MalformedFileError);
  });
});

describe('stripMetadata on PNG', () => {
  const full = png({ exif: true, text: true, xmp: true, compressedText: true });

  it('drops eXIf and text chunks; kept chunks and their CRCs are untouched', async () => {
    const { result, after } = await strip(full, 'png');
    expect(result).toEqual({
      stripped: true,
      removed: ['eXIf', 'tEXt Comment', 'iTXt XML:com.adobe.xmp', 'zTXt Location'],
    });
    expectNoLocation(after);
    expect(after).toEqual(png());
    const chunks = pngChunks(after);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(chunks.every((chunk) => chunk.crcValid)).toBe(true);
    expect(chunks.find((chunk) => chunk.type === 'IDAT')?.data).toEqual(PNG_IDAT);
  });

  it('is idempotent, and leaves a PNG without metadata byte-identical', async () => {
    const { path, after } = await strip(full, 'png');
    await expect(stripMetadata(path, 'png')).resolves.toEqual({ stripped: false, removed: [] });
    expect(await readFile(path)).toEqual(after);
    const clean = await strip(png(), 'png');
    expect(clean.result.stripped).toBe(false);
    expect(clean.after).toEqual(png());
  });

  it('refuses a chunk cut short', async () => {
    const path = await fileWith(full.subarray(0, full.length - 20));
    await expect(stripMetadata(path, 'png')).rejects.toBeInstanceOf(MalformedFileError);
  });
});

describe('stripMetadata on WebP', () => {
  it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', async () => {
    const { result, after } = await strip(webp({ exif: true, xmp: true }), 'webp');
    expect(result).toEqual({ stripped: true, removed: ['EXIF', 'XMP'] });
    expectNoLocation(after);
    expect(after.readUInt32LE(4)).toBe(after.length - 8);
    expect(after.toString('latin1', 12, 16)).toBe('VP8X');
    const flags = after[20] ?? 0;
    expect(flags & 0x0c).toBe(0);
    expect(flags & 0x10).toBe(0x10); // the alpha flag stays
    expect(after).toEqual(webp());
  });

  it('handles one kind alone, including an odd-sized padded chunk', async () => {
    const { result, after } = await strip(webp({ xmp: true }), 'webp');
    expect(result.removed).toEqual(['XMP']);
    expect(after).toEqual(webp());
  });

  it('is idempotent, and leaves a WebP without metadata byte-identical', async () => {
    const { path, after } = await strip(webp({ exif: true }), 'webp');
    await expect(stripMetadata(path, 'webp')).resolves.toEqual({ stripped: false, removed: [] });
    expect(await readFile(path)).toEqual(after);
    const clean = await strip(webp(), 'webp');
    expect(clean.result.stripped).toBe(false);
    expect(clean.after).toEqual(webp());
  });
});

describe('stripMetadata on HEIC', () => {
  it('zeroes the Exif and XMP items in place; size and picture unchanged', async () => {
    const fixture = heic({ exif: true, xmp: 'mdat' });
    const { result, after } = await strip(fixture.bytes, 'heic');
    expect(result).toEqual({ stripped: true, removed: ['Exif item', 'XMP item'] });
    expectNoLocation(after);
    expect(after.length).toBe(fixture.bytes.length);
    expect(after.includes('Exif')).toBe(true); // the item is still declared, its payload zeroed
    const { image, exif, xmp } = fixture;
    expect(after.subarray(image.start, image.end)).toEqual(fixture.bytes.subarray(image.start, image.end));
    for (const span of [exif, xmp]) {
      if (!span) throw new Error('fixture without the item');
      expect(after.subarray(span.start, span.end).every((byte) => byte === 0)).toBe(true);
    }
    // Every byte outside the two items is as it was.
    const outside = (bytes: Buffer): Buffer =>
      Buffer.concat([bytes.subarray(0, exif?.start), bytes.subarray(xmp?.end)]);
    expect(exif?.end).toBe(xmp?.start);
    expect(outside(after)).toEqual(outside(fixture.bytes));
  });

  it.each([
    ['iloc version 0', { ilocVersion: 0 as const, xmp: 'mdat' as const }],
    ['iloc version 2 (32-bit item IDs)', { ilocVersion: 2 as const, xmp: 'mdat' as const }],
    ['XMP in idat (construction method 1)', { xmp: 'idat' as const }],
  ])('finds the items with %s', async (_, options) => {
    const fixture = heic({ exif: true, ...options });
    const { result, after } = await strip(fixture.bytes, 'heic');
    expect(result.removed).toEqual(['Exif item', 'XMP item']);
    expectNoLocation(after);
    expect(after.length).toBe(fixture.bytes.length);
    expect(after.subarray(fixture.image.start, fixture.image.end)).toEqual(
      fixture.bytes.subarray(fixture.image.start, fixture.image.end),
    );
  });

  it('is idempotent: zeroed items count as removed already', async () => {
    const { path, after } = await strip(heic({ exif: true }).bytes, 'heic');
    await expect(stripMetadata(path, 'heic')).resolves.toEqual({ stripped: false, removed: [] });
    expect(await readFile(path)).toEqual(after);
  });

  it('leaves a HEIC without an Exif item byte-identical', async () => {
    const { bytes } = heic();
    const { result, after } = await strip(bytes, 'heic');
    expect(result).toEqual({ stripped: false, removed: [] });
    expect(after).toEqual(bytes);
  });

  it('refuses an Exif item located past the end of the file', async () => {
    const { bytes, exif } = heic({ exif: true });
    const path = await fileWith(bytes.subarray(0, (exif?.end ?? 0) - 4));
    await expect(stripMetadata(path, 'heic')).rejects.toBeInstanceOf(MalformedFileError);
  });
});

describe('stripMetadata on documents', () => {
  it.each([
    ['pdf' as const, pdf()],
    ['ofd' as const, ofd()],
  ])('leaves a %s as it is', async (kind, bytes) => {
    const { result, after } = await strip(bytes, kind);
    expect(result).toEqual({ stripped: false, removed: [] });
    expect(after).toEqual(bytes);
  });
});
