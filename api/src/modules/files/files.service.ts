import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type FileKind, type FileLink, type FileView, type LibraryEntry, type UploadResult } from '@huiqi/shared';
import { type Multipart, type MultipartFile } from '@fastify/multipart';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppError, notFound } from '../../common/errors.js';
import { type AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.provider.js';
import { AccessService } from '../access/access.service.js';
import { ChangeRecorder } from '../audit/change-recorder.js';
import { type Principal } from '../../common/tokens.js';
import { sniffFile } from './content/sniff.js';
import { MalformedFileError, stripMetadata } from './content/strip.js';
import { FileEntity } from './file.entity.js';
import { FileUses } from './file-uses.js';
import { cleanName, nameForKind } from './names.js';
import { FILE_STORAGE, type FileStorage, StoredObjectMissing } from './storage.js';
import { UploadsInFlight } from './sweep.js';

const EXPIRY_WARNING_DAYS = 30;

const oneFileOnly = (): AppError =>
  new AppError('INVALID_REQUEST', '一次只能上传一个文件，请分开上传', [{ field: 'file', message: '只能有一个文件' }]);

/** The name a file is shown and downloaded under: its extension says what it is, for rows stored before that was so too. */
export const displayName = (f: Pick<FileEntity, 'originalName' | 'kind'>): string =>
  nameForKind(f.originalName, f.kind);

export const toFileView = (f: FileEntity) =>
  ({
    id: f.id,
    orgId: f.orgId,
    name: displayName(f),
    // Only what sniffFile decided is ever stored: one of the kinds.
    kind: f.kind as FileKind,
    mime: f.mime,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.createdAt.toISOString(),
  }) satisfies FileView;

const sha256Of = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
};

