// Two servers on one database, both running the timer scheduler and the job workers: every
// deadline's breach fires once and its actions run once. On PostgreSQL (CI) the two are separate
// runtimes with their own connection pools; on PGlite, which one process owns, two schedulers and
// two worker loops share the engine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { handleSlaAction } from '../../src/modules/sla/sla.actions.ts';
import { createDeadlineScheduler, type DeadlineScheduler } from '../../src/modules/sla/sla.scheduler.ts';
import { type Runtime, startRuntime } from '../../src/runtime.ts';
import { ManualClock } from '../../src/shared/clock.ts';
import { freshTestDatabase, makeShop, type TestApp } from '../helpers/harness.ts';

const CASES = 40;
let database: Awaited<ReturnType<typeof freshTestDatabase>>;
const clock = new ManualClock('2026-11-10T10:00:00+08:00');
const runtimes: Runtime[] = [];
const extraSchedulers: DeadlineScheduler[] = [];

beforeAll(async () => {
  database = await freshTestDatabase();
  const config = loadConfig({ ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'afterdesk-two-')), DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const first = await startRuntime(config, { clock, inMemory: true, workers: true });
  runtimes.push(first);
  if (database.url) {
    runtimes.push(await startRuntime(config, { clock, workers: true }));
  } else {
    const { deps } = first;
    const second = createDeadlineScheduler(deps, { maxSleepMs: 200 });
    await second.start();
    extraSchedulers.push(second);
    await deps.jobs.work('sla-action', (data) => handleSlaAction(deps, data));
  }
}, 60_000);

afterAll(async () => {
  for (const s of extraSchedulers) await s.stop();
  for (const r of runtimes.reverse()) await r.close();
  await database.drop();
});

describe('two processes, one database', () => {
  it('fires each breach once and runs its escalation once', async () => {
    const [first] = runtimes;
    const t: TestApp = { runtime: first!, clock, payments: null as never, close: async () => undefined };
    // Sold by the platform itself: frontline's 2 h escalation applies (a merchant's case is the merchant's).
    const shop = await makeShop(t, { platformOperated: true });
    const caseNos: string[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const created = await shop.customer.post('/api/v1/cases', {
        kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: `第${i}个投诉`,
      }, { 'idempotency-key': `two-case-${i}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      caseNos.push(created.body.caseNo);
      // Free the item's open-case slot (IN-8) so the next complaint is a case of its own, and keep it
      // out of the next one's repeated-contact count (TR-2), which would grade that one L2 at once.
      await first!.deps.database.db
        .updateTable('cases')
        .set({ open_dedupe_key: null, created_at: new Date(clock.now().getTime() - 31 * 86_400_000) })
        .where('case_no', '=', created.body.caseNo)
        .execute();
    }

    clock.advance(3 * 3_600_000);
    for (const r of runtimes) r.deps.scheduler.wake();
    for (const s of extraSchedulers) s.wake();
    const { db } = first!.deps.database;
    const escalated = () =>
      db.selectFrom('case_events').select(sql<number>`count(*)::int`.as('n')).where('type', '=', 'severity_escalated').executeTakeFirstOrThrow();
    await vi.waitFor(async () => expect((await escalated()).n).toBe(CASES), { timeout: 30_000, interval: 100 });

    const perDeadline = await db
      .selectFrom('case_events')
      .select([sql<string>`data->>'deadlineId'`.as('deadline'), sql<number>`count(*)::int`.as('n')])
      .where('type', '=', 'sla_breached')
      .groupBy(sql`data->>'deadlineId'`)
      .execute();
    const breached = await db.selectFrom('case_deadlines').select(sql<number>`count(*)::int`.as('n')).where('breached_at', 'is not', null).executeTakeFirstOrThrow();
    expect(perDeadline.length).toBe(breached.n);
    expect(perDeadline.every((row) => row.n === 1)).toBe(true);
    // Acknowledgement, plan, first response and frontline escalation, for every case.
    expect(breached.n).toBeGreaterThanOrEqual(3 * CASES);
    const severities = await db.selectFrom('cases').select('severity').where('case_no', 'in', caseNos).execute();
    expect(severities.every((row) => row.severity === 'L2')).toBe(true);
    const supervisorNotices = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('recipient_role', '=', 'supervisor').executeTakeFirstOrThrow();
    expect(supervisorNotices.n).toBe(perDeadline.length);
  }, 90_000);
});
