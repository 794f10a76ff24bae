import { crc32, deflateSync } from 'node:zlib';

// Builders of small, structurally valid files for the sniffing and stripping tests: generated
// here so every byte that matters is visible, instead of opaque binaries in the repository.

/** Liaocheng, where the fixtures pretend to have been taken. */
export const PLACE = 'Liaocheng';

function u16be(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

function u32be(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function u16le(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
}

function u32le(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

function u64le(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/**
 * A big-endian TIFF structure as Exif carries it: IFD0 with Orientation and a GPSInfo pointer
 * (tag 0x8825), and a GPS IFD with latitude and longitude of Liaocheng (36°27'N 115°59'E).
 */
export function tiffWithGps(): Buffer {
  const entry = (tag: number, type: number, count: number, value: Buffer): Buffer =>
    Buffer.concat([u16be(tag), u16be(type), u32be(count), Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4)]);
  const rationals = (...values: number[]): Buffer => Buffer.concat(values.flatMap((v) => [u32be(v), u32be(1)]));
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 2 * 12 + 4;
  const latitudeAt = gpsAt + 2 + 4 * 12 + 4;
  const longitudeAt = latitudeAt + 24;
  return Buffer.concat([
    ascii('MM\0*'),
    u32be(ifd0At),
    u16be(2),
    entry(0x0112, 3, 1, u16be(1)), // Orientation: as stored
    entry(0x8825, 4, 1, u32be(gpsAt)), // GPSInfo IFD pointer
    u32be(0),
    u16be(4),
    entry(0x0001, 2, 2, ascii('N\0')), // GPSLatitudeRef
    entry(0x0002, 5, 3, u32be(latitudeAt)), // GPSLatitude
    entry(0x0003, 2, 2, ascii('E\0')), // GPSLongitudeRef
    entry(0x0004, 5, 3, u32be(longitudeAt)), // GPSLongitude
    u32be(0),
    rationals(36, 27, 0),
    rationals(115, 59, 0),
  ]);
}

/** An XMP packet with GPS properties, as cameras and editors embed it. */
export function xmpPacket(): Buffer {
  return ascii(
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,27.0N"' +
      ` exif:GPSLongitude="115,59.0E" exif:GPSAreaInformation="${PLACE}"/>` +
      '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  );
}

export interface JpegOptions {
  readonly exif?: boolean;
  readonly xmp?: boolean;
  readonly photoshop?: boolean;
  /** Entropy-coded data between SOS and EOI; defaults to the one byte of a 1×1 grey picture. */
  readonly scan?: Buffer;
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);
}

/**
 * A baseline 1×1 greyscale JPEG: JFIF APP0, optional Exif/XMP APP1 and Photoshop APP13, an ICC
 * APP2, then DQT, SOF0, two one-code Huffman tables, SOS, one byte of scan data and EOI.
 */
export function jpeg(options: JpegOptions = {}): Buffer {
  const huffman = (tableClass: number): Buffer =>
    Buffer.concat([Buffer.from([tableClass << 4, 1]), Buffer.alloc(15), Buffer.from([0x00])]);
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x5a]), u16be(PLACE.length), ascii(PLACE)]); // 2:90 City
  const parts = [
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    options.exif ? jpegSegment(0xe1, Buffer.concat([ascii('Exif\0\0'), tiffWithGps()])) : null,
    options.xmp ? jpegSegment(0xe1, Buffer.concat([ascii('http://ns.adobe.com/xap/1.0/\0'), xmpPacket()])) : null,
    jpegSegment(0xe2, Buffer.concat([ascii('ICC_PROFILE\0'), Buffer.from([1, 1]), iccProfile()])),
    options.photoshop
      ? jpegSegment(
          0xed,
          Buffer.concat([ascii('Photoshop 3.0\0'), ascii('8BIM'), u16be(0x0404), u16be(0), u32be(iptc.length), iptc]),
        )
      : null,
    jpegSegment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    jpegSegment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    jpegSegment(0xc4, huffman(0)),
    jpegSegment(0xc4, huffman(1)),
    jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    // DC difference category 0 (code 0), then end of block (code 0), padded with ones.
    options.scan ?? Buffer.from([0x3f]),
    Buffer.from([0xff, 0xd9]),
  ];
  return Buffer.concat(parts.filter((part): part is Buffer => part !== null));
}

