// The agent workspace in Chromium: an agent with a case open sees the customer's new message
// arrive without reloading and is warned while a supervisor is editing the same case; the case
// list's views filter on the server, and a user saves, uses and deletes a view of their own;
// finance's list opens on the money tasks it can do, and a refund's form names its amount.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('agent workspace in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  const supervisorEmail = 'live-supervisor@test.local';

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    await createUserWithToken(c.t.runtime.deps.database.db, { email: supervisorEmail, displayName: '主管老陈', role: 'supervisor', password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows a new customer message without reload and warns while someone else is editing', async () => {
    const filed = await people.shop.customer.post('/api/v1/cases', {
      kind: 'complaint',
      reason: 'quality',
      items: [{ orderItemId: people.shop.orderItemId, quantity: 1 }],
      description: '耳机左耳没有声音',
    });
    expect(filed.status).toBe(201);
    const caseNo = filed.body.caseNo as string;

    const agent = await signInAs(browser, c.baseUrl, people.agentEmail, PASSWORD);
    await agent.goto(`${c.baseUrl}/cases/${caseNo}`);
    await agent.getByTestId('case-no').waitFor();
    const supervisor = await signInAs(browser, c.baseUrl, supervisorEmail, PASSWORD);
    await supervisor.goto(`${c.baseUrl}/cases/${caseNo}`);
    await supervisor.getByTestId('case-no').waitFor();

    // The supervisor only looks: the agent is told the case is open elsewhere.
    const banner = agent.getByTestId('presence-banner');
    await expect.poll(() => banner.textContent()).toContain('主管老陈 也在查看此售后单');
    // The supervisor starts typing a reply: the agent is warned.
    await supervisor.getByRole('textbox', { name: '输入留言…' }).click();
    await expect.poll(() => banner.textContent()).toContain('主管老陈 正在编辑此售后单');
    if (shots) await agent.screenshot({ path: join(shots, 'live-editing.png'), fullPage: true });

    // The customer writes: the message appears on the agent's open page.
    expect((await people.shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '请问什么时候能处理好？' })).status).toBe(201);
    await agent.getByText('请问什么时候能处理好？').waitFor();

    // The supervisor leaves the case: the warning goes.
    await supervisor.getByRole('menuitem', { name: /售后单/ }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await agent.context().close();
    await supervisor.context().close();
  });

  it('filters by a built-in view, saves the filters as a view of its own and deletes it', async () => {
    const page = await signInAs(browser, c.baseUrl, supervisorEmail, PASSWORD);
    await page.getByTestId('views-bar').waitFor();
    // A built-in view puts its filters in the URL and the server answers them.
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/cases?') && r.url().includes('slaState=breached'));
    await page.getByTestId('view-breached').click();
    await page.waitForURL(/slaState=breached/);
    expect((await answer).ok()).toBe(true);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('urgent');

    // Pick a category and save the list as a view.
    await page.getByTestId('view-all').click();
    await page.getByTestId('filter-category').click();
    await page.getByTitle('商品质量').click();
    await page.waitForURL(/category=product_quality/);
    await page.getByRole('button', { name: '保存为视图' }).click();
    await page.getByLabel('视图名称').fill('质量问题');
    await expect.poll(() => page.getByLabel('视图名称').inputValue()).toBe('质量问题');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/saved-views') && r.request().method() === 'POST');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await saved).status()).toBe(201);
    const chip = page.getByText('质量问题', { exact: true });
    await chip.waitFor();
    // Away and back through the saved view.
    await page.getByTestId('view-all').click();
    await page.waitForURL((url) => !url.search.includes('category='));
    await chip.click();
    await page.waitForURL(/category=product_quality/);
    // The same name again is refused, with the reason on the field.
    await page.getByRole('button', { name: '保存为视图' }).click();
    await page.getByLabel('视图名称').fill('质量问题');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已有名为“质量问题”的视图').waitFor();
    await page.keyboard.press('Escape');
    if (shots) await page.screenshot({ path: join(shots, 'workspace-views.png'), fullPage: true });
    await page.getByRole('button', { name: '删除视图“质量问题”？' }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByText('质量问题', { exact: true }).count()).toBe(0);

    // Keyboard: "?" lists the shortcuts, j selects the first case, Enter opens it.
    await page.locator('h3').click();
    await page.keyboard.press('?');
    await page.getByText('键盘快捷键').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText('键盘快捷键').isVisible()).toBe(false);
    await page.locator('main tbody tr.ant-table-row').first().waitFor();
    await page.keyboard.press('j');
    const first = page.locator('main tbody tr[data-selected="true"]');
    await first.waitFor();
    const caseNo = ((await first.locator('a').first().textContent()) ?? '').trim();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${caseNo}`);
    await page.context().close();
  });

  it("opens finance's list on the money tasks it can do, names the refund's amount and asks no parcel for it", async () => {
    const financeEmail = 'finance-desk@test.local';
    await createUserWithToken(c.t.runtime.deps.database.db, { email: financeEmail, displayName: '财务小刘', role: 'finance', password: PASSWORD });
    const { shop } = people;
    const filed = await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description: '耳机右耳有杂音',
    });
    const caseNo = filed.body.caseNo as string;
    await shop.agent.action(caseNo, 'start_investigation', {});
    const proposed = await shop.agent.action(caseNo, 'propose_plan', {
      planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 8_800, keepItem: true }, basis: '轻微质量问题，客户保留商品',
    });
    expect(proposed.body.state, JSON.stringify(proposed.body)).toBe('plan_proposed');
    expect((await shop.customer.action(caseNo, 'accept_plan', {})).body.state).toBe('executing');

    // Signed in, finance lands on 待我处理: the cases with a money task it can do now.
    const page = await signInAs(browser, c.baseUrl, financeEmail, PASSWORD);
    await page.waitForURL(/taskOwner=me/);
    await expect.poll(() => page.getByTestId('view-toHandle').getAttribute('class')).toContain('checked');
    expect(await page.getByTestId('view-mine').count()).toBe(0);
    await page.getByRole('link', { name: caseNo }).click();
    await page.waitForURL(`**/cases/${caseNo}`);

    // The only task it may complete is chosen, with its amount; a refund asks for no carrier or tracking number.
    await page.locator('button[data-action="complete_task"]').click();
    const form = page.getByTestId('action-form-complete_task');
    await form.waitFor();
    await expect.poll(() => form.locator('.ant-select-content-has-value').first().getAttribute('title')).toMatch(/^退款 ¥88\.00 · 财务 · /);
    expect(await form.getByLabel('承运商').count()).toBe(0);
    expect(await form.getByLabel('运单号').count()).toBe(0);
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    await expect.poll(() => page.getByText('已退款').first().isVisible()).toBe(true);

    // The order's payments, to check a charge against.
    await page.getByTestId('case-order').getByRole('link', { name: '查看订单' }).click();
    const payments = page.getByTestId('order-payments');
    await payments.waitFor();
    expect(await payments.textContent()).toContain('alipay');
    expect(await payments.textContent()).toContain(`¥${(shop.priceFen / 100).toFixed(2)}`);

    // Paid: the case has left finance's list.
    await page.getByRole('menuitem', { name: /售后单/ }).click();
    await page.waitForURL(/taskOwner=me/);
    await page.getByTestId('views-bar').waitFor();
    await expect.poll(() => page.getByRole('link', { name: caseNo }).count()).toBe(0);
    if (shots) await page.screenshot({ path: join(shots, 'finance-to-handle.png'), fullPage: true });
    await page.context().close();
  });

  it('a customer on a phone reads the published policy and their cases as cards', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${c.baseUrl}/policy`);
    await page.getByRole('heading', { name: '售后服务政策' }).waitFor();
    // The page says what the policy in force says.
    const policy = (await people.shop.anonymous.get('/api/v1/policy')).body;
    expect(await page.getByTestId('policy-no-reason').textContent()).toContain(`签收次日起 ${policy.rules.noReasonReturn.days} 天内`);
    expect(await page.getByTestId('policy-refund').textContent()).toContain(`${policy.rules.refund.withinDays} 个工作日内原路退回`);
    // The first baseline covers every order before it, so it shows no start date (its 2000-01-01 is a placeholder).
    const versionLine = (await page.getByTestId('policy-version').textContent()) ?? '';
    expect(versionLine).toBe(`第 ${policy.policy.version} 版，适用于全部订单`);
    // Custom-made goods are never returned without a reason; cosmetics only while sealed.
    const noReason = (await page.getByTestId('policy-no-reason').textContent()) ?? '';
    expect(noReason).toMatch(/不适用的商品：[^。]*定制商品/);
    expect(noReason).toMatch(/拆封后不适用：[^。]*化妆品/);
    expect(noReason).not.toMatch(/不适用的商品：[^。]*化妆品/);
    // Nothing sticks out sideways on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: join(shots, 'policy-phone.png'), fullPage: true });

    await page.getByRole('link', { name: /登\s*录/ }).click();
    await page.getByLabel('邮箱').fill(people.customerEmail);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${c.baseUrl}/cases`);
    const cards = page.getByTestId('case-cards');
    await cards.getByText(/^AS\d+$/).first().waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: join(shots, 'cases-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
