// The demo shop (`afterdesk seed-demo`, small scale) in a data directory of its own, served with the
// built console on a free port: its clocks, breaches and notices are what the SLA views show.
// Not namespaced, so the README's accounts (supervisor@afterdesk.demo / demo1234) sign in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/seed-demo.ts';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { registerConsole } from '../../src/http/static.ts';
import { startRuntime } from '../../src/runtime.ts';
import { freshTestDatabase } from '../helpers/harness.ts';

export { DEMO_PASSWORD };

/** Large enough for breached clocks and escalations in every run, small enough to seed in seconds. */
const DEMO_SCALE = 0.08;

export interface DemoConsole {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startDemoConsole(): Promise<DemoConsole> {
  const database = await freshTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'afterdesk-demo-console-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  await seedDemo(config, { scale: DEMO_SCALE, quiet: true });
  const runtime = await startRuntime(config);
  const app: FastifyInstance = await buildApp(runtime.deps);
  if (!app.hasRoute({ method: 'GET', url: '/*' })) await registerConsole(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
