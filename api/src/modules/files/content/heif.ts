import { type ByteSource, MalformedFileError } from './io.js';

/** A half-open byte range [start, end) of the file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** A metadata item of a HEIF file and where its payload lies in the file. */
export interface MetadataItem {
  readonly label: 'Exif item' | 'XMP item';
  readonly ranges: readonly ByteRange[];
}

/** iinf and iloc hold a few dozen entries even for a tiled iPhone photo; more is not a photo. */
const MAX_TABLE_BYTES = 1024 * 1024;
const XMP_CONTENT_TYPE = 'application/rdf+xml';

interface Box {
  readonly type: string;
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
}

/**
 * The Exif and XMP items of the file's top-level `meta` box, located through `iloc` (ISO/IEC
 * 14496-12 8.11, ISO/IEC 23008-12). Empty when there is no `meta` box or it holds no such item.
 */
export async function findMetadataItems(source: ByteSource): Promise<MetadataItem[]> {
  const meta = await findTopLevelBox(source, 'meta');
  if (!meta) return [];
  let itemInfo: Buffer | null = null;
  let itemLocation: Buffer | null = null;
  let itemData: ByteRange | null = null;
  // `meta` is a FullBox: version and flags come before its children.
  for (let position = meta.bodyStart + 4; position < meta.end;) {
    const box = await boxAt(source, position, meta.end);
    if (box.type === 'iinf') itemInfo = await readBody(source, box);
    else if (box.type === 'iloc') itemLocation = await readBody(source, box);
    else if (box.type === 'idat') itemData = { start: box.bodyStart, end: box.end };
    position = box.end;
  }
  if (!itemInfo) return [];
  const targets = parseItemInfo(itemInfo);
  // Parse iloc only when there is something to find, so a file without metadata is never refused.
  if (targets.size === 0 || !itemLocation) return [];
  const locations = parseItemLocations(itemLocation);
  const items: MetadataItem[] = [];
  for (const [id, label] of targets) {
    const location = locations.get(id);
    // No location, or data in another file (data_reference_index ≠ 0): nothing of it lies in this file.
    if (!location || location.dataReferenceIndex !== 0) continue;
    items.push({ label, ranges: location.extents.map((extent) => resolve(source, location, extent, id, itemData)) });
  }
  return items;
}

async function findTopLevelBox(source: ByteSource, type: string): Promise<Box | null> {
  for (let position = 0; position + 8 <= source.size;) {
    const box = await boxAt(source, position, source.size);
    if (box.type === type) return box;
    position = box.end;
  }
  return null;
}

async function boxAt(source: ByteSource, position: number, limit: number): Promise<Box> {
  const head = await source.exactly(position, 8, 'box header');
  const type = head.toString('latin1', 4, 8);
  let size = head.readUInt32BE(0);
  let bodyStart = position + 8;
  if (size === 1) {
    size = safeNumber((await source.exactly(position + 8, 8, 'box size')).readBigUInt64BE(0));
    bodyStart += 8;
  } else if (size === 0) {
    size = limit - position; // 0 means "to the end of the enclosing container"
  }
  const end = position + size;
  if (end < bodyStart || end > limit) {
    throw new MalformedFileError(`box ${JSON.stringify(type)} at ${position} has size ${size} outside its container`);
  }
  return { type, start: position, bodyStart, end };
}

async function readBody(source: ByteSource, box: Box): Promise<Buffer> {
  if (box.end - box.bodyStart > MAX_TABLE_BYTES) {
    throw new MalformedFileError(`box ${JSON.stringify(box.type)} at ${box.start} is implausibly large`);
  }
  return source.exactly(box.bodyStart, box.end - box.bodyStart, `box ${JSON.stringify(box.type)}`);
}

/** The Exif and XMP items declared by `iinf`, by item ID. */
function parseItemInfo(body: Buffer): Map<number, MetadataItem['label']> {
  const cursor = new Cursor(body, 'iinf');
  const version = cursor.u8();
  cursor.skip(3);
  const count = version === 0 ? cursor.u16() : cursor.u32();
  const targets = new Map<number, MetadataItem['label']>();
  for (let index = 0; index < count && cursor.remaining > 0; index += 1) {
    const entry = cursor.box();
    if (entry.type !== 'infe') continue;
    const infe = new Cursor(entry.body, 'infe');
    const infeVersion = infe.u8();
    infe.skip(3);
    if (infeVersion < 2) {
      // Versions 0 and 1 have no item type, only a MIME content type.
      const id = infe.u16();
      infe.skip(2); // item_protection_index
      infe.string(); // item_name
      if (isXmp(infe.string())) targets.set(id, 'XMP item');
    } else if (infeVersion <= 3) {
      const id = infeVersion === 2 ? infe.u16() : infe.u32();
      infe.skip(2); // item_protection_index
      const itemType = infe.fourcc();
      infe.string(); // item_name
      if (itemType === 'Exif') targets.set(id, 'Exif item');
      else if (itemType === 'mime' && isXmp(infe.string())) targets.set(id, 'XMP item');
    }
  }
  return targets;
}

