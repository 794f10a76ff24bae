import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { htmlPage } from './headers.js';

/**
 * The H5 build's policy: its scripts, styles, images and fonts from this origin, API calls to this
 * origin, nothing else. Styles may be inline because Taro's H5 components and NutUI inject their
 * own <style> elements at run time; scripts may not (the build has no inline script: see
 * miniapp/config/index.ts, which turns off Taro's inline rem script).
 */
export const WEB_APP_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  // pdf.js (the workbench's PDF viewer) ships ES modules as .mjs.
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Webpack's content hash in a file name (`app.9b1d3a9b.js`): such a file never changes. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

interface Asset {
  body: Buffer;
  type: string;
  cacheControl: string;
}

/** Every servable file of the build, by URL path; read once at boot. */
const readBuild = (dir: string): Map<string, Asset> => {
  const assets = new Map<string, Asset>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const type = TYPES[extname(entry.name).toLowerCase()];
        if (!type) continue;
        const url = `/${relative(dir, path).split(sep).join('/')}`;
        assets.set(url, { body: readFileSync(path), type, cacheControl: HASHED.test(entry.name) ? IMMUTABLE : SHORT });
      }
    }
  };
  walk(dir);
  return assets;
};

/** Whether `dir` holds an H5 build to serve. */
export const hasWebApp = (dir: string): boolean => {
  try {
    return statSync(join(dir, 'index.html')).isFile();
  } catch {
    return false;
  }
};

/**
 * The app's own routes (Taro's browser router): its pages live under these two folders
 * (miniapp/src/app.config.ts). Only they fall back to index.html, so the router never has a
 * catch-all that could stand in for an API route (`/api/*` keeps its 404s, 414s and headers).
 */
const APP_ROUTES = ['/pages/*', '/subpackages/*'];

/** The staff workbench's first page (miniapp/src/workbench/nav.ts STAFF_HOME_PATH), where `/staff` leads. */
const STAFF_HOME = '/subpackages/staff/queue/index';

/**
 * Serves the mini-program's H5 build at `/` when it exists: one route per file of the build, made
 * at boot (no path from a request reaches the file system), hashed files cached for a year,
 * index.html never cached, and index.html for the app's routes (/pages/calculator/index?…).
 * Anything else, `/api/*` included, is answered as before. (`@fastify/static` would need
 * ES-module-only packages jest cannot load; see openapi.ts.)
 */
export const serveWebApp = (app: NestFastifyApplication, dir: string): boolean => {
  if (!hasWebApp(dir)) return false;
  const assets = readBuild(dir);
  const index = assets.get('/index.html') as Asset;
  assets.delete('/index.html');
  const fastify = app.getHttpAdapter().getInstance();
  const page = htmlPage(WEB_APP_CSP);

  const sendIndex = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type(index.type).header('cache-control', 'no-store').send(index.body);

  fastify.get('/', page, sendIndex);
  // The workbench's short address: staff type /staff, the workbench signs them in if need be.
  fastify.get('/staff', page, async (_request, reply) =>
    reply.header('cache-control', 'no-store').redirect(STAFF_HOME, 302),
  );
  fastify.get('/index.html', page, sendIndex);
  for (const [url, asset] of assets)
    fastify.get(url, page, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', asset.cacheControl).send(asset.body),
    );
  for (const route of APP_ROUTES)
    fastify.get(route, page, async (request, reply) => {
      // A missing script or style must fail as a 404, not load the page in its place.
      if (extname(request.url.split('?')[0] ?? '') !== '') return reply.callNotFound();
      return sendIndex(request, reply);
    });
  return true;
};
