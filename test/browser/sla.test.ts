// The SLA views in a real browser, on the seeded demo shop: a supervisor opens the escalation
// queue (breached clocks, severity, queue) and the compliance table, opens an escalated case and
// reads its SLA panel, and has the notifications bell. Same set-up as console.test.ts.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn as signInAs } from './browser.ts';
import { DEMO_PASSWORD, type DemoConsole, startDemoConsole } from './demo.fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('SLA views in Chromium (demo shop)', () => {
  let demo: DemoConsole;
  let browser: Browser;

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `sla-${name}.png`), fullPage: true });
  };

  const signIn = (email: string): Promise<Page> => signInAs(browser, demo.baseUrl, email, DEMO_PASSWORD);

  beforeAll(async () => {
    demo = await startDemoConsole();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a supervisor sees the escalation queue and compliance, opens an escalated case with its SLA panel, and has the bell', async () => {
    const page = await signIn('supervisor@afterdesk.demo');
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    // The bell renders for the signed-in user (the demo leaves breach notices for supervisors).
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    await bell.click();
    const list = page.getByTestId('notification-list');
    await list.waitFor();
    const notices = list.getByTestId('notification');
    await expect.poll(async () => (await notices.count()) > 0 || (await list.getByText('暂无未读通知').isVisible())).toBe(true);
    const unread = async () => Number(/（(\d+) 条未读）/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? Number.NaN);
    const before = await unread();
    expect(before).toBe(await notices.count());
    if (before > 0) {
      // Opening a notice marks it read and goes to its case.
      expect(await notices.first().textContent()).toMatch(/AS\d+/);
      await notices.first().click();
      await page.waitForURL(/\/cases\/AS\d+$/);
      await expect.poll(unread).toBe(before - 1);
    } else {
      await page.keyboard.press('Escape');
    }

    // Only supervisors and admins have the escalation queue in the menu.
    await page.getByRole('menuitem', { name: '升级队列' }).click();
    await page.waitForURL('**/escalations');
    await page.getByRole('heading', { name: '升级队列' }).waitFor();
    const rows = page.getByTestId('escalations').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('escalation-breach').count()).toBeGreaterThan(0);
    const compliance = page.getByTestId('compliance');
    await compliance.getByText('时效达成').waitFor();
    await compliance.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await compliance.textContent()).toMatch(/\d+%/);
    await snap(page, 'escalations');

    // A case with a breached clock: its SLA panel lists the deadlines with their badges.
    const escalated = rows.filter({ has: page.getByTestId('escalation-breach') }).first();
    const caseNo = ((await escalated.locator('a').first().textContent()) ?? '').trim();
    expect(caseNo).toMatch(/^AS\d+$/);
    await escalated.locator('a').first().click();
    await page.waitForURL(`**/cases/${caseNo}`);
    const panel = page.getByTestId('sla-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('sla-deadline').count()).toBeGreaterThan(0);
    const badges = panel.getByTestId('sla-badge');
    expect(await badges.count()).toBeGreaterThan(0);
    const states = await badges.evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state')));
    expect(states).toContain('breached');
    expect(await panel.textContent()).toMatch(/超时/);
    // The timeline names the SLA engine's events in Chinese.
    expect(await page.getByText('时效超时').count()).toBeGreaterThan(0);
    if (shots) await panel.screenshot({ path: join(shots, 'sla-case-panel.png') });
    await snap(page, 'case');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the empty and error states of the SLA views', async () => {
    const page = await signIn('supervisor@afterdesk.demo');
    const problem = (detail: string) => ({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ status: 403, title: 'forbidden', detail }) });
    await page.route('**/api/v1/sla/escalations*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ total: 0, limit: 20, offset: 0, hasMore: false, items: [] }) }));
    await page.route('**/api/v1/sla/compliance*', (route) => route.fulfill(problem('统计暂不可用')));
    await page.route('**/api/v1/notifications*', (route) => route.fulfill(problem('通知暂不可用')));
    await page.goto(`${demo.baseUrl}/escalations`);
    await page.getByText('暂无需要升级处理的售后单。').waitFor();
    await page.getByTestId('compliance').getByRole('alert').filter({ hasText: '统计暂不可用' }).waitFor();
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').getByRole('alert').filter({ hasText: '通知暂不可用' }).waitFor();
    await snap(page, 'states');
    await page.context().close();
  });

  it('a supervisor reads the dashboard: figures that match the API, charts drawn, period switch, English', async () => {
    const page = await signIn('supervisor@afterdesk.demo');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const answer = page.waitForResponse((response) => response.url().includes('/api/v1/reports/overview') && response.ok());
    await page.getByRole('menuitem', { name: '看板' }).click();
    await page.waitForURL('**/dashboard');
    const overview = await (await answer).json();
    await page.getByRole('heading', { name: '售后看板' }).waitFor();
    const figures = page.getByTestId('dashboard-figures');
    await figures.getByText('待处理工单').waitFor();
    // The open backlog shown is the API's figure for the same caller.
    const openCard = figures.locator('.ant-card').filter({ hasText: '待处理工单' });
    expect(Number((await openCard.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''))).toBe(overview.openCases);
    expect(overview.openCases).toBeGreaterThan(0);
    // Backlog, intake, categories and ratings are drawn on canvases.
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    await page.getByTestId('dashboard-period').getByText('近 7 天').click();
    await snap(page, 'dashboard');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'After-sales dashboard' }).waitFor();
    await snap(page, 'dashboard-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the dashboard is not offered to a frontline agent', async () => {
    const page = await signIn('agent@afterdesk.demo');
    await page.getByRole('menuitem', { name: /售后单/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: '看板' }).count()).toBe(0);
    await page.goto(`${demo.baseUrl}/dashboard`);
    await page.getByText('无权访问').waitFor();
    await page.context().close();
  });

  it('the escalation queue is not offered to a frontline agent', async () => {
    const page = await signIn('agent@afterdesk.demo');
    await page.getByRole('menuitem', { name: /售后单/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: '升级队列' }).count()).toBe(0);
    // The case list shows the SLA column and filters by SLA state on the server.
    await page.getByRole('columnheader', { name: '时效' }).waitFor();
    await page.goto(`${demo.baseUrl}/cases?slaState=breached`);
    const rows = page.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const states = await page.getByTestId('sla-badge').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-state')));
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'breached')).toBe(true);
    await page.goto(`${demo.baseUrl}/escalations`);
    await page.getByText('无权访问').waitFor();
    await page.context().close();
  });
});
