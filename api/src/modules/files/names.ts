import { type FileKind } from './content/sniff.js';

/**
 * The extensions each detected kind may carry, the first being the one we add. The name a file
 * is downloaded under is what the phone or the reviewer's browser opens it by, so it must say
 * what the bytes are, never what the client called them (`poly.html` that is a PDF).
 */
const EXTENSIONS: Readonly<Record<FileKind, readonly [string, ...string[]]>> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  heic: ['heic', 'heif'],
  ofd: ['ofd'],
};

const isFileKind = (kind: string): kind is FileKind => Object.hasOwn(EXTENSIONS, kind);

/**
 * An extension: a final dot, then up to 8 ASCII letters and digits with at least one letter. A
 * dot followed by digits only (`第1.2版`, `v1.2`) or by other text is part of the name.
 */
const EXTENSION = /^(.*)\.([A-Za-z0-9]{1,8})$/;

/** `name` with the extension of `kind`: a wrong one replaced, a missing one added, a right one kept as it is. */
export const nameForKind = (name: string, kind: string): string => {
  // Rows only hold kinds that sniffing gave; anything else keeps its name rather than guess.
  if (!isFileKind(kind)) return name;
  const accepted = EXTENSIONS[kind];
  const match = EXTENSION.exec(name);
  const extension = match?.[2];
  if (match && extension !== undefined && /[A-Za-z]/.test(extension)) {
    if (accepted.includes(extension.toLowerCase())) return name;
    return `${match[1]}.${accepted[0]}`;
  }
  return `${name}.${accepted[0]}`;
};

/**
 * A display name from whatever the client sent: NFC (macOS and iOS send decomposed names), no
 * directories, no control or invisible formatting characters (a right-to-left override would make
 * `报告‮fdp.exe` read as `报告exe.pdf`), bounded.
 */
export const cleanName = (raw: string | undefined): string => {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return (clean === '' || clean === '.' || clean === '..' ? '未命名文件' : clean).slice(0, 200);
};

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 name, so Chinese names survive download. */
export const contentDisposition = (name: string, attachment: boolean): string => {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${attachment ? 'attachment' : 'inline'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
