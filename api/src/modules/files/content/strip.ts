import { type ByteRange, findMetadataItems } from './heif.js';
import { type ByteSource, MalformedFileError, type Piece, rewriteFile, withSource } from './io.js';
import { type FileKind } from './sniff.js';

// Callers catch it here, beside the function that throws it.
export { MalformedFileError } from './io.js';

export interface StripResult {
  /** Whether the file was rewritten. */
  readonly stripped: boolean;
  /** What was removed, one entry per segment, chunk or item, e.g. 'APP1 Exif'. */
  readonly removed: readonly string[];
}

/** What to write instead of the file, and what that leaves out. Nothing removed: leave the file alone. */
interface Plan {
  readonly pieces: readonly Piece[];
  readonly removed: readonly string[];
}

const UNCHANGED: StripResult = { stripped: false, removed: [] };

/**
 * Removes the metadata of an uploaded image that can carry where it was taken (Exif with its GPS
 * IFD, XMP, IPTC), rewriting `path` in place; the pixels and everything else are kept byte for byte.
 * `kind` is what `sniffFile` found. A file without such metadata is left untouched, so stripping
 * twice changes nothing. Throws MalformedFileError when the structure cannot be followed, since
 * then nothing can be promised about what the file still holds.
 *
 * PDF and OFD are left as they are: their document metadata (author, producer, dates) says
 * nothing about location, and rewriting documents is out of scope.
 */
export async function stripMetadata(path: string, kind: FileKind): Promise<StripResult> {
  if (kind === 'pdf' || kind === 'ofd') return UNCHANGED;
  return withSource(path, async (source) => {
    const plan = await planFor(kind, source);
    if (plan.removed.length === 0) return UNCHANGED;
    await rewriteFile(path, source, plan.pieces);
    return { stripped: true, removed: plan.removed };
  });
}

function planFor(kind: Exclude<FileKind, 'pdf' | 'ofd'>, source: ByteSource): Promise<Plan> {
  switch (kind) {
    case 'jpeg':
      return planJpeg(source);
    case 'png':
      return planPng(source);
    case 'webp':
      return planWebp(source);
    case 'heic':
      return planHeic(source);
  }
}

/** Collects the kept ranges of a file from which some ranges are dropped. */
class Keeper {
  readonly pieces: Piece[] = [];
  readonly removed: string[] = [];
  private keptFrom = 0;

  drop(start: number, end: number, label: string): void {
    if (start > this.keptFrom) this.pieces.push({ op: 'copy', start: this.keptFrom, end: start });
    this.keptFrom = end;
    this.removed.push(label);
  }

  finish(size: number): Plan {
    if (size > this.keptFrom) this.pieces.push({ op: 'copy', start: this.keptFrom, end: size });
    return { pieces: this.pieces, removed: this.removed };
  }
}

const JPEG = { SOI: 0xd8, EOI: 0xd9, SOS: 0xda, APP1: 0xe1, APP13: 0xed, TEM: 0x01 } as const;

/**
 * JPEG: drops APP1 (Exif, XMP) and APP13 (Photoshop IRB with IPTC) segments before the first
 * SOS. From SOS on, the entropy-coded data is copied verbatim: metadata segments come before it.
 */