/** A stand-in ICC profile: the 128-byte header with its 'acsp' signature and an empty tag table. */
function iccProfile(): Buffer {
  const profile = Buffer.alloc(132);
  profile.writeUInt32BE(132, 0);
  profile.write('acsp', 36, 'latin1');
  return profile;
}

export interface PngOptions {
  readonly exif?: boolean;
  readonly text?: boolean;
  readonly xmp?: boolean;
  readonly compressedText?: boolean;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([ascii(type), data]);
  return Buffer.concat([u32be(data.length), typeAndData, u32be(crc32(typeAndData))]);
}

/** The IDAT of the PNG fixtures: one RGB pixel, filter type 0, deflated. */
export const PNG_IDAT = deflateSync(Buffer.from([0, 200, 30, 30]));

/** A 1×1 RGB PNG with pHYs, optional eXIf/tEXt/iTXt(XMP)/zTXt, IDAT and IEND, every CRC right. */
export function png(options: PngOptions = {}): Buffer {
  const ihdr = Buffer.concat([u32be(1), u32be(1), Buffer.from([8, 2, 0, 0, 0])]);
  const phys = Buffer.concat([u32be(2835), u32be(2835), Buffer.from([1])]);
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('pHYs', phys),
    options.exif ? pngChunk('eXIf', tiffWithGps()) : null,
    pngChunk('IDAT', PNG_IDAT),
    options.text ? pngChunk('tEXt', ascii(`Comment\0Taken in ${PLACE}, GPS 36.45N 115.98E`)) : null,
    options.xmp ? pngChunk('iTXt', Buffer.concat([ascii('XML:com.adobe.xmp\0\0\0\0\0'), xmpPacket()])) : null,
    options.compressedText ? pngChunk('zTXt', Buffer.concat([ascii('Location\0\0'), deflateSync(ascii(PLACE))])) : null,
    pngChunk('IEND', Buffer.alloc(0)),
  ];
  return Buffer.concat(parts.filter((part): part is Buffer => part !== null));
}

export interface WebpOptions {
  readonly exif?: boolean;
  readonly xmp?: boolean;
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  return Buffer.concat([ascii(fourcc), u32le(data.length), data, Buffer.alloc(data.length % 2)]);
}

/** A 1×1 lossless bitstream (VP8L signature 0x2f, 14-bit width and height minus one, ...). */
export const WEBP_VP8L = Buffer.from('2f00000010071011118888fe07', 'hex');

/**
 * An extended WebP: VP8X (alpha flag, plus the EXIF/XMP flags for the chunks present), the VP8L
 * image, then EXIF (raw TIFF, as libwebp writes it) and XMP, the latter of odd size (padded).
 */
export function webp(options: WebpOptions = {}): Buffer {
  const flags = 0x10 | (options.exif ? 0x08 : 0) | (options.xmp ? 0x04 : 0);
  const vp8x = Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // canvas width-1 and height-1: 0
  const xmp = xmpPacket();
  const chunks = [
    riffChunk('VP8X', vp8x),
    riffChunk('VP8L', WEBP_VP8L),
    options.exif ? riffChunk('EXIF', tiffWithGps()) : null,
    options.xmp ? riffChunk('XMP ', xmp.length % 2 ? xmp : Buffer.concat([xmp, ascii(' ')])) : null,
  ].filter((chunk): chunk is Buffer => chunk !== null);
  const body = Buffer.concat([ascii('WEBP'), ...chunks]);
  return Buffer.concat([ascii('RIFF'), u32le(body.length), body]);
}

export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

export interface HeicOptions {
  readonly exif?: boolean;
  /** Where the XMP item lives: in mdat (construction method 0) or in the meta box's idat (method 1). */
  readonly xmp?: 'mdat' | 'idat';
  readonly ilocVersion?: 0 | 1 | 2;
  readonly majorBrand?: string;
  readonly compatibleBrands?: readonly string[];
}

