/**
 * The materials (申报材料) a paying program asks for, as edition data beside its rule. The text
 * names no materials: each edition says which files prove which conditions of the program's
 * trace, so a reviewer sees which file to open for which condition, and the city can change the
 * list without a deploy. Read docs/materials.md for the judgements behind the 2023 list.
 */

/** The kinds of file an applicant may upload. Ids are stored in editions and never change. */
export const FILE_KINDS = [
  { id: 'pdf', name: 'PDF' },
  { id: 'jpeg', name: 'JPEG 图片' },
  { id: 'png', name: 'PNG 图片' },
  { id: 'webp', name: 'WebP 图片' },
  { id: 'heic', name: 'HEIC 图片（苹果手机）' },
  // 版式电子文件 (GB/T 33190): electronic licences, tax certificates and invoices are issued as OFD.
  { id: 'ofd', name: 'OFD 电子文件' },
] as const;

export type FileKind = (typeof FILE_KINDS)[number]['id'];

const fileKindNames: ReadonlyMap<string, string> = new Map(FILE_KINDS.map((k) => [k.id, k.name]));

export const isFileKind = (value: string): value is FileKind => fileKindNames.has(value);
export const fileKindName = (id: FileKind): string => fileKindNames.get(id) ?? id;

/**
 * How long a file stays good evidence:
 * - `permanent`: while the document itself is in force (a licence, a registration, a certificate);
 * - `claim-year`: it must be issued for, or cover, the claim year (tax, statistics, social insurance);
 * - `months`: issued no more than `months` months before the application (a credit report,
 *   which goes stale as soon as the firm's record changes).
 */
export type MaterialValidity = { kind: 'permanent' } | { kind: 'claim-year' } | { kind: 'months'; months: number };

/** One material a program asks for. */
export interface Material {
  /** kebab-case, unique within the program; stored with every uploaded file, so it never changes. */
  id: string;
  /** What the applicant looks for, in Chinese, e.g. 营业执照. */
  name: string;
  /** What the file must show for a reviewer to accept it, in Chinese. */
  shows: string;
  accepts: FileKind[];
  /** A required material must be attached before the application can be submitted. */
  required: boolean;
  validity: MaterialValidity;
  /**
   * Condition ids or cap ids of the program's trace this material is evidence for. Empty only for
   * purely formal documents (the application form).
   */
  proves: string[];
  /** The exact words of the policy text the material derives from, when one phrase asks for it. */
  clause?: string;
}

/** Material ids: lower-case words joined by hyphens, like condition ids. */
export const MATERIAL_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