function isXmp(contentType: string): boolean {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === XMP_CONTENT_TYPE;
}

interface Extent {
  readonly offset: number;
  readonly length: number;
}

interface ItemLocation {
  readonly constructionMethod: number;
  readonly dataReferenceIndex: number;
  readonly baseOffset: number;
  readonly extents: readonly Extent[];
}

function parseItemLocations(body: Buffer): Map<number, ItemLocation> {
  const cursor = new Cursor(body, 'iloc');
  const version = cursor.u8();
  cursor.skip(3);
  if (version > 2) throw new MalformedFileError(`iloc version ${version} is unknown`);
  const sizes = cursor.u8();
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const moreSizes = cursor.u8();
  const baseOffsetSize = moreSizes >> 4;
  const indexSize = version === 0 ? 0 : moreSizes & 0x0f;
  const count = version < 2 ? cursor.u16() : cursor.u32();
  const locations = new Map<number, ItemLocation>();
  for (let index = 0; index < count; index += 1) {
    const id = version < 2 ? cursor.u16() : cursor.u32();
    const constructionMethod = version === 0 ? 0 : cursor.u16() & 0x0f;
    const dataReferenceIndex = cursor.u16();
    const baseOffset = cursor.uint(baseOffsetSize);
    const extentCount = cursor.u16();
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e += 1) {
      cursor.uint(indexSize); // item_reference_index, only for construction method 2
      extents.push({ offset: cursor.uint(offsetSize), length: cursor.uint(lengthSize) });
    }
    locations.set(id, { constructionMethod, dataReferenceIndex, baseOffset, extents });
  }
  return locations;
}

/** Where in the file an extent lies, checked to stay inside the file (or inside `idat`). */
function resolve(
  source: ByteSource,
  location: ItemLocation,
  extent: Extent,
  id: number,
  itemData: ByteRange | null,
): ByteRange {
  const fail = (why: string): never => {
    throw new MalformedFileError(`the location of item ${id} ${why}`);
  };
  // Length 0 would mean "the whole referenced file"; clearing that would wipe the picture, so such
  // a metadata item is refused rather than guessed at.
  if (extent.length === 0) fail('has an extent of length 0');
  let container: ByteRange;
  if (location.constructionMethod === 0) container = { start: 0, end: source.size };
  else if (location.constructionMethod === 1) container = itemData ?? fail('refers to a missing idat box');
  else return fail(`uses construction method ${location.constructionMethod}, which is not supported`);
  const start = container.start + location.baseOffset + extent.offset;
  const end = start + extent.length;
  if (end > container.end) fail(`(${start}..${end}) lies outside its container`);
  return { start, end };
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedFileError(`a 64-bit field (${value}) is too large`);
  return Number(value);
}

/** Reads big-endian fields of a box body in order; running off the end is a MalformedFileError. */
class Cursor {
  private offset = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  skip(length: number): void {
    this.take(length);
  }

  u8(): number {
    return this.take(1).readUInt8(0);
  }

  u16(): number {
    return this.take(2).readUInt16BE(0);
  }

  u32(): number {
    return this.take(4).readUInt32BE(0);
  }

  /** An unsigned field of 0, 4 or 8 bytes, the sizes iloc allows. */
  uint(size: number): number {
    if (size === 0) return 0;
    if (size === 4) return this.u32();
    if (size === 8) return safeNumber(this.take(8).readBigUInt64BE(0));
    throw new MalformedFileError(`${this.what} declares a field of ${size} bytes`);
  }

  fourcc(): string {
    return this.take(4).toString('latin1');
  }

  /** A NUL-terminated UTF-8 string; a missing final NUL (some writers omit it) ends at the body's end. */
  string(): string {
    const nul = this.bytes.indexOf(0, this.offset);
    const end = nul === -1 ? this.bytes.length : nul;
    const text = this.bytes.toString('utf8', this.offset, end);
    this.offset = Math.min(end + 1, this.bytes.length);
    return text;
  }

  /** A child box, its size taken from its header. */
  box(): { type: string; body: Buffer } {
    const start = this.offset;
    let size = this.u32();
    const type = this.fourcc();
    if (size === 1) size = safeNumber(this.take(8).readBigUInt64BE(0));
    else if (size === 0) size = this.bytes.length - start;
    const headerLength = this.offset - start;
    if (size < headerLength) throw new MalformedFileError(`${this.what} holds a box of size ${size}`);
    return { type, body: this.take(size - headerLength) };
  }

  private take(length: number): Buffer {
    if (length > this.remaining) throw new MalformedFileError(`${this.what} ends early`);
    const bytes = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }
}