export interface HeicFixture {
  readonly bytes: Buffer;
  /** The coded picture in mdat, which stripping must leave alone. */
  readonly image: ByteSpan;
  readonly exif: ByteSpan | null;
  readonly xmp: ByteSpan | null;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32be(8 + body.length), ascii(type), body]);
}

function fullBox(type: string, version: number, ...payload: Buffer[]): Buffer {
  return box(type, Buffer.from([version, 0, 0, 0]), ...payload);
}

/** Stand-in HEVC data: the parser never decodes it, only has to leave it as it is. */
const HEIC_IMAGE = Buffer.from(Array.from({ length: 96 }, (_, index) => (index * 37 + 11) % 256));

/**
 * A HEIF file shaped like an iPhone photo: ftyp, a meta box (hdlr 'pict', pitm, iinf with infe v2
 * entries for the picture 'hvc1', an 'Exif' item and an XMP 'mime' item, iloc, optionally idat),
 * and mdat holding the picture, then the Exif payload (exif_tiff_header_offset, 'Exif\0\0', TIFF).
 */
export function heic(options: HeicOptions = {}): HeicFixture {
  const version = options.ilocVersion ?? 1;
  const exifPayload = Buffer.concat([u32be(6), ascii('Exif\0\0'), tiffWithGps()]);
  const xmp = xmpPacket();
  const ftyp = box(
    'ftyp',
    ascii(options.majorBrand ?? 'heic'),
    u32be(0),
    ...(options.compatibleBrands ?? ['mif1', 'heic']).map(ascii),
  );
  const infes = [fullBox('infe', 2, u16be(1), u16be(0), ascii('hvc1'), ascii('Image\0'))];
  if (options.exif) infes.push(fullBox('infe', 2, u16be(2), u16be(0), ascii('Exif'), ascii('\0')));
  if (options.xmp) infes.push(fullBox('infe', 2, u16be(3), u16be(0), ascii('mime'), ascii('\0application/rdf+xml\0')));

  const buildMeta = (mdatData: number): { meta: Buffer; exifAt: number; xmpAt: number } => {
    const exifAt = mdatData + HEIC_IMAGE.length;
    const xmpAt = options.xmp === 'mdat' ? exifAt + (options.exif ? exifPayload.length : 0) : 0;
    const items: { id: number; method: number; offset: number; length: number }[] = [
      { id: 1, method: 0, offset: mdatData, length: HEIC_IMAGE.length },
    ];
    if (options.exif) items.push({ id: 2, method: 0, offset: exifAt, length: exifPayload.length });
    if (options.xmp) items.push({ id: 3, method: options.xmp === 'idat' ? 1 : 0, offset: xmpAt, length: xmp.length });
    const id = (value: number): Buffer => (version === 2 ? u32be(value) : u16be(value));
    const iloc = fullBox(
      'iloc',
      version,
      Buffer.from([0x44, 0x00]), // offset_size 4, length_size 4, base_offset_size 0, index_size 0
      id(items.length),
      ...items.map((item) =>
        Buffer.concat([
          id(item.id),
          version === 0 ? Buffer.alloc(0) : u16be(item.method),
          u16be(0), // data_reference_index: this file
          u16be(1), // one extent
          u32be(item.offset),
          u32be(item.length),
        ]),
      ),
    );
    const meta = fullBox(
      'meta',
      0,
      fullBox('hdlr', 0, u32be(0), ascii('pict'), Buffer.alloc(12), ascii('\0')),
      fullBox('pitm', 0, u16be(1)),
      fullBox('iinf', 0, u16be(infes.length), ...infes),
      iloc,
      options.xmp === 'idat' ? box('idat', xmp) : Buffer.alloc(0),
    );
    return { meta, exifAt, xmpAt };
  };

  // Field sizes do not depend on the offsets: measure once, then build with the real ones.
  const mdatData = ftyp.length + buildMeta(0).meta.length + 8;
  const { meta, exifAt, xmpAt } = buildMeta(mdatData);
  const mdat = box(
    'mdat',
    HEIC_IMAGE,
    options.exif ? exifPayload : Buffer.alloc(0),
    options.xmp === 'mdat' ? xmp : Buffer.alloc(0),
  );
  const bytes = Buffer.concat([ftyp, meta, mdat]);
  const idatData = options.xmp === 'idat' ? bytes.indexOf(xmp) : -1;
  return {
    bytes,
    image: { start: mdatData, end: mdatData + HEIC_IMAGE.length },
    exif: options.exif ? { start: exifAt, end: exifAt + exifPayload.length } : null,
    xmp:
      options.xmp === 'mdat'
        ? { start: xmpAt, end: xmpAt + xmp.length }
        : options.xmp === 'idat'
          ? { start: idatData, end: idatData + xmp.length }
          : null,
  };
}

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer | string;
}

