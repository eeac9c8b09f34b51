// Serves the web console (web/dist, built by `npm run build:web`) at `/`, with a fallback to
// index.html for the console's own routes. API, docs, OpenAPI and health paths are never
// answered with the console: an unknown one stays a problem+json 404.
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const DEFAULT_CONSOLE_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const ASSET = /^\/assets\/|\.(m?js|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|webmanifest)$/i;
const RESERVED = /^\/(api|docs|openapi\.json|healthz|readyz)(\/|$|\?)/;

const MISSING_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Afterdesk</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.6">
<h1>Afterdesk</h1>
<p>控制台尚未构建。请先运行 <code>npm run build:web</code>，然后刷新本页。</p>
<p>The web console has not been built yet. Run <code>npm run build:web</code>, then reload this page.</p>
<p>API: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a></p>
</body></html>`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The file under root that a URL path names, or null when it names none (or escapes root). */
async function fileFor(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded}`);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  return (await isFile(full)) ? full.slice(root.length).replace(/^[/\\]+/, '') : null;
}

export async function registerConsole(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = resolve(options.root ?? DEFAULT_CONSOLE_ROOT);
  // Own scope: reply.sendFile stays local, so it cannot clash with another @fastify/static.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false, suppressWarning: true });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (RESERVED.test(path)) return reply.callNotFound();
      const file = path === '/' ? null : await fileFor(root, path);
      if (file) {
        // Vite puts a content hash in every asset name: those never change.
        const hashed = file.startsWith('assets/');
        return reply.sendFile(file, { maxAge: hashed ? '365d' : 0, immutable: hashed });
      }
      // A missing asset is a 404, not the console's HTML (client routes may contain dots: /orders/DD1.5).
      if (ASSET.test(path)) return reply.callNotFound();
      if (!(await isFile(resolve(root, 'index.html')))) {
        return reply.status(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(MISSING_PAGE);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    };

    scope.get('/', { config: { access: 'public' }, schema: { hide: true } }, handler);
    scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, handler);
  });
}
