// A return from first request to a rated close, in the console only: the customer reads the help
// centre's answers while describing the problem, files a no-reason return with a photo; the agent
// approves; the customer enters the return tracking number; the agent records receipt and the
// inspection with a photo; finance refunds; the agent tells the customer; the customer sees the
// refund and rates 5. Another merchant cannot open the case.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop } from '../helpers/harness.ts';
import { chooseOption, launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('a return from request to rated close in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let caseNo = '';
  const financeEmail = 'journey-finance@test.local';
  const otherMerchantEmail = 'journey-other-merchant@test.local';

  const signIn = (email: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD);

  /** Clicks an action button of the case and confirms its form after `fill`. */
  async function act(page: Page, action: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void> = async () => undefined) {
    await page.locator(`button[data-action="${action}"]`).click();
    const form = page.getByTestId(`action-form-${action}`);
    await form.waitFor();
    await fill(form);
    await page.getByRole('button', { name: /确\s*定/ }).click();
    try {
      await expect.poll(() => form.isVisible()).toBe(false);
    } catch (error) {
      if (shots) await page.screenshot({ path: join(shots, `journey-${action}-refused.png`), fullPage: true });
      throw error;
    }
  }

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00', platformOperated: true });
    const { db } = c.t.runtime.deps.database;
    await createUserWithToken(db, { email: financeEmail, displayName: '财务小林', role: 'finance', password: PASSWORD });
    const other = await makeShop(c.t);
    await createUserWithToken(db, { email: otherMerchantEmail, displayName: '别家商家', role: 'merchant', merchantId: other.merchantId, password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('the customer sees help answers while describing the problem and files a return with a photo', async () => {
    const page = await signIn(people.customerEmail);
    await page.goto(`${c.baseUrl}/orders/${people.shop.orderNo}/apply/${people.shop.orderItemId}`);
    await page.getByTestId('eligibility').waitFor();
    await page.getByLabel('问题描述').fill('不想要了，想退货，退货运费谁出？');
    // Answers from the help centre are offered before anything is filed (IN-6).
    const suggestions = page.getByTestId('kb-suggestions');
    await suggestions.waitFor();
    await suggestions.getByText('这些答案也许能解决您的问题').waitFor();
    await page.getByRole('button', { name: '没有解决，继续申请' }).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/cases\/AS\d+$/);
    caseNo = ((await page.getByTestId('case-no').textContent()) ?? '').trim();
    expect(caseNo).toMatch(/^AS\d+$/);
    // The photo, as evidence.
    await page.locator('input[type=file]').setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: PNG_1x1 });
    await page.getByRole('button', { name: /上\s*传/ }).click();
    await page.getByRole('heading', { name: 'box.png' }).waitFor();
    await page.context().close();
  });

  it('the agent approves, the customer ships the goods back with a tracking number', async () => {
    const agent = await signIn(people.agentEmail);
    await agent.goto(`${c.baseUrl}/cases/${caseNo}`);
    // The keyboard: a digit runs that action of the list (approve here), r goes to the reply box.
    await agent.getByTestId('case-actions').waitFor();
    const actions = await agent.locator('[data-testid="case-actions"] button[data-action]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')));
    const digit = actions.indexOf('approve_request') + 1;
    expect(digit).toBeGreaterThan(0);
    await agent.locator('.ant-card-head-title').first().click();
    await agent.keyboard.press('r');
    await expect.poll(() => agent.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await agent.locator('.ant-card-head-title').first().click();
    await agent.keyboard.press(String(digit));
    await agent.getByTestId('action-form-approve_request').waitFor();
    await agent.keyboard.press('Escape');
    await expect.poll(() => agent.getByTestId('action-form-approve_request').isVisible()).toBe(false);
    await act(agent, 'approve_request');
    await expect.poll(() => agent.getByText('待寄回').first().isVisible()).toBe(true);
    await agent.context().close();

    const customer = await signIn(people.customerEmail);
    // The list says what the case waits on from the customer.
    await customer.goto(`${c.baseUrl}/cases`);
    await expect.poll(() => customer.getByTestId('your-move').first().textContent()).toBe('寄回商品');
    await customer.goto(`${c.baseUrl}/cases/${caseNo}`);
    // Where to send it: the shop's return address, on the case.
    await expect.poll(() => customer.getByTestId('return-address').textContent()).toContain('浙江省杭州市余杭区良睦路');
    if (shots) await customer.screenshot({ path: join(shots, 'journey-return-address.png'), fullPage: true });
    await act(customer, 'ship_return', async (form) => {
      await form.getByLabel('承运商').fill('顺丰速运');
      await form.getByLabel('运单号').fill('SF1234567890');
    });
    await expect.poll(() => customer.getByText('退货运输中').first().isVisible()).toBe(true);
    await customer.getByText('SF1234567890').first().waitFor();
    await customer.context().close();
  });

  it('the agent records receipt and a passed inspection with a photo; finance refunds; the agent tells the customer', async () => {
    const agent = await signIn(people.agentEmail);
    await agent.goto(`${c.baseUrl}/cases/${caseNo}`);
    await act(agent, 'receive_return');
    await expect.poll(() => agent.getByText('已收货').first().isVisible()).toBe(true);
    await chooseOption(agent, agent.getByRole('combobox', { name: '用途' }), '质检');
    await agent.locator('input[type=file]').setInputFiles({ name: 'inspection.png', mimeType: 'image/png', buffer: PNG_1x1 });
    await agent.getByRole('button', { name: /上\s*传/ }).click();
    await agent.getByRole('heading', { name: 'inspection.png' }).waitFor();
    await act(agent, 'inspect', async (form) => {
      await form.getByText('通过', { exact: true }).click();
      await form.getByLabel('原因').fill('商品完好，包装齐全');
      await form.getByLabel('质检照片').click();
      await agent.locator('.ant-select-item-option[title="inspection.png"]').click();
      await form.getByLabel('原因').click(); // closes the picker
    });
    await expect.poll(() => agent.getByText('执行中').first().isVisible()).toBe(true);
    await agent.context().close();

    const finance = await signIn(financeEmail);
    await finance.goto(`${c.baseUrl}/cases/${caseNo}`);
    await act(finance, 'complete_task', async (form) => {
      await form.locator('.ant-select').first().click();
      await finance.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '退款' }).first().click();
    });
    await expect.poll(() => finance.getByText('已退款').first().isVisible()).toBe(true);
    await finance.context().close();

    const again = await signIn(people.agentEmail);
    await again.goto(`${c.baseUrl}/cases/${caseNo}`);
    await act(again, 'notify_result', async (form) => {
      await form.getByLabel('留言').fill('退款已原路退回，预计 1-3 个工作日到账');
    });
    await expect.poll(() => again.getByText('已告知结果').first().isVisible()).toBe(true);
    await again.context().close();
  });

  it('the customer sees the refund and rates 5', async () => {
    const page = await signIn(people.customerEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    await page.getByText('已退款').first().waitFor();
    await page.getByText('退款已原路退回，预计 1-3 个工作日到账').first().waitFor();
    await act(page, 'confirm_resolution', async (form) => {
      await form.locator('.ant-rate-star').nth(4).click();
      await form.getByLabel('评价').fill('处理很快，谢谢');
    });
    await expect.poll(() => page.getByText('已关闭').first().isVisible()).toBe(true);
    // Internal matters stay internal: no complaint grade, no word of who else has the case open.
    expect(await page.getByTestId('presence-banner').count()).toBe(0);
    expect(await page.getByText('三级投诉（常规）').count()).toBe(0);
    if (shots) await page.screenshot({ path: join(shots, 'journey-closed.png'), fullPage: true });
    const stored = await people.shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(stored.body.state).toBe('closed');
    expect(stored.body.refunds).toEqual([expect.objectContaining({ amountFen: people.shop.priceFen, status: 'succeeded' })]);
    const rated = stored.body.timeline.find((e: { data?: { rating?: number } }) => e.data?.rating !== undefined);
    expect(rated?.data.rating).toBe(5);
    await page.context().close();
  });

  it('another merchant cannot open the case', async () => {
    const page = await signIn(otherMerchantEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    await page.getByText('售后单不存在，或您无权查看。').waitFor();
    expect(await page.locator('button[data-action]').count()).toBe(0);
    expect(await page.getByText('box.png').count()).toBe(0);
    await page.context().close();
  });
});