export interface ZipOptions {
  readonly comment?: string;
  /** Write the ZIP64 end records, with the classic EOCD fields set to their "see ZIP64" values. */
  readonly zip64?: boolean;
}

/** A ZIP of stored (uncompressed) entries: local headers, central directory and EOCD. */
export function zip(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    // version needed, flags (bit 11: UTF-8 names), method 0 (stored), DOS time 0, DOS date 1980-01-01
    const common = Buffer.concat([u16le(20), u16le(0x0800), u16le(0), u16le(0), u16le(0x21)]);
    const sizes = Buffer.concat([u32le(crc32(data)), u32le(data.length), u32le(data.length), u16le(name.length)]);
    const local = Buffer.concat([u32le(0x04034b50), common, sizes, u16le(0), name, data]);
    centrals.push(
      Buffer.concat([
        u32le(0x02014b50),
        u16le(20), // version made by
        common,
        sizes,
        u16le(0), // extra length
        u16le(0), // comment length
        u16le(0), // disk number start
        u16le(0), // internal attributes
        u32le(0), // external attributes
        u32le(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const tail: Buffer[] = [];
  if (options.zip64) {
    const recordAt = offset + directory.length;
    tail.push(
      Buffer.concat([
        u32le(0x06064b50),
        u64le(44), // size of the rest of this record
        u16le(45),
        u16le(45),
        u32le(0),
        u32le(0),
        u64le(entries.length),
        u64le(entries.length),
        u64le(directory.length),
        u64le(offset),
      ]),
      Buffer.concat([u32le(0x07064b50), u32le(0), u64le(recordAt), u32le(1)]),
    );
  }
  const count = options.zip64 ? 0xffff : entries.length;
  tail.push(
    Buffer.concat([
      u32le(0x06054b50),
      u16le(0),
      u16le(0),
      u16le(count),
      u16le(count),
      u32le(options.zip64 ? 0xffffffff : directory.length),
      u32le(options.zip64 ? 0xffffffff : offset),
      u16le(comment.length),
      comment,
    ]),
  );
  return Buffer.concat([...locals, directory, ...tail]);
}

/** A minimal OFD package (GB/T 33190): the entry file OFD.xml at the root and one document. */
export function ofd(options: ZipOptions = {}): Buffer {
  const namespace = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  return zip(
    [
      {
        name: 'OFD.xml',
        data:
          `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${namespace} Version="1.0" DocType="OFD">` +
          '<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f6664</ofd:DocID></ofd:DocInfo>' +
          '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      },
      {
        name: 'Doc_0/Document.xml',
        data:
          `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${namespace}><ofd:CommonData>` +
          '<ofd:MaxUnitID>1</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>' +
          '</ofd:PageArea></ofd:CommonData><ofd:Pages/></ofd:Document>',
      },
    ],
    options,
  );
}

/** A Word-like ZIP: [Content_Types].xml and word/document.xml, no OFD.xml. */
export function docx(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' },
    { name: 'word/document.xml', data: '<?xml version="1.0"?><w:document/>' },
  ]);
}

export function pdf(): Buffer {
  return ascii(
    '%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  );
}

/** The start of a 64-bit little-endian ELF executable. */
export function elf(): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(bytes);
  return bytes;
}

/** The start of a Windows PE executable: the MZ stub pointing at 'PE\0\0'. */
export function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(0x98);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
