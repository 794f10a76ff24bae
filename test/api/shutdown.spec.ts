import { Agent, request as httpRequest } from 'node:http';
import { boot, firm } from './support/app.js';
import { upload } from './support/files.js';

/** A PDF of about `megabytes` MB: the download is still being written when the shutdown starts. */
const bigPdf = (megabytes: number): Buffer =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n% '),
    Buffer.alloc(megabytes * 1024 * 1024, 0x20),
    Buffer.from('\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'),
    Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);

describe('shutdown', () => {
  it('finishes a download in flight, then closes its keep-alive connection instead of waiting 72 s for it', async () => {
    const api = await boot('sqlite');
    let closed = false;
    try {
      const token = await api.login('applicant', 'shutdown');
      const org = await api.call<{ id: number }>('POST', '/api/v1/orgs', { token, body: firm(61) });
      const sent = bigPdf(8);
      const uploaded = await upload(api.url, token, org.body.id, sent, 'big.pdf', 'application/pdf');
      expect(uploaded.status).toBe(201);
      const link = await api.call<{ path: string }>('POST', `/api/v1/files/${uploaded.body.file?.id}/link`, { token });

      // A keep-alive connection (as a browser or wx.downloadFile keeps one) that reads slowly: the
      // server is still writing the response when the shutdown begins.
      const { hostname, port } = new URL(api.url);
      const agent = new Agent({ keepAlive: true });
      const received = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ hostname, port, path: link.body.path, agent }, (res) => {
          let bytes = 0;
          res.pause();
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve(bytes));
          res.on('error', reject);
          // Shutdown starts while the response is unfinished; then the client reads the rest.
          void api.app.app.close().then(() => (closed = true));
          setTimeout(() => res.resume(), 100);
        });
        req.on('error', reject);
        req.end();
      });
      expect(received).toBe(sent.length);

      // Without closing the connection once it is idle, the close waits for the keep-alive
      // timeout (72 s); 20 s is far below that and far above the ~0.1 s it takes.
      for (let waited = 0; !closed && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(closed).toBe(true);
      agent.destroy();
    } finally {
      await api.close();
    }
  }, 40_000);
});
