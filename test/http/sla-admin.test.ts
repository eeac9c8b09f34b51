// SLA configuration through the API: targets and calendars are data an admin edits, running clocks
// follow a change, a timer that fell due while nothing ran fires late, and the simulated clock
// exists only when the server was started with it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { handleSlaRecompute } from '../../src/modules/sla/sla.recompute.ts';
import { ensureSlaDefaults } from '../../src/modules/sla/sla.repository.ts';
import { startRuntime } from '../../src/runtime.ts';
import { client, freshTestDatabase, makeShop, runTimers, startTestApp, type TestApp } from '../helpers/harness.ts';

const HOUR = 3_600_000;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

const complaint = (orderItemId: string) => ({ kind: 'complaint', reason: 'quality', items: [{ orderItemId, quantity: 1 }], description: '质量问题' });

describe('SLA targets as data', () => {
  it('lists the SPEC defaults and refuses a malformed target with the offending field', async () => {
    const shop = await makeShop(t);
    const list = await shop.supervisor.get('/api/v1/sla/targets');
    expect(list.status).toBe(200);
    const chat = list.body.items.find((x: { metric: string; match: { channel: string | null } }) => x.metric === 'first_response' && x.match.channel === 'chat');
    expect(chat).toMatchObject({ duration: { amount: 3, unit: 'minutes' }, party: 'platform' });
    expect((await shop.agent.get('/api/v1/sla/targets')).status).toBe(403);

    const bad = await shop.admin.post('/api/v1/sla/targets', { metric: 'plan_due', duration: { amount: 2, unit: 'fortnights' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('duration');
    const wrongOutcome = await shop.admin.post('/api/v1/sla/targets', { metric: 'plan_due', duration: { amount: 2, unit: 'hours' }, autoOutcome: 'approve_request' });
    expect(wrongOutcome.status).toBe(400);
    expect(JSON.stringify(wrongOutcome.body)).toContain('autoOutcome');
    const ghostMerchant = await shop.admin.post('/api/v1/sla/targets', {
      metric: 'plan_due', duration: { amount: 2, unit: 'hours' }, match: { merchantId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(ghostMerchant.status).toBe(422);
    expect(ghostMerchant.body.field).toBe('match.merchantId');
  });

  it('gives an installation the defaults of a metric it never had, and leaves a switched-off one off', async () => {
    const { db } = t.runtime.deps.database;
    const now = t.clock.now();
    await db.deleteFrom('sla_targets').where('metric', '=', 'merchant_inspection').execute();
    await db.updateTable('sla_targets').set({ active: false }).where('metric', '=', 'customer_evidence').execute();
    await ensureSlaDefaults(db, now);
    const rows = await db.selectFrom('sla_targets').select(['metric', 'active', 'auto_outcome']).where('metric', 'in', ['merchant_inspection', 'customer_evidence']).execute();
    expect(rows.filter((r) => r.metric === 'merchant_inspection')).toEqual([{ metric: 'merchant_inspection', active: true, auto_outcome: 'pass_inspection_and_refund' }]);
    expect(rows.filter((r) => r.metric === 'customer_evidence').map((r) => r.active)).toEqual([false]);
    await db.updateTable('sla_targets').set({ active: true }).where('metric', '=', 'customer_evidence').execute();
  });

  it('a merchant-specific target wins, and a changed target moves the clocks already running', async () => {
    const shop = await makeShop(t);
    const own = await shop.admin.post('/api/v1/sla/targets', {
      metric: 'plan_due', match: { merchantId: shop.merchantId }, duration: { amount: 12, unit: 'hours' }, warnBeforeMinutes: 60, pauseStates: ['awaiting_customer'],
    });
    expect(own.status).toBe(201);
    const created = await shop.customer.post('/api/v1/cases', complaint(shop.orderItemId));
    const caseNo: string = created.body.caseNo;
    const planDue = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines.find((d: { metric: string }) => d.metric === 'plan_due');
    const startedAt = t.clock.now().getTime();
    expect(new Date((await planDue()).dueAt).getTime() - startedAt).toBe(12 * HOUR);

    t.clock.advance(HOUR);
    const changed = await shop.admin.put(`/api/v1/sla/targets/${own.body.id}`, { ...own.body, duration: { amount: 36, unit: 'hours' } });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    await t.runtime.deps.jobs.runPending('sla-recompute', (data) => handleSlaRecompute(t.runtime.deps, data).then(() => undefined));
    const moved = await planDue();
    expect(new Date(moved.dueAt).getTime() - startedAt).toBe(36 * HOUR);
    const timeline = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'sla_rescheduled', actorRole: 'system' });
  });

  it('fires a deadline that passed while nothing ran, marked late, exactly once', async () => {
    const shop = await makeShop(t);
    const caseNo: string = (await shop.customer.post('/api/v1/cases', complaint(shop.orderItemId))).body.caseNo;
    t.clock.advance(5 * HOUR);
    const first = await runTimers(t);
    expect(first.fired).toBeGreaterThan(0);
    expect((await runTimers(t)).fired).toBe(0);
    const events = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline;
    const ack = events.filter((e: { type: string; data: { metric: string } }) => e.type === 'sla_breached' && e.data.metric === 'acknowledgement');
    expect(ack).toHaveLength(1);
    expect(ack[0].data.late).toBe(true);
    const deadline = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines.find((d: { metric: string }) => d.metric === 'acknowledgement');
    expect(deadline).toMatchObject({ late: true, breached: true });
  });
});

describe('settings that contradict themselves or point nowhere', () => {
  const target = (extra: Record<string, unknown>) => ({ metric: 'plan_due', duration: { amount: 1, unit: 'hours' }, ...extra });

  it('a breach reassign goes only to a queue that exists and is worked (ORG-1)', async () => {
    const shop = await makeShop(t);
    const ghost = await shop.admin.post('/api/v1/sla/targets', target({ breachActions: ['reassign'], reassignQueue: 'escalation-desk' }));
    expect(ghost.status).toBe(422);
    expect(ghost.body).toMatchObject({ field: 'reassignQueue', detail: '队列 escalation-desk 不存在或已停用' });
    const real = await shop.admin.post('/api/v1/sla/targets', target({ breachActions: ['reassign'], reassignQueue: 'frontline', active: false }));
    expect(real.status, JSON.stringify(real.body)).toBe(201);
    const moved = await shop.admin.put(`/api/v1/sla/targets/${real.body.id}`, { ...real.body, reassignQueue: 'escalation-desk' });
    expect(moved.status).toBe(422);
    expect(moved.body.field).toBe('reassignQueue');
    expect((await shop.admin.get('/api/v1/sla/targets')).body.items.find((x: { id: string }) => x.id === real.body.id).reassignQueue).toBe('frontline');
  });

  it('refuses a warning before the clock starts, and pausing in a state no clock runs in', async () => {
    const shop = await makeShop(t);
    const early = await shop.admin.post('/api/v1/sla/targets', target({ warnBeforeMinutes: 600, active: false }));
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ field: 'warnBeforeMinutes', detail: '提前预警的分钟数（600）须小于时效本身（60 分钟）' });
    // Working days are counted in working time: a working day is at least its 480 working minutes on the default calendar.
    const workingDay = await shop.admin.post('/api/v1/sla/targets', target({ duration: { amount: 1, unit: 'working_days' }, warnBeforeMinutes: 480, active: false }));
    expect(workingDay.body.field).toBe('warnBeforeMinutes');
    expect((await shop.admin.post('/api/v1/sla/targets', target({ warnBeforeMinutes: 59, active: false }))).status).toBe(201);

    const closed = await shop.admin.post('/api/v1/sla/targets', target({ pauseStates: ['awaiting_customer', 'closed', 'merged'], active: false }));
    expect(closed.status).toBe(400);
    expect(closed.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.pauseStates.1', 'body.pauseStates.2']);
    expect(closed.body.errors[0].messages['zh-CN']).toContain('已关闭');
  });

  it('refuses a calendar day that is both closed and an extra working day', async () => {
    const shop = await makeShop(t);
    const both = await shop.admin.post('/api/v1/sla/calendars', {
      name: `两可-${shop.id}`, spec: { closures: ['2026-12-05'], extraWorkingDays: ['2026-12-06', '2026-12-05'] },
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ field: 'body.spec.extraWorkingDays.1' });
    expect(both.body.errors[0].message).toBe('2026-12-05 同时是停工日和额外工作日，请只保留一个');
  });

  it('says what is wrong with a custom check in the caller’s language, never both at once', async () => {
    const shop = await makeShop(t);
    const cases = [
      { url: '/api/v1/sla/calendars', body: { name: 'x', spec: { timeZone: 'Mars/Olympus' } }, field: 'body.spec.timeZone', zh: '须为 IANA 时区名，如 Asia/Shanghai' },
      {
        url: '/api/v1/sla/calendars',
        body: { name: 'x', spec: { workingHours: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } },
        field: 'body.spec.workingHours.1',
        zh: '工作时段须按时间先后排列且不能重叠',
      },
      { url: '/api/v1/sla/calendars', body: { name: 'x', spec: { closures: ['2026-02-30'] } }, field: 'body.spec.closures.0', zh: '须为真实存在的日期，格式 YYYY-MM-DD' },
      { url: '/api/v1/sla/targets', body: target({ breachActions: ['reassign'] }), field: 'body.reassignQueue', zh: '超时转派需要指定队列' },
      { url: '/api/v1/sla/targets', body: target({ autoOutcome: 'approve_request' }), field: 'body.autoOutcome', zh: '该自动结果只适用于「商家审核申请」时效' },
    ];
    for (const c of cases) {
      const zh = await shop.admin.post(c.url, c.body);
      expect(zh.status, JSON.stringify(zh.body)).toBe(400);
      expect(zh.body.errors[0]).toMatchObject({ field: c.field, message: c.zh });
      const en = await shop.admin.post(c.url, c.body, { 'accept-language': 'en-US' });
      expect(en.body.errors[0].field).toBe(c.field);
      expect(en.body.errors[0].message).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en.body.detail).toContain(en.body.errors[0].message);
    }
  });
});

describe('business calendars', () => {
  it('shows holidays and make-up days, and takes admin overrides', async () => {
    const shop = await makeShop(t);
    const calendars = await shop.supervisor.get('/api/v1/sla/calendars');
    const standard = calendars.body.items.find((c: { isDefault: boolean }) => c.isDefault);
    const days = await shop.supervisor.get(`/api/v1/sla/calendars/${standard.id}/days?from=2026-10-01&to=2026-10-10`);
    expect(days.status).toBe(200);
    expect(days.body.days[0]).toMatchObject({ date: '2026-10-01', working: false, kind: 'holiday' });
    expect(days.body.days[9]).toMatchObject({ date: '2026-10-10', working: true, kind: 'make_up_workday' });
    const later = await shop.supervisor.get(`/api/v1/sla/calendars/${standard.id}/days?from=2027-01-01&to=2027-01-02`);
    expect(later.body.holidayDataMissing).toEqual([2027]);

    const team = await shop.admin.post('/api/v1/sla/calendars', {
      name: `仓库团队-${shop.id}`,
      spec: { timeZone: 'Asia/Shanghai', workingHours: [{ start: '08:00', end: '20:00' }], chineseHolidays: true, closures: ['2026-11-11'], extraWorkingDays: ['2026-10-03'] },
    });
    expect(team.status).toBe(201);
    const teamDays = await shop.supervisor.get(`/api/v1/sla/calendars/${team.body.id}/days?from=2026-10-03&to=2026-11-11`);
    expect(teamDays.body.days[0]).toMatchObject({ date: '2026-10-03', working: true, kind: 'extra_workday' });
    expect(teamDays.body.days.at(-1)).toMatchObject({ date: '2026-11-11', working: false, kind: 'closure' });
    const badZone = await shop.admin.post('/api/v1/sla/calendars', { name: 'x', spec: { timeZone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
    expect(JSON.stringify(badZone.body)).toContain('timeZone');
  });
});

describe('a calendar change', () => {
  it('moves the working-day clocks already running on it', async () => {
    const shop = await makeShop(t, { signedAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString() });
    const caseNo: string = (await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '不想要了',
    })).body.caseNo;
    await shop.merchant.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '顺丰', trackingNo: `SF${shop.id}C1`, shippingFeeFen: 0 });
    expect((await shop.merchant.action(caseNo, 'receive_return', {})).status).toBe(200);
    const refundClock = async () => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.deadlines.find((d: { metric: string }) => d.metric === 'refund_after_receipt');
    const before = new Date((await refundClock()).dueAt);

    const calendars = (await shop.admin.get('/api/v1/sla/calendars')).body.items;
    const standard = calendars.find((c: { isDefault: boolean }) => c.isDefault);
    // Close the warehouse on the last working day of the clock: it must end one working day later.
    const closedDay = before.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const changed = await shop.admin.put(`/api/v1/sla/calendars/${standard.id}`, { name: standard.name, isDefault: true, spec: { ...standard.spec, closures: [closedDay] } });
    expect(changed.status).toBe(200);
    await t.runtime.deps.jobs.runPending('sla-recompute', (data) => handleSlaRecompute(t.runtime.deps, data).then(() => undefined));
    const after = new Date((await refundClock()).dueAt);
    expect(after.getTime()).toBeGreaterThan(before.getTime() + 12 * HOUR);
    expect(after.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })).not.toBe(closedDay);
    const days = (await shop.supervisor.get(`/api/v1/sla/calendars/${standard.id}/days?from=${closedDay}&to=${closedDay}`)).body.days;
    expect(days[0]).toMatchObject({ working: false, kind: 'closure' });
    // Put it back for the tests that follow.
    await shop.admin.put(`/api/v1/sla/calendars/${standard.id}`, { name: standard.name, isDefault: true, spec: standard.spec });
  });
});

