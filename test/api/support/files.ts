import { type ApiClient } from '@huiqi/shared';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { deflateSync } from 'node:zlib';

/** A small but well-formed PDF. `marker` makes distinct files with distinct hashes. */
export const pdf = (marker = 'huiqi'): Buffer =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
};

/** A 1×1 PNG. */
export const png = (): Buffer => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const segment = (marker: number, data: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
};

/** A JPEG whose Exif carries a GPS IFD (the phone's location), between JFIF and the image data. */
export const jpegWithGps = (): Buffer => {
  // TIFF, little endian: IFD0 with one entry, GPSInfo (0x8825) pointing at an empty GPS IFD.
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 4);
  tiff.write('II', 0, 'ascii');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12); // LONG
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18); // offset of the GPS IFD
  tiff.writeUInt32LE(0, 22);
  tiff.writeUInt16LE(0, 26);
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xe1, exif),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
};

/** A Windows executable's first bytes. */
export const exe = (): Buffer => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510)]);

/** Uploads bytes as a browser or Taro.uploadFile does: multipart/form-data, field `file`. */
export const upload = async (
  url: string,
  token: string,
  orgId: number,
  bytes: Buffer,
  name: string,
  type = 'application/octet-stream',
): Promise<{
  status: number;
  body: Record<string, unknown> & { file?: { id: number; kind: string; name: string; sha256: string } };
}> => {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${url}/api/v1/files?orgId=${orgId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** Polls `ready` every 20 ms until it holds; throws, saying `what`, if it has not within `ms`. */
export const until = async (what: string, ready: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Sends the start of a multipart upload that promises more bytes than it sends, waits until the
 * server is receiving it (`receiving`, e.g. its temp file exists), then drops the connection, as
 * a phone losing its signal mid-upload does. Resolves once the socket is closed on our side.
 */
export const truncatedUpload = async (
  url: string,
  token: string,
  orgId: number,
  sent: Buffer,
  receiving: () => boolean,
): Promise<void> => {
  const boundary = '----huiqi-truncated';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const { hostname, port } = new URL(url);
  const req = httpRequest({
    hostname,
    port,
    method: 'POST',
    path: `/api/v1/files?orgId=${orgId}`,
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + sent.length + 10_000_000),
    },
  });
  const closed = new Promise<void>((resolve) => req.once('close', () => resolve()));
  req.on('error', () => undefined);
  req.write(Buffer.concat([head, sent]));
  try {
    await until('the server to start receiving the upload', receiving);
  } finally {
    req.destroy();
    await closed;
  }
};

interface SlotList {
  materials: { id: string; name: string; required: boolean; accepts: string[]; current: unknown }[];
}

/** Uploads a fresh file of an accepted kind into every empty required slot of an application. */
export const fillRequired = async (
  api: {
    url: string;
    call: <T>(
      method: string,
      path: string,
      options?: { token?: string; body?: unknown },
    ) => Promise<{ status: number; body: T }>;
  },
  token: string,
  orgId: number,
  applicationId: number,
): Promise<void> => {
  const slots = await api.call<SlotList>('GET', `/api/v1/applications/${applicationId}/materials`, { token });
  for (const m of slots.body.materials.filter((x) => x.required && !x.current)) {
    const usePdf = m.accepts.includes('pdf');
    const res = await upload(
      api.url,
      token,
      orgId,
      usePdf ? pdf(`${applicationId}-${m.id}`) : png(),
      `${m.name}.${usePdf ? 'pdf' : 'png'}`,
    );
    const attached = await api.call('PUT', `/api/v1/applications/${applicationId}/materials/${m.id}`, {
      token,
      body: { fileId: res.body.file?.id },
    });
    if (attached.status !== 200) throw new Error(`could not attach ${m.id}: ${attached.status}`);
  }
};

/** Posts raw bytes to the upload route with the given content type: for bodies no FormData would make. */
export const rawUpload = async (
  url: string,
  token: string,
  orgId: number,
  contentType: string,
  body: Buffer,
): Promise<{ status: number; body: { code: string; message: string; details: unknown; requestId: string } }> => {
  const res = await fetch(`${url}/api/v1/files?orgId=${orgId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  return { status: res.status, body: (await res.json()) as never };
};

/** One multipart part, as a browser writes it. */
export const formPart = (boundary: string, name: string, value: string | Buffer, filename?: string): Buffer =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n` +
        (filename ? 'Content-Type: application/octet-stream\r\n' : '') +
        '\r\n',
    ),
    Buffer.from(value),
    Buffer.from('\r\n'),
  ]);

/** The closing delimiter of a multipart body. */
export const formEnd = (boundary: string): Buffer => Buffer.from(`--${boundary}--\r\n`);

/** Writes `bytes` at `path` (making its folder) with a modification time `ageMs` in the past. */
export const writeAged = (path: string, bytes: Buffer, ageMs: number): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  age(path, ageMs);
};

/** Moves a file's modification time `ageMs` into the past, as if nothing had written it since. */
export const age = (path: string, ageMs: number): void => {
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
};

/**
 * An upload that sends the start of its file and then waits, as a phone on a slow network does;
 * `finish` (once or more) sends the rest and reads the answer.
 */
export const startUpload = (
  url: string,
  token: string,
  orgId: number,
  bytes: Buffer,
  name: string,
  sentFirst: number,
): { finish(): Promise<{ status: number; body: Record<string, unknown> & { file?: { id: number } } }> } => {
  const boundary = '----huiqi-slow';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const { hostname, port } = new URL(url);
  let respond: (reply: { status: number; body: Record<string, unknown> }) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const answer = new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    respond = resolve;
    fail = reject;
  });
  const req = httpRequest(
    {
      hostname,
      port,
      method: 'POST',
      path: `/api/v1/files?orgId=${orgId}`,
      // A connection of its own, closed after the answer (see fetchOnce).
      agent: false,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
      },
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        respond({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as never }),
      );
    },
  );
  req.on('error', fail);
  req.write(Buffer.concat([head, bytes.subarray(0, sentFirst)]));
  let ended = false;
  return {
    finish: () => {
      if (!ended) req.end(Buffer.concat([bytes.subarray(sentFirst), tail]));
      ended = true;
      return answer;
    },
  };
};

/**
 * GETs a signed download path on a connection of its own, closed after the answer. A streamed
 * answer that is the last request before the server closes can otherwise keep `close()` waiting
 * for Fastify's keep-alive timeout (72 s): the client may hold every byte before the server has
 * marked the response finished, so the connection is not idle when close() looks.
 */
export const fetchOnce = (
  url: string,
  path: string,
): Promise<{ status: number; bytes: Buffer; headers: IncomingHttpHeaders }> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = httpRequest({ hostname, port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

/** The same through the shared typed client: every empty required slot gets a fresh file of a kind it accepts. */
export const fillRequiredWith = async (client: ApiClient, orgId: number, applicationId: number): Promise<void> => {
  const { materials } = await client.listMaterials({ params: { id: applicationId } });
  for (const m of materials.filter((x) => x.required && !x.current)) {
    const usePdf = m.accepts.includes('pdf');
    const { file } = await client.uploadFile({
      query: { orgId },
      body: {
        file: {
          name: `${m.name}.${usePdf ? 'pdf' : 'png'}`,
          type: usePdf ? 'application/pdf' : 'image/png',
          content: usePdf ? pdf(`${applicationId}-${m.id}`) : png(),
        },
      },
    });
    await client.attachMaterial({ params: { id: applicationId, materialId: m.id }, body: { fileId: file.id } });
  }
};
