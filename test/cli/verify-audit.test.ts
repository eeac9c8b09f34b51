// The operator commands as run from a shell: verify-audit (exit code 1 at the first break) and
// rotate-keys (re-encrypts under the active key and reports counts).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { recordAudit } from '../../src/modules/audit/audit.service.ts';
import { applyImportRecord } from '../../src/modules/orders/index.ts';
import { keyIdOf, parseKeyList, PiiKeyRing } from '../../src/modules/privacy/pii.crypto.ts';
import { openMigratedDatabase } from '../../src/runtime.ts';
import { freshTestDatabase } from '../helpers/harness.ts';

const OLD = `old:${randomBytes(32).toString('base64')}`;
const NEW = `new:${randomBytes(32).toString('base64')}`;
let env: Record<string, string>;
let database: Awaited<ReturnType<typeof freshTestDatabase>>;

function cli(...args: string[]) {
  const result = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/main.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openMigratedDatabase>>) => Promise<T>): Promise<T> {
  const db = await openMigratedDatabase(loadConfig(env));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  database = await freshTestDatabase();
  env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'afterdesk-cli-')), LOG_LEVEL: 'silent', PII_KEYS: OLD, ...(database.url ? { DATABASE_URL: database.url } : {}) };
  await withDatabase(async ({ db }) => {
    const at = new Date('2026-11-10T02:00:00Z');
    await recordAudit(db, [1, 2, 3].map((n) => ({ at, actor: null, action: `cli.test.${n}`, detail: { n } })));
    const ring = new PiiKeyRing(parseKeyList(OLD), 'old');
    await applyImportRecord(db, { type: 'customer', data: { externalId: 'cli-1', name: '李四', tier: 'regular', locale: 'zh-CN', idNumber: '11010519491231002X' } }, at, { pii: ring });
  });
}, 120_000);

afterAll(async () => {
  await database.drop();
});

describe('verify-audit', () => {
  it('exits 0 on an intact trail and 1 with the first break after tampering', async () => {
    const clean = cli('verify-audit');
    expect(clean.out).toContain('audit trail intact');
    expect(clean.code).toBe(0);
    const head = /chain head: (\d+:[0-9a-f]{64})/.exec(clean.out)?.[1];
    expect(head).toBeDefined();

    await withDatabase(async ({ db }) => {
      await db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger user`.execute(trx);
        await sql`update audit_log set detail = '{"n": 20}' where action = 'cli.test.2'`.execute(trx);
        await sql`alter table audit_log enable trigger user`.execute(trx);
      });
    });
    const broken = cli('verify-audit', '--anchor', head!);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN \(row_modified\): audit row \d+ \(seal 2\) was changed after it was sealed/);
  }, 180_000);
});

describe('rotate-keys', () => {
  it('re-encrypts under the active key and reports the counts; refuses to run on PostgreSQL without keys', async () => {
    env.PII_KEYS = `${OLD},${NEW}`;
    env.PII_ACTIVE_KEY_ID = 'new';
    const run = cli('rotate-keys');
    expect(run.out).toContain('customers.id_number_enc: re-encrypted 1, under the active key 1, failed 0');
    expect(run.code).toBe(0);
    await withDatabase(async ({ db }) => {
      const row = await db.selectFrom('customers').select('id_number_enc').where('external_id', '=', 'cli-1').executeTakeFirstOrThrow();
      expect(keyIdOf(row.id_number_enc!)).toBe('new');
    });
    if (database.url) {
      env.PII_KEYS = '';
      const refused = cli('rotate-keys');
      expect(refused.code).not.toBe(0);
      expect(refused.out).toContain('PII_KEYS is required when DATABASE_URL is set');
    }
  }, 180_000);
});
