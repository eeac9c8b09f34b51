// SLA-13, AN-1: a clock counts against the queue that held the case while it ran, not where the
// case sits now, and the dashboard counts the same clocks as the SLA report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, makeShop, runTimers, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const HOUR = 3_600_000;
type Group = { group: string; breaches: number; metrics: Record<string, { met: number; breached: number }> };

describe('SLA figures per queue', () => {
  it("blames frontline for its missed escalation, the specialists for what they missed after, and the dashboard agrees", async () => {
    const shop = await makeShop(t, { platformOperated: true });
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', channel: 'web', description: '屏幕有坏点' });
    expect((await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body).toMatchObject({ severity: 'L3', queue: 'frontline' });

    // Frontline does not move within 2 h: the clock escalates the case to the specialists (SLA-8).
    t.clock.advance(2 * HOUR + 60_000);
    await runTimers(t);
    expect((await shop.supervisor.get(`/api/v1/cases/${caseNo}`)).body.queue).toBe('specialists');
    // The plan clock (24 h) still ran when the case moved: the specialists let it lapse.
    t.clock.advance(24 * HOUR);
    await runTimers(t);

    const report = await shop.supervisor.get('/api/v1/sla/compliance?groupBy=queue');
    expect(report.status).toBe(200);
    const groups = report.body.groups as Group[];
    const frontline = groups.find((g) => g.group === 'frontline')!;
    const specialists = groups.find((g) => g.group === 'specialists')!;
    expect(frontline.metrics.frontline_escalation).toMatchObject({ breached: 1 });
    expect(specialists.metrics.frontline_escalation).toBeUndefined();
    expect(specialists.metrics.plan_due).toMatchObject({ breached: 1 });
    expect(frontline.metrics.plan_due).toBeUndefined();

    // The dashboard counts the very clocks the report does, frontline's escalation included.
    const overview = await shop.supervisor.get('/api/v1/reports/overview');
    expect(overview.status).toBe(200);
    const sum = (pick: (m: { met: number; breached: number }) => number) =>
      groups.reduce((n, g) => n + Object.values(g.metrics).reduce((k, m) => k + pick(m), 0), 0);
    expect(overview.body.sla).toMatchObject({ met: sum((m) => m.met), breached: sum((m) => m.breached) });
    expect(overview.body.sla.breached).toBeGreaterThanOrEqual(2);
  });
});