@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');
  private readonly linkKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangeRecorder,
    private readonly uses: FileUses,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inFlight: UploadsInFlight,
  ) {
    // A key of its own for download links, derived from the token secret.
    this.linkKey = createHmac('sha256', config.tokenSecret).update('huiqi:file-links').digest();
  }

  /**
   * Streams one uploaded file to a temp file (never the whole file in memory), decides its type
   * by its bytes, strips location metadata, and stores it under its SHA-256. Whatever fails on
   * the way, the temp file is removed and no row is written.
   */
  async upload(principal: Principal, orgId: number, parts: AsyncIterableIterator<Multipart>): Promise<UploadResult> {
    await this.access.requireAccess(principal, 'file.upload', { kind: 'org', orgId });
    // Known to the sweep before the temp file exists, until after it is gone.
    const uploadId = this.inFlight.begin();
    const temp = this.storage.tempPath(`${uploadId}.upload`);
    try {
      const part = await this.receive(parts, temp);
      const sniffed = await sniffFile(temp);
      if (!sniffed)
        throw new AppError('UNSUPPORTED_FILE_TYPE', '不支持该文件类型，请上传 PDF、OFD 或 JPEG、PNG、WebP、HEIC 图片', [
          { field: 'file', message: '文件内容不是 PDF、OFD、JPEG、PNG、WebP 或 HEIC' },
        ]);
      try {
        await stripMetadata(temp, sniffed.kind);
      } catch (error) {
        if (error instanceof MalformedFileError)
          throw new AppError('UNSUPPORTED_FILE_TYPE', error.message, [{ field: 'file', message: error.message }]);
        throw error;
      }
      const sha256 = await sha256Of(temp);
      const { size } = await stat(temp);

      const files = this.dataSource.getRepository(FileEntity);
      const existing = await files.findOneBy({ orgId, sha256 });
      if (existing) return { file: toFileView(existing), deduplicated: true };

      await this.storage.put(sha256, temp);
      try {
        const file = await this.changes.recordChange(principal, 'file.uploaded', async (m) => {
          const saved = await m.getRepository(FileEntity).save(
            m.getRepository(FileEntity).create({
              orgId,
              sha256,
              size,
              kind: sniffed.kind,
              mime: sniffed.mime,
              originalName: nameForKind(cleanName(part.filename), sniffed.kind),
              storageKey: sha256,
              uploadedBy: principal.userId,
            }),
          );
          return {
            result: saved,
            change: {
              subject: { entity: 'file', id: saved.id, orgId },
              after: { name: saved.originalName, kind: saved.kind, size, sha256 },
              event: { orgId, fileId: saved.id, kind: saved.kind, size },
            },
          };
        });
        return { file: toFileView(file), deduplicated: false };
      } catch (error) {
        // The same bytes arriving twice at once: the unique (firm, hash) lets one row through.
        const raced = await files.findOneBy({ orgId, sha256 });
        if (raced) return { file: toFileView(raced), deduplicated: true };
        throw error;
      }
    } finally {
      await rm(temp, { force: true });
      this.inFlight.end(uploadId);
    }
  }

  /**
   * Streams the request's one file into `temp`. Form fields (Taro.uploadFile may send some) are
   * skipped; a second file refuses the whole upload rather than dropping it unseen. Whatever the
   * client's body does wrong (no or a wrong boundary, cut short, too many parts) is answered as
   * the client's mistake; only a failure writing our own temp file is ours.
   */
  private async receive(parts: AsyncIterableIterator<Multipart>, temp: string): Promise<MultipartFile> {
    let file: MultipartFile | undefined;
    for await (const part of this.clientParts(parts)) {
      if (part.type !== 'file') continue;
      if (file) throw oneFileOnly();
      file = part;
      // The part may have failed while it waited in the parser's queue (a body cut short).
      if (part.file.errored || part.file.destroyed) throw this.refusal(part.file.errored);
      // pipeline destroys each side with the other's error, so whichever failed first is the cause:
      // the request (the client's mistake, a 4xx) or our temp file (ours, a 500).
      let cause: { side: 'request' | 'disk'; error: unknown } | undefined;
      const writer = createWriteStream(temp, { flags: 'wx' });
      part.file.on('error', (error) => (cause ??= { side: 'request', error }));
      writer.on('error', (error) => (cause ??= { side: 'disk', error }));
      try {
        await pipeline(part.file, writer);
      } catch (error) {
        if (cause?.side === 'disk') throw cause.error;
        throw this.refusal(cause?.error ?? error);
      }
      if (part.file.truncated) throw this.tooLarge();
    }
    if (!file) throw new AppError('INVALID_REQUEST', '请选择要上传的文件', [{ field: 'file', message: '缺少文件' }]);
    return file;
  }

  /** The parts, with the iterator's own errors (the client's body) turned into refusals. */
  private async *clientParts(parts: AsyncIterableIterator<Multipart>): AsyncGenerator<Multipart> {
    try {
      yield* parts;
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /**
   * An error from reading the client's multipart body, in the user's words. busboy's parse errors
   * (no boundary, a boundary that never appears, a body cut short) carry no code: any uncoded
   * error from the request side is a malformed body, never a 500.
   */
  private refusal(error: unknown): AppError {
    const code = (error as { code?: unknown } | null)?.code;
    switch (code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        return this.tooLarge();
      case 'FST_FILES_LIMIT':
        return oneFileOnly();
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        return new AppError(
          'TOO_MANY_FIELDS',
          '上传的表单字段过多：只需发送一个文件（字段名 file），请去掉多余的表单字段',
          [{ field: 'file', message: '除文件外的表单字段过多' }],
        );
      case 'FST_PROTO_VIOLATION':
        return new AppError('INVALID_REQUEST', '表单字段名不允许（如 __proto__），请用字段名 file 上传文件', [
          { field: 'file', message: '表单字段名不允许' },
        ]);
      default:
        return new AppError(
          'MALFORMED_MULTIPART',
          '上传的表单格式有误：请求头 Content-Type 的 boundary 缺失或与内容不符，或内容不完整。请用 FormData 或 Taro.uploadFile 重新上传（字段名 file）',
          [{ field: 'file', message: '无法读取上传的表单（multipart/form-data）' }],
        );
    }
  }

  private tooLarge(): AppError {
    const mb = Math.floor(this.config.files.maxFileBytes / 1024 / 1024);
    return new AppError('FILE_TOO_LARGE', `文件超过${mb}MB，请压缩或分开上传`, [
      { field: 'file', message: `单个文件不能超过${mb}MB` },
    ]);
  }

  /** The file, if the caller is a member of its firm or reviews an application that uses it. */
  async readable(principal: Principal, id: number): Promise<FileEntity> {
    const file = await this.dataSource.getRepository(FileEntity).findOneBy({ id });
    if (!file) throw notFound('文件');
    const usedBy = (await this.uses.of([id])).map((u) => u.application);
    await this.access.requireAccess(principal, 'file.read', { kind: 'file', orgId: file.orgId, usedBy });
    return file;
  }

  /** Library files by id, for the workflow (which checks access to the application that asks). */
  async views(ids: readonly number[], manager: EntityManager = this.dataSource.manager): Promise<FileView[]> {
    if (ids.length === 0) return [];
    return (await manager.getRepository(FileEntity).findBy({ id: In([...ids]) })).map(toFileView);
  }

  async get(principal: Principal, id: number): Promise<FileView> {
    return toFileView(await this.readable(principal, id));
  }

  private sign(id: number, expires: number): string {
    return createHmac('sha256', this.linkKey).update(`${id}.${expires}`).digest('base64url');
  }

  /** A short-lived signed path for Taro.downloadFile / openDocument / previewImage, which send no token. */
  async link(principal: Principal, id: number): Promise<FileLink> {
    await this.readable(principal, id);
    return this.signedLink(id);
  }

  /**
   * A signed link to a file for a module that has checked the caller's right to it on its own
   * record (the whitelist's city reviewers read the files an application names).
   */
  signedLink(id: number): FileLink {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + this.config.files.linkTtlSeconds;
    return {
      path: `/api/v1/files/${id}/content?expires=${expires}&signature=${this.sign(id, expires)}`,
      expiresAt: new Date(expires * 1000).toISOString(),
    } satisfies FileLink;
  }

  /** Opens a file through a signed link: the signature is the permission. */
  async open(
    id: number,
    expires: string | undefined,
    signature: string | undefined,
  ): Promise<{ file: FileEntity; stream: Readable }> {
    const refused = new AppError('FORBIDDEN', '下载链接无效或已过期，请重新获取');
    // The exact digits we signed, nothing Number() would also read as them ('0x…', '1e3', ' 12', '12.0').
    const exp = expires !== undefined && /^[1-9]\d{0,14}$/.test(expires) ? Number(expires) : NaN;
    if (!signature || !Number.isSafeInteger(exp)) throw refused;
    const expected = Buffer.from(this.sign(id, exp));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused;
    if (exp * 1000 < this.clock.now().getTime()) throw refused;
    const file = await this.dataSource.getRepository(FileEntity).findOneBy({ id });
    if (!file) throw notFound('文件');
    try {
      return { file, stream: await this.storage.open(file.storageKey) };
    } catch (error) {
      if (!(error instanceof StoredObjectMissing)) throw error;
      // Our loss, not the caller's mistake: logged for whoever runs the service, and the user is
      // told what to do about it.
      this.logger.error(`stored file missing: file ${id}, storage key ${file.storageKey}`);
      throw new AppError('NOT_FOUND', '文件内容已丢失，请重新上传该文件');
    }
  }

  /** The firm's library: every file once, with where it is used and when its evidence runs out. */
  async library(principal: Principal, orgId: number): Promise<LibraryEntry[]> {
    await this.access.requireAccess(principal, 'org.read', { kind: 'org', orgId });
    const files = await this.dataSource.getRepository(FileEntity).find({ where: { orgId }, order: { id: 'DESC' } });
    const slots = await this.uses.of(files.map((f) => f.id));
    const today = this.clock.today();
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + EXPIRY_WARNING_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return files.map((f) => {
      const uses = slots
        .filter((s) => s.fileId === f.id && s.status !== 'replaced')
        .map((s) => ({
          applicationId: s.applicationId,
          materialId: s.materialId,
          status: s.status,
          validUntil: s.validUntil,
        }));
      const ends = uses
        .map((u) => u.validUntil)
        .filter((d): d is string => d !== null)
        .sort();
      const expiresOn = ends[0] ?? null;
      return {
        ...toFileView(f),
        expiresOn,
        expired: expiresOn !== null && expiresOn < today,
        expiringSoon: expiresOn !== null && expiresOn >= today && expiresOn <= soon,
        uses,
      } satisfies LibraryEntry;
    });
  }
}