async function planJpeg(source: ByteSource): Promise<Plan> {
  const soi = await source.exactly(0, 2, 'JPEG SOI');
  if (soi[0] !== 0xff || soi[1] !== JPEG.SOI) throw new MalformedFileError('JPEG does not start with SOI');
  const keeper = new Keeper();
  for (let position = 2; ;) {
    const segmentStart = position;
    let marker = await source.exactly(position, 2, 'JPEG marker');
    if (marker[0] !== 0xff) throw new MalformedFileError(`no JPEG marker at ${position}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (marker[1] === 0xff) {
      position += 1;
      marker = await source.exactly(position, 2, 'JPEG marker');
    }
    const code = marker[1] ?? 0;
    if (code === JPEG.SOS || code === JPEG.EOI) break;
    if (code === JPEG.TEM || (code >= 0xd0 && code <= 0xd7)) {
      position += 2; // markers without a length field
      continue;
    }
    if (code === 0x00 || code === JPEG.SOI)
      throw new MalformedFileError(`unexpected JPEG marker ${code} at ${position}`);
    const length = (await source.exactly(position + 2, 2, 'JPEG segment length')).readUInt16BE(0);
    const end = position + 2 + length;
    if (length < 2 || end > source.size)
      throw new MalformedFileError(`JPEG segment at ${position} has length ${length}`);
    if (code === JPEG.APP1 || code === JPEG.APP13) {
      const payload = await source.read(position + 4, Math.min(length - 2, 64));
      keeper.drop(segmentStart, end, code === JPEG.APP1 ? describeApp1(payload) : describeApp13(payload));
    }
    position = end;
  }
  return keeper.finish(source.size);
}

function describeApp1(payload: Buffer): string {
  if (hasPrefix(payload, 'Exif\0')) return 'APP1 Exif';
  if (hasPrefix(payload, 'http://ns.adobe.com/xap/1.0/\0')) return 'APP1 XMP';
  if (hasPrefix(payload, 'http://ns.adobe.com/xmp/extension/\0')) return 'APP1 XMP extension';
  return 'APP1';
}

function describeApp13(payload: Buffer): string {
  return hasPrefix(payload, 'Photoshop 3.0\0') ? 'APP13 Photoshop IRB' : 'APP13';
}

function hasPrefix(bytes: Buffer, prefix: string): boolean {
  const wanted = Buffer.from(prefix, 'latin1');
  return bytes.subarray(0, wanted.length).equals(wanted);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** eXIf is Exif; the text chunks carry free text, and iTXt 'XML:com.adobe.xmp' carries XMP. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);
const PNG_TEXT = new Set(['tEXt', 'iTXt', 'zTXt']);

/** PNG: drops whole chunks, so the CRC of every kept chunk stays valid as it is. */
async function planPng(source: ByteSource): Promise<Plan> {
  const signature = await source.exactly(0, 8, 'PNG signature');
  if (!signature.equals(PNG_SIGNATURE)) throw new MalformedFileError('PNG signature missing');
  const keeper = new Keeper();
  for (let position = 8; position < source.size;) {
    const header = await source.exactly(position, 8, 'PNG chunk header');
    const length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    const end = position + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff || end > source.size) {
      throw new MalformedFileError(`PNG chunk at ${position} is damaged`);
    }
    if (PNG_DROPPED.has(type)) {
      // The keyword (up to 79 Latin-1 characters and a NUL) says what the text was, for the log.
      const keyword = PNG_TEXT.has(type) ? keywordOf(await source.read(position + 8, Math.min(length, 80))) : '';
      keeper.drop(position, end, keyword ? `${type} ${keyword}` : type);
    }
    position = end;
    if (type === 'IEND') break;
  }
  return keeper.finish(source.size);
}

function keywordOf(data: Buffer): string {
  const nul = data.indexOf(0);
  return data
    .toString('latin1', 0, nul === -1 ? data.length : nul)
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
}

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * WebP: drops the EXIF and XMP chunks, clears their flags in VP8X (a reader would otherwise look
 * for them), and writes the RIFF size anew.
 */
async function planWebp(source: ByteSource): Promise<Plan> {
  const header = await source.exactly(0, 12, 'RIFF header');
  if (header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WEBP') {
    throw new MalformedFileError('not a RIFF WEBP file');
  }
  const riffEnd = Math.min(8 + header.readUInt32LE(4), source.size);
  const kept: Piece[] = [];
  const removed: string[] = [];
  let keptLength = 4; // 'WEBP'
  let position = 12;
  while (position + 8 <= riffEnd) {
    const chunk = await source.exactly(position, 8, 'WebP chunk header');
    const fourcc = chunk.toString('latin1', 0, 4);
    const size = chunk.readUInt32LE(4);
    if (position + 8 + size > riffEnd) throw new MalformedFileError(`WebP chunk at ${position} runs past the RIFF end`);
    // Chunks are padded to an even size; a writer may omit the pad after the last chunk.
    const end = Math.min(position + 8 + size + (size % 2), riffEnd);
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      removed.push(fourcc.trim());
    } else if (fourcc === 'VP8X' && size >= 1) {
      // Chunk header and flags byte rewritten; the rest (reserved bits, canvas size) copied.
      const flagged = Buffer.from(await source.exactly(position, 9, 'VP8X chunk'));
      flagged[8] = (flagged[8] ?? 0) & ~(VP8X_EXIF | VP8X_XMP);
      kept.push({ op: 'write', data: flagged }, { op: 'copy', start: position + 9, end });
      keptLength += end - position;
    } else {
      kept.push({ op: 'copy', start: position, end });
      keptLength += end - position;
    }
    position = end;
  }
  // Fewer than 8 bytes left inside the RIFF: not a chunk, kept as they are.
  if (position < riffEnd) {
    kept.push({ op: 'copy', start: position, end: riffEnd });
    keptLength += riffEnd - position;
  }
  const riffHeader = Buffer.from(header);
  riffHeader.writeUInt32LE(keptLength, 4);
  const pieces: Piece[] = [{ op: 'write', data: riffHeader }, ...kept];
  // Bytes after the RIFF chunk are not part of the image; they are kept, outside the RIFF size.
  if (riffEnd < source.size) pieces.push({ op: 'copy', start: riffEnd, end: source.size });
  return { pieces, removed };
}

/**
 * HEIC: the Exif (and XMP) payloads are overwritten with zeros of the same length instead of being
 * removed. Removing bytes would move everything after them, and every `iloc` offset (and any
 * `stco`-like offset elsewhere) would have to be rewritten: restructuring ISO-BMFF risks a
 * picture that no longer opens. Same-length zeros keep every offset valid; readers then find an
 * empty Exif block and ignore it. An item already all zeros counts as removed before, so a second
 * pass changes nothing.
 */
async function planHeic(source: ByteSource): Promise<Plan> {
  const ranges: ByteRange[] = [];
  const removed: string[] = [];
  for (const item of await findMetadataItems(source)) {
    let cleared = true;
    for (const range of item.ranges) cleared = cleared && (await isAllZero(source, range));
    if (cleared) continue;
    ranges.push(...item.ranges);
    removed.push(item.label);
  }
  const pieces: Piece[] = [];
  let position = 0;
  for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
    const start = Math.max(range.start, position); // extents of two items may overlap
    if (range.end <= start) continue;
    if (start > position) pieces.push({ op: 'copy', start: position, end: start });
    pieces.push({ op: 'zero', length: range.end - start });
    position = range.end;
  }
  if (position < source.size) pieces.push({ op: 'copy', start: position, end: source.size });
  return { pieces, removed };
}

async function isAllZero(source: ByteSource, range: ByteRange): Promise<boolean> {
  const step = 64 * 1024;
  for (let position = range.start; position < range.end; position += step) {
    const bytes = await source.exactly(position, Math.min(step, range.end - position), 'HEIF item');
    if (bytes.some((byte) => byte !== 0)) return false;
  }
  return true;
}
