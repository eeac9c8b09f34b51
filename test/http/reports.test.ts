// The supervisors' dashboard figures (AN-1..4, SLA-13): backlog by state and severity, clocks met
// and breached, satisfaction from ratings, top categories, daily intake and open incidents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDays } from '../../src/modules/reports/overview.ts';
import { makeShop, runTimers, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

async function fileComplaint(shop: Shop, description: string) {
  const res = await shop.customer.post('/api/v1/cases', {
    kind: 'complaint',
    reason: 'quality',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseNo as string;
}

async function closeWithRating(shop: Shop, caseNo: string, rating: number) {
  await shop.agent.action(caseNo, 'start_investigation', {});
  await shop.agent.action(caseNo, 'propose_plan', {
    planType: 'apology',
    responsibility: 'quality_defect',
    terms: { apology: true },
    basis: '核实为质量问题，向客户致歉',
  });
  expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('resolved');
  await shop.agent.action(caseNo, 'notify_result', { message: '已向您致歉并反馈质检部门' });
  expect((await shop.customer.action(caseNo, 'confirm_resolution', { rating })).body.state).toBe('closed');
}

describe('GET /api/v1/reports/overview', () => {
  it('counts the open backlog, ratings, categories, daily intake and breaches', async () => {
    const a = await makeShop(t, { platformOperated: true });
    const b = await makeShop(t, { platformOperated: true });
    const c = await makeShop(t, { platformOperated: true });
    const first = await fileComplaint(a, '耳机左耳没有声音，质量太差');
    const second = await fileComplaint(b, '耳机充不进电，质量问题');
    const open = await fileComplaint(c, '耳机盒子破损，物流太慢了');
    await closeWithRating(a, first, 5);
    await closeWithRating(b, second, 2);

    // Let the open case's first clocks run out.
    t.clock.advance(3 * 86_400_000);
    await runTimers(t);

    const res = await a.supervisor.get('/api/v1/reports/overview?from=2026-11-11T00:00:00%2B08:00&to=2026-11-16T00:00:00%2B08:00');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const figures = res.body;
    expect(figures.openCases).toBe(1);
    const openState = (await a.agent.get(`/api/v1/cases/${open}`)).body.state;
    expect(figures.backlog).toEqual([{ state: openState, severity: expect.stringMatching(/^L[123]$/), count: 1 }]);
    expect(figures.satisfaction).toEqual({ count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
    const categoryTotal = figures.topCategories.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(categoryTotal).toBe(3);
    expect(figures.intake).toEqual([
      { day: '2026-11-11', count: 0 },
      { day: '2026-11-12', count: 3 },
      { day: '2026-11-13', count: 0 },
      { day: '2026-11-14', count: 0 },
      { day: '2026-11-15', count: 0 },
    ]);
    expect(figures.sla.openBreaches).toBeGreaterThan(0);
    expect(figures.sla.met + figures.sla.breached).toBeGreaterThan(0);
    expect(figures.sla.metShare).toBeCloseTo(figures.sla.met / (figures.sla.met + figures.sla.breached));
    expect(figures.incidents).toEqual({ open: 0, latest: [] });
  });

  it('leaves cases filed outside the period out of the period figures', async () => {
    const shop = await makeShop(t);
    const res = await shop.supervisor.get('/api/v1/reports/overview?from=2026-10-01T00:00:00%2B08:00&to=2026-10-02T00:00:00%2B08:00');
    expect(res.status).toBe(200);
    expect(res.body.topCategories).toEqual([]);
    expect(res.body.satisfaction.count).toBe(0);
    expect(res.body.satisfaction.average).toBeNull();
    expect(res.body.sla.metShare).toBeNull();
    expect(res.body.intake).toEqual([{ day: '2026-10-01', count: 0 }]);
  });

  it('refuses an inverted period and callers who are not supervisors, compliance or admins', async () => {
    const shop = await makeShop(t);
    const inverted = await shop.supervisor.get('/api/v1/reports/overview?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(inverted.status).toBe(422);
    expect(inverted.body.field).toBe('from');
    expect((await shop.agent.get('/api/v1/reports/overview')).status).toBe(403);
    expect((await shop.merchant.get('/api/v1/reports/overview')).status).toBe(403);
    expect((await shop.compliance.get('/api/v1/reports/overview')).status).toBe(200);
  });
});

describe('satisfaction on the dashboard (CL-2, CRM-3)', () => {
  it("counts one rating per case: the customer's confirmation, else the return visit's", async () => {
    t.clock.set(new Date('2026-11-20T09:00:00+08:00'));
    const a = await makeShop(t, { platformOperated: true });
    const b = await makeShop(t, { platformOperated: true });
    const confirmed = await fileComplaint(a, '耳机左耳没有声音，质量太差');
    const unrated = await fileComplaint(b, '耳机充不进电，质量问题');
    await closeWithRating(a, confirmed, 5);
    // The call back hears a milder word: the customer's own rating stands.
    expect((await a.supervisor.action(confirmed, 'log_return_visit', { outcome: 'satisfied', rating: 3, note: '电话回访，客户满意' })).status).toBe(200);
    // A customer who confirmed without rating: the visit's rating is the case's.
    await b.agent.action(unrated, 'start_investigation', {});
    await b.agent.action(unrated, 'propose_plan', { planType: 'apology', responsibility: 'quality_defect', terms: { apology: true }, basis: '核实为质量问题，向客户致歉' });
    expect((await b.customer.action(unrated, 'accept_plan', {})).body.state).toBe('resolved');
    await b.agent.action(unrated, 'notify_result', { message: '已向您致歉并反馈质检部门' });
    expect((await b.customer.action(unrated, 'confirm_resolution', {})).body.state).toBe('closed');
    expect((await b.supervisor.action(unrated, 'log_return_visit', { outcome: 'satisfied', rating: 4, note: '电话回访' })).status).toBe(200);

    const res = await a.supervisor.get('/api/v1/reports/overview?from=2026-11-20T00:00:00%2B08:00&to=2026-11-21T00:00:00%2B08:00');
    expect(res.body.satisfaction).toEqual({ count: 2, average: 4.5, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } });
  });
});

describe('localDays', () => {
  it('lists each Shanghai calendar day of a period once, across a UTC date change', () => {
    expect(localDays(new Date('2026-11-11T15:00:00Z'), new Date('2026-11-12T17:00:00Z'))).toEqual(['2026-11-11', '2026-11-12', '2026-11-13']);
    expect(localDays(new Date('2026-11-11T16:00:00Z'), new Date('2026-11-12T16:00:00Z'))).toEqual(['2026-11-12']);
  });
});
