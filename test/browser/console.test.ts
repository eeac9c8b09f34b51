// The console in a real browser: a customer applies for a no-reason return from an order (seeing
// the policy's answer first) and finds it in their list; an ineligible request cannot be sent; an
// agent sees exactly the case's actions, acts, sees an API error, and switches the language.
// Runs under `npm run test:browser` (the root suite excludes it) and needs Debian's Chromium at
// /usr/bin/chromium (.ci/run installs it). AFTERDESK_SCREENSHOTS=/tmp saves a screenshot of each page.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchChromium, signIn as signInAs } from './browser.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('web console in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let caseNo = '';

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `console-${name}.png`), fullPage: true });
  };

  const signIn = (email: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD);

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    // The shop names its category code; the case page shows the name in the reader's language.
    await people.shop.admin.put('/api/v1/integration/product-categories/electronics', { name: { 'zh-CN': '数码产品', 'en-US': 'Electronics' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('a customer sees the policy answer, files a no-reason return and finds it in their list', async () => {
    const page = await signIn(people.customerEmail);
    await expect.poll(() => page.getByRole('heading', { name: '我的订单' }).isVisible()).toBe(true);
    await snap(page, 'orders');
    await page.getByRole('link', { name: people.shop.orderNo }).click();
    await page.getByRole('button', { name: '申请售后' }).click();

    const answer = page.getByTestId('eligibility');
    await answer.waitFor();
    await expect.poll(() => answer.textContent()).toContain('该申请符合售后政策');
    const text = (await answer.textContent()) ?? '';
    expect(text).toContain('七天无理由退货');
    expect(text).toContain('2026/11/15 23:59'); // the deadline, in China time
    expect(text).toContain('退货运费承担方: 客户');
    await snap(page, 'apply');

    await page.getByLabel('问题描述').fill('尺码偏小，想退货');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/cases\/AS\d+$/);
    caseNo = (await page.getByTestId('case-no').textContent()) ?? '';
    expect(caseNo).toMatch(/^AS20261110\d{6}$/);
    await expect.poll(() => page.getByText('已提交').first().isVisible()).toBe(true);
    await snap(page, 'case-customer');

    await page.getByRole('link', { name: '我的售后' }).click();
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await row.textContent()).toContain('退货退款');

    // The customer's list has no grading column.
    expect(await page.getByRole('columnheader', { name: '级别' }).count()).toBe(0);

    const stored = await people.shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(stored.body).toMatchObject({ kind: 'return_refund', reason: 'no_reason', state: 'submitted' });

    // A return has its return and inspection steps; a complaint about the same item has none.
    await row.getByRole('link', { name: caseNo }).click();
    const progress = page.getByLabel('处理进度');
    await expect.poll(() => progress.textContent()).toContain('寄回商品');
    expect(await progress.textContent()).toContain('退款/换新');
    const complaint = await people.shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', items: [{ orderItemId: people.shop.orderItemId, quantity: 1 }], description: '客服回复太慢，希望改进',
    });
    expect(complaint.status).toBe(201);
    await page.goto(new URL(`/cases/${complaint.body.caseNo}`, page.url()).href);
    await expect.poll(() => progress.textContent()).toContain('方案执行');
    expect(await progress.textContent()).not.toMatch(/寄回商品|质检|退款/);
    await page.context().close();
  });

  it('an ineligible request shows why and cannot be submitted', async () => {
    const late = await makePeople(c.t, { signedAt: '2026-10-01T10:00:00+08:00' });
    const page = await signIn(late.customerEmail);
    await page.goto(`${c.baseUrl}/orders/${late.shop.orderNo}/apply/${late.shop.orderItemId}`);
    const answer = page.getByTestId('eligibility');
    await answer.waitFor();
    await expect.poll(() => answer.textContent()).toContain('该申请不符合售后政策');
    await page.getByText('当前选择无法提交').waitFor(); // shown once the answer is settled
    expect(await page.getByRole('button', { name: '提交申请' }).isDisabled()).toBe(true);
    await snap(page, 'apply-ineligible');
    await page.context().close();
  });

  it('an agent records a customer’s phone request, with the phone as its channel', async () => {
    const caller = await makePeople(c.t);
    const page = await signIn(caller.agentEmail);
    await page.goto(`${c.baseUrl}/orders/${caller.shop.orderNo}/apply/${caller.shop.orderItemId}`);
    await page.getByTestId('eligibility').waitFor();
    // The channel is asked of staff only, and starts at the phone.
    await expect.poll(() => page.getByText('客户联系渠道（代客登记）').isVisible()).toBe(true);
    await page.getByLabel('问题描述').fill('客户来电：耳机左耳没有声音，要求退货');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/cases\/AS\d+$/);
    const caseNo = page.url().split('/').at(-1)!;
    const filed = (await caller.shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { channel: string; customerId: string };
    expect(filed).toMatchObject({ channel: 'phone', customerId: caller.shop.customerId });
    await page.context().close();
  });

  it('an agent sees the case with exactly its actions, acts, sees API errors and switches language', async () => {
    const page = await signIn(people.agentEmail);
    await page.getByRole('link', { name: caseNo }).click();
    await page.getByTestId('case-actions').waitFor();

    const token = (await people.shop.anonymous.post('/api/v1/auth/sign-in', { email: people.agentEmail, password: PASSWORD })).body.token as string;
    const fromApi = await c.t.runtime.app.inject({ method: 'GET', url: `/api/v1/cases/${caseNo}`, headers: { authorization: `Bearer ${token}` } });
    const expected = (fromApi.json() as { actions: { action: string }[] }).actions.map((a) => a.action).sort();
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.getByTestId('case-actions').locator('button[data-action]').evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-action') ?? ''),
    );
    expect(shown.sort()).toEqual(expected);
    expect(await page.getByTestId('items-card').getByRole('cell', { name: '数码产品' }).isVisible()).toBe(true);
    expect(await page.getByTestId('items-card').getByText('electronics').count()).toBe(0);
    await snap(page, 'case-agent');

    await page.locator('button[data-action="acknowledge"]').click();
    await page.getByTestId('action-form-acknowledge').getByRole('textbox').fill('您好，已收到您的申请');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByText('已受理').first().isVisible()).toBe(true);
    // The form's value reached the API: the acknowledgement is on the case as a message.
    await expect.poll(() => page.getByText('您好，已收到您的申请').first().isVisible()).toBe(true);

    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Cases' }).isVisible()).toBe(true);
    expect(await page.getByText('Acknowledged').first().isVisible()).toBe(true);
    expect(await page.getByTestId('items-card').getByRole('cell', { name: 'Electronics' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');

    // An action the API refuses: its problem detail, in English, stays next to the form.
    await page.locator('button[data-action="merge_into"]').click();
    await page.getByLabel('Merge into case no.').fill('AS00000000000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const problem = page.getByRole('dialog').getByRole('alert');
    await problem.waitFor();
    expect((await problem.textContent())?.length ?? 0).toBeGreaterThan(5);
    expect(await problem.textContent()).not.toMatch(/[\u4e00-\u9fff]{4}/);
    await snap(page, 'case-agent-error-en');
    await page.context().close();
  });

  it('evidence upload shows the API refusal or lists the file; plan terms typed in yuan reach the API in fen', async () => {
    const page = await signIn(people.agentEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const files = page.locator('input[type=file]');
    await files.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text, not evidence') });
    await page.getByRole('button', { name: /上\s*传/ }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /类型|格式|文件/ });
    await refusal.waitFor();
    await files.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG_1x1 });
    await page.getByRole('button', { name: /上\s*传/ }).click();
    // The file listed on the case (the chooser's own entry and the toast also show the name).
    await page.getByRole('heading', { name: 'photo.png' }).waitFor();
    // Downloads go through the API with the sign-in cookie (fetched as a blob).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(download.suggestedFilename()).toBe('photo.png');

    await page.locator('button[data-action="start_investigation"]').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByText('调查中').first().isVisible()).toBe(true);

    await page.locator('button[data-action="propose_plan"]').click();
    const form = page.getByTestId('action-form-propose_plan');
    await chooseOption(page, form.getByLabel('方案类型'), '部分退款');
    await chooseOption(page, form.getByLabel('判责'), '质量缺陷');
    await form.getByLabel('退款', { exact: true }).fill('12.34');
    // The basis reaches the customer: its wording is checked as it is written (RISK-1).
    const basis = form.getByLabel('依据（客户可见）');
    await basis.fill('本店绝对正品，这是公司规定');
    await form.getByTestId('wording-flags').waitFor();
    expect(await form.getByTestId('wording-flag').count()).toBe(2);
    await form.getByTestId('replace-flag').first().click();
    await expect.poll(() => basis.inputValue()).toBe('本店符合国家质检标准，这是公司规定');
    await basis.fill('轻微瑕疵，部分退款');
    await expect.poll(() => form.getByTestId('wording-flags').count()).toBe(0);
    await form.getByRole('button', { name: '添加步骤' }).click();
    await form.getByLabel('步骤', { exact: true }).fill(' 回访客户确认 ');
    await chooseOption(page, form.getByLabel('负责人'), '售后主管');
    await form.getByLabel('时限（小时）').fill('24');
    await form.getByLabel('验收方式').fill('回访记录');
    await snap(page, 'propose-plan');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByText('方案待确认').first().isVisible()).toBe(true);
    // The offer shows its own step: who does what, by when, verified how.
    await expect.poll(() => page.getByText('回访客户确认：售后主管负责，接受后 24 小时内完成，验收：回访记录').isVisible()).toBe(true);
    await snap(page, 'case-plan');

    const detail = (await people.shop.agent.get(`/api/v1/cases/${caseNo}`)).body as { offers: { planType: string; terms: { refundFen: number }; steps: unknown[] }[] };
    const plan = detail.offers.find((o) => o.planType === 'partial_refund');
    expect(plan?.terms.refundFen).toBe(1234);
    expect(plan?.steps).toEqual([{ task: '回访客户确认', ownerRole: 'supervisor', dueInHours: 24, verification: '回访记录' }]);
    await page.context().close();
  });
});
