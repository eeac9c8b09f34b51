// The console's static serving, on a throwaway web/dist: files, SPA fallback, reserved paths,
// and the page shown when the console has not been built.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from './static.ts';

async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  // The same rule as the real server: every route declares its access.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`${route.url} declares no access`);
  });
  await registerConsole(app, { root });
  app.get('/api/v1/ping', { config: { access: 'public' } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('registerConsole', () => {
  let app: FastifyInstance;
  let missing: FastifyInstance;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'afterdesk-console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appWith(root);
    missing = await appWith(join(root, 'does-not-exist'));
  });
  afterAll(async () => {
    await app.close();
    await missing.close();
  });

  it('serves index.html at / and for client routes', async () => {
    for (const url of ['/', '/cases', '/cases/AS20261110000001', '/orders/DD1/apply/x?y=1', '/orders/DD1.5']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(String(res.headers['cache-control'])).toContain('no-cache');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(String(res.headers['cache-control'])).toContain('immutable');
  });

  it('never answers API, docs or health paths with the console', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).json()).toEqual({ ok: true });
    for (const url of ['/api/v1/nothing-here', '/api', '/docs/nothing', '/healthz', '/readyz', '/openapi.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('<div id="root">');
    }
  });

  it('answers 404 for a missing asset and refuses to leave the root', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/gone-123.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/logo.png' })).statusCode).toBe(404);
    const escape = await app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd' });
    expect(escape.body).not.toContain('root:');
  });

  it('says how to build the console when web/dist is missing', async () => {
    const res = await missing.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
  });
});
