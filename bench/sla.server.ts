// The product as a separate server process (`tsx src/main.ts serve`), so it can be killed with
// SIGKILL and started again. It runs in its own process group: tsx starts node as a child, and
// a kill must reach both (the group id is the pid of the process spawned here, nothing else).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** One key for every server this run starts (restarts must open what earlier ones wrote). */
const BENCH_PII_KEYS = `bench:${randomBytes(32).toString('base64')}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** Epoch ms when the process was spawned. */
  spawnedAt: number;
  /** Resolves with the epoch ms of the first successful GET /healthz (the scheduler starts before the server listens). */
  ready(limitMs: number): Promise<number>;
  /** SIGKILL to the whole process group; resolves once the process has exited. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful close), SIGKILL to the group if it has not exited within `limitMs`. */
  stop(limitMs?: number): Promise<void>;
  alive(): boolean;
  /** Lines of standard error printed by the scheduler ("[sla] …"), and the last lines of output. */
  slaErrors(): string[];
  tail(): string[];
}

export function startServer(env: { databaseUrl: string; port: number; dataDir: string }): ServerProcess {
  const binDir = join(ROOT, 'node_modules', '.bin');
  // Started as `npm run serve` starts it (package.json), node flags included.
  const child: ChildProcess = spawn(join(binDir, 'tsx'), ['--max-semi-space-size=64', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
      DATABASE_URL: env.databaseUrl,
      PORT: String(env.port),
      HOST: '127.0.0.1',
      DATA_DIR: env.dataDir,
      LOG_LEVEL: 'warn',
      // PostgreSQL means production settings: the personal-data key is required.
      PII_KEYS: process.env.PII_KEYS || BENCH_PII_KEYS,
    },
  });
  const spawnedAt = Date.now();
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const tail: string[] = [];
  const slaErrors: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (line.startsWith('[sla]') && slaErrors.length < 20) slaErrors.push(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${env.port}`;
  /** Signals the group; false when no process of it is left. */
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    if (child.pid === undefined) return false;
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  /** Waits until the spawned process and every process of its group are gone. */
  const gone = async () => {
    await exit;
    for (let i = 0; i < 200 && signalGroup(0); i++) await new Promise((r) => setTimeout(r, 10));
  };

  return {
    url,
    spawnedAt,
    async ready(limitMs) {
      const stop = Date.now() + limitMs;
      while (Date.now() < stop) {
        if (exited) throw new Error(`server exited before it was ready:\n${tail.join('\n')}`);
        try {
          const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
          if (res.ok) return Date.now();
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`server not ready within ${limitMs} ms:\n${tail.join('\n')}`);
    },
    async kill9() {
      signalGroup('SIGKILL');
      await gone();
    },
    async stop(limitMs = 10_000) {
      if (!signalGroup('SIGTERM')) return;
      const timer = setTimeout(() => signalGroup('SIGKILL'), limitMs);
      await gone();
      clearTimeout(timer);
    },
    alive: () => !exited,
    slaErrors: () => [...slaErrors],
    tail: () => [...tail],
  };
}