describe('the simulated clock', () => {
  it('does not exist unless the server was started with AFTERDESK_SIMULATED_CLOCK=1', async () => {
    const shop = await makeShop(t);
    expect((await shop.admin.get('/api/v1/simulation/clock')).status).toBe(404);
    expect((await shop.admin.post('/api/v1/simulation/clock', { advanceMinutes: 60 })).status).toBe(404);
  });

  it('lets an admin move the time every rule and deadline uses, and fires what falls due', async () => {
    const database = await freshTestDatabase();
    const config = loadConfig({
      ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'afterdesk-sim-')), DATABASE_URL: database.url, LOG_LEVEL: 'silent', AFTERDESK_SIMULATED_CLOCK: '1',
    });
    const runtime = await startRuntime(config, { inMemory: true });
    try {
      const sim = { runtime, clock: runtime.deps.simulatedClock!, payments: null as never, close: async () => undefined };
      const admin = await createUserWithToken(runtime.deps.database.db, { email: 'sim-admin@test.local', displayName: 'Admin', role: 'admin' });
      const agent = await createUserWithToken(runtime.deps.database.db, { email: 'sim-agent@test.local', displayName: 'Agent', role: 'agent' });
      const api = client(sim, admin.token);
      const before = await api.get('/api/v1/simulation/clock');
      expect(before.body.simulated).toBe(true);
      expect((await client(sim, agent.token).post('/api/v1/simulation/clock', { advanceMinutes: 5 })).status).toBe(403);
      const both = await api.post('/api/v1/simulation/clock', { advanceMinutes: 5, at: '2030-01-01T00:00:00Z' });
      expect(both.status).toBe(400);
      const moved = await api.post('/api/v1/simulation/clock', { advanceMinutes: 90 });
      expect(moved.status).toBe(200);
      expect(new Date(moved.body.now).getTime() - new Date(before.body.now).getTime()).toBe(90 * 60_000);
      expect(runtime.deps.clock.now().toISOString()).toBe(moved.body.now);
      const backwards = await api.post('/api/v1/simulation/clock', { at: before.body.now });
      expect(backwards.status).toBe(422);
    } finally {
      await runtime.close();
      await database.drop();
    }
  });
});
