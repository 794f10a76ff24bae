import { type ByteSource, withSource } from './io.js';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'heic' | 'ofd';

export interface SniffResult {
  readonly kind: FileKind;
  readonly mime: string;
}

/** Enough for every signature here, the ftyp box included. */
const HEAD_LENGTH = 64 * 1024;
const EOCD_LENGTH = 22;
/** The EOCD ends the file but may be followed by a comment of up to 65535 bytes. */
const EOCD_SEARCH = 0xffff + EOCD_LENGTH;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from('PK\x03\x04', 'latin1');
/** HEVC-coded HEIF (heic, heix, hevc, hevx, heim, heis) and the generic HEIF brands (mif1, msf1). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
/** GB/T 33190: the entry file of an OFD package, at the root of the ZIP. */
const OFD_ENTRY = Buffer.from('OFD.xml', 'latin1');

/**
 * What the upload is, judged by its bytes alone: the file name and the client's content type are
 * chosen by the sender, so they prove nothing. Null for anything outside the accepted kinds.
 */
export async function sniffFile(path: string): Promise<SniffResult | null> {
  return withSource(path, async (source) => {
    const head = await source.read(0, HEAD_LENGTH);
    if (head.length === 0) return null;
    if (startsWith(head, 0, '%PDF-')) return { kind: 'pdf', mime: 'application/pdf' };
    if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
      return { kind: 'jpeg', mime: 'image/jpeg' };
    }
    if (startsWith(head, 0, PNG_SIGNATURE)) return { kind: 'png', mime: 'image/png' };
    if (startsWith(head, 0, 'RIFF') && startsWith(head, 8, 'WEBP')) return { kind: 'webp', mime: 'image/webp' };
    if (isHeif(head)) return { kind: 'heic', mime: 'image/heic' };
    if (startsWith(head, 0, ZIP_LOCAL_HEADER) && (await zipHasRootEntry(source, OFD_ENTRY))) {
      return { kind: 'ofd', mime: 'application/ofd' };
    }
    return null;
  });
}

function startsWith(bytes: Buffer, offset: number, expected: string | Buffer): boolean {
  const wanted = typeof expected === 'string' ? Buffer.from(expected, 'latin1') : expected;
  return bytes.length >= offset + wanted.length && bytes.subarray(offset, offset + wanted.length).equals(wanted);
}

/** An ISO-BMFF `ftyp` box first in the file, whose major or a compatible brand is a HEIF one. */
function isHeif(head: Buffer): boolean {
  if (head.length < 16 || !startsWith(head, 4, 'ftyp')) return false;
  const boxSize = head.readUInt32BE(0);
  if (boxSize < 16 || boxSize > head.length || boxSize % 4 !== 0) return false;
  // Major brand at 8, minor version at 12, then compatible brands to the end of the box.
  const brands = [head.toString('latin1', 8, 12)];
  for (let offset = 16; offset < boxSize; offset += 4) brands.push(head.toString('latin1', offset, offset + 4));
  return brands.some((brand) => HEIF_BRANDS.has(brand));
}

interface CentralDirectory {
  readonly offset: number;
  readonly size: number;
  readonly entries: number;
}

/**
 * Whether the ZIP's central directory lists `name` exactly (so at the root, not in a folder). The
 * central directory, not the local headers, is what every reader trusts, so it is what counts here.
 */
async function zipHasRootEntry(source: ByteSource, name: Buffer): Promise<boolean> {
  const directory = await findCentralDirectory(source);
  if (!directory) return false;
  const end = directory.offset + directory.size;
  let position = directory.offset;
  for (let index = 0; index < directory.entries && position + 46 <= end; index += 1) {
    const header = await source.read(position, 46);
    if (header.length < 46 || header.readUInt32LE(0) !== 0x02014b50) return false;
    const nameLength = header.readUInt16LE(28);
    const extraLength = header.readUInt16LE(30);
    const commentLength = header.readUInt16LE(32);
    if (nameLength === name.length && (await source.read(position + 46, nameLength)).equals(name)) return true;
    position += 46 + nameLength + extraLength + commentLength;
  }
  return false;
}

/** Reads the End Of Central Directory record (and its ZIP64 counterpart when the fields overflow). */
async function findCentralDirectory(source: ByteSource): Promise<CentralDirectory | null> {
  if (source.size < EOCD_LENGTH) return null;
  const tailStart = Math.max(0, source.size - EOCD_SEARCH);
  const tail = await source.read(tailStart, source.size - tailStart);
  // Backwards, so the last record wins; the comment length must reach exactly to the end of the
  // file, which rules out the signature bytes turning up by chance inside a comment.
  for (let at = tail.length - EOCD_LENGTH; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== 0x06054b50) continue;
    if (at + EOCD_LENGTH + tail.readUInt16LE(at + 20) !== tail.length) continue;
    const eocdPosition = tailStart + at;
    let directory: CentralDirectory = {
      entries: tail.readUInt16LE(at + 10),
      size: tail.readUInt32LE(at + 12),
      offset: tail.readUInt32LE(at + 16),
    };
    let directoryLimit = eocdPosition;
    if (directory.entries === 0xffff || directory.size === 0xffffffff || directory.offset === 0xffffffff) {
      const zip64 = await readZip64Directory(source, eocdPosition);
      if (!zip64) return null;
      directory = zip64.directory;
      directoryLimit = zip64.recordPosition;
    }
    return directory.offset + directory.size <= directoryLimit ? directory : null;
  }
  return null;
}

async function readZip64Directory(
  source: ByteSource,
  eocdPosition: number,
): Promise<{ directory: CentralDirectory; recordPosition: number } | null> {
  const locator = await source.read(eocdPosition - 20, 20);
  if (locator.length < 20 || locator.readUInt32LE(0) !== 0x07064b50) return null;
  const recordPosition = Number(locator.readBigUInt64LE(8));
  const record = await source.read(recordPosition, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) return null;
  const directory = {
    entries: Number(record.readBigUInt64LE(32)),
    size: Number(record.readBigUInt64LE(40)),
    offset: Number(record.readBigUInt64LE(48)),
  };
  return { directory, recordPosition };
}
