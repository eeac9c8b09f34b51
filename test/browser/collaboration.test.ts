// Users and cross-department collaboration in a real browser: an admin creates a logistics
// department user (a taken email shows on the email field); a case handler asks logistics a
// question from the case page; the new user signs in, finds it in their inbox and answers; the
// handler sees the answer on the case. Screenshots of the users page, the inbox and the card go
// to AFTERDESK_SCREENSHOTS (or /tmp/users-shots) in zh-CN and en-US.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { runTimers } from '../helpers/harness.ts';
import { chooseOption, launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS ?? '/tmp/users-shots';

describe('users and department collaboration in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let caseNo = '';
  const adminEmail = `admin-console-${Date.now()}@test.local`;
  const logisticsEmail = `wuliu-${Date.now()}@test.local`;
  const logisticsPassword = 'wuliu-pass-2026';
  const question = '客户称包裹显示已签收但未收到，请调取签收底单并核实投递位置。';
  const answer = '已调取签收底单：快递柜代签（3 号格），派送员已电话告知取件码。';

  const snap = async (page: Page, name: string) => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };
  const english = async (page: Page) => {
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en-US');
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    await createUserWithToken(c.t.runtime.deps.database.db, { email: adminEmail, displayName: '系统管理员 陈静', role: 'admin', password: PASSWORD });
    const created = await people.shop.customer.post('/api/v1/cases', {
      kind: 'logistics_exception', reason: 'logistics', channel: 'web', items: [{ orderItemId: people.shop.orderItemId, quantity: 1 }],
      description: '物流显示已签收，但我没有收到包裹',
    });
    expect(created.status).toBe(201);
    caseNo = created.body.caseNo as string;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('an admin creates a logistics department user; a taken email is shown on its field', async () => {
    const page = await signInAs(browser, c.baseUrl, adminEmail, PASSWORD);
    // Users sit in the admin area, beside its other sections.
    await page.getByRole('link', { name: '管理', exact: true }).click();
    await page.getByTestId('admin-sections').getByRole('link', { name: '用户' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByTestId('users-table').getByText(people.agentEmail).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('邮箱').fill(people.agentEmail); // already taken
    await form.getByLabel('显示名称').fill('物流组 赵磊');
    await chooseOption(page, form.getByLabel('角色'), '协同部门');
    // The role decides the scope field: a department now, no merchant.
    await chooseOption(page, form.getByLabel('部门'), '物流');
    expect(await form.getByLabel('商家').count()).toBe(0);
    await form.getByLabel('初始密码').fill(logisticsPassword);
    await page.getByRole('dialog').getByRole('button', { name: '新建用户' }).click();
    const emailError = form.locator('#email_help');
    await emailError.waitFor();
    expect(await emailError.textContent()).toContain('该邮箱已被其他账号使用');
    await snap(page, 'users-create-error-zh');

    await form.getByLabel('邮箱').fill(logisticsEmail);
    await page.getByRole('dialog').getByRole('button', { name: '新建用户' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: new RegExp(logisticsEmail) });
    await row.waitFor();
    expect(await row.textContent()).toContain('物流');
    expect(await row.textContent()).toContain('协同部门');

    // Editing shows the scope field of the user's role; deactivating asks first, then takes effect.
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByTestId('user-form').getByLabel('部门').waitFor();
    expect(await page.getByTestId('user-form').getByLabel('邮箱').isDisabled()).toBe(true);
    expect(await page.getByTestId('user-form').getByLabel('初始密码').count()).toBe(0);
    await snap(page, 'users-edit-zh');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    const finance = page.getByRole('row', { name: /fin-/ });
    await finance.getByRole('button', { name: /停\s*用/ }).click();
    await page.getByText('停用后该用户无法登录').waitFor();
    await snap(page, 'users-deactivate-zh');
    await page.getByRole('dialog').getByRole('button', { name: /停\s*用/ }).click();
    await expect.poll(() => finance.textContent()).toContain('已停用');
    expect((await people.shop.finance.get('/api/v1/me')).status).toBe(401);

    // Filters go to the server: the department filter keeps only logistics users.
    await chooseOption(page, page.getByTestId('users-filter-department'), '物流');
    await expect.poll(() => page.getByTestId('users-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await snap(page, 'users-zh');
    await english(page);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await snap(page, 'users-en');

    // The merchant filter finds the merchant's staff only.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await chooseOption(page, page.getByLabel('Merchant'), `测试商家${people.shop.id}`);
    await expect.poll(() => page.getByTestId('users-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('users-table').locator('tbody tr.ant-table-row').textContent()).toContain(`m-${people.shop.id}@test.local`);

    const stored = await people.shop.admin.get(`/api/v1/users?q=${encodeURIComponent(logisticsEmail)}`);
    expect(stored.body.items[0]).toMatchObject({ role: 'department', department: 'logistics', displayName: '物流组 赵磊' });
    await page.context().close();
  });

  it('a handler asks logistics from the case page', async () => {
    const page = await signInAs(browser, c.baseUrl, people.agentEmail, PASSWORD);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const card = page.getByTestId('collab-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('尚未请求其他部门协助');
    await card.getByRole('button', { name: '请部门协助' }).click();
    const form = page.getByTestId('collab-ask-form');
    await chooseOption(page, form.getByTestId('collab-ask-department'), '物流');
    await form.getByLabel('问题').fill(question);
    await expect.poll(() => form.getByLabel('问题').inputValue()).toBe(question);
    const asked = page.waitForResponse((r) => r.url().includes('/collaborations') && r.request().method() === 'POST');
    await page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click();
    const answer = await asked;
    expect(answer.status(), await answer.text()).toBe(201);
    const request = card.getByTestId('collab-request');
    await request.waitFor();
    expect(await request.getAttribute('data-status')).toBe('open');
    expect(await request.textContent()).toContain(question);
    expect(await request.textContent()).toContain('剩余 2小时');
    await snap(page, 'collab-card-asked-zh');
    await page.context().close();
  });

  it('the new logistics user finds the request in their inbox and answers it', async () => {
    const page = await signInAs(browser, c.baseUrl, logisticsEmail, logisticsPassword);
    await page.waitForURL('**/collaborations');
    await page.getByRole('heading', { name: '物流 · 协同请求' }).waitFor();
    const inbox = page.getByTestId('collab-inbox');
    const row = inbox.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await row.textContent()).toContain(question);
    expect(await row.textContent()).toContain('客服小周');
    await snap(page, 'inbox-zh');

    // The case is open to them while asked; reading only.
    await row.getByRole('link', { name: caseNo }).click();
    await page.getByTestId('collab-card').waitFor();
    expect(await page.getByPlaceholder('输入留言…').count()).toBe(0);
    await snap(page, 'case-department-zh');
    await page.goBack();

    await inbox.getByRole('row', { name: new RegExp(caseNo) }).getByRole('button', { name: /答\s*复/ }).click();
    await page.getByTestId('collab-answer-form').getByLabel('答复内容').fill(answer);
    await page.getByRole('dialog').getByRole('button', { name: /答\s*复/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => inbox.getByRole('row', { name: new RegExp(caseNo) }).count()).toBe(0);
    await page.getByRole('tab', { name: '已答复' }).click();
    const answered = inbox.getByRole('row', { name: new RegExp(caseNo) });
    await answered.waitFor();
    expect(await answered.textContent()).toContain(answer);
    await snap(page, 'inbox-answered-zh');
    await english(page);
    await page.getByRole('heading', { name: 'Logistics · collaboration requests' }).waitFor();
    await snap(page, 'inbox-answered-en');
    await page.getByRole('tab', { name: 'To answer' }).click();
    await page.getByText('Nothing to answer').waitFor();
    await snap(page, 'inbox-empty-en');
    await page.context().close();
  });

  it('the handler sees the answer on the case page', async () => {
    const page = await signInAs(browser, c.baseUrl, people.agentEmail, PASSWORD);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const request = page.getByTestId('collab-card').getByTestId('collab-request');
    await request.waitFor();
    expect(await request.getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('collab-answer').textContent()).toContain(answer);
    expect(await request.textContent()).toContain('物流组 赵磊');
    await page.getByTestId('collab-card').screenshot({ path: join(shots, 'collab-card-zh.png') });
    await snap(page, 'case-with-collab-zh');
    await english(page);
    await expect.poll(() => page.getByTestId('collab-card').textContent()).toContain('Answered');
    await page.getByTestId('collab-card').screenshot({ path: join(shots, 'collab-card-en.png') });
    await page.context().close();
  });

  it('an unanswered request past its due time shows late in red, in the inbox and on the case', async () => {
    const asked = await people.shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'logistics', question: '请联系承运商核实是否有第二次派送记录。', dueMinutes: 60 });
    expect(asked.status).toBe(201);
    c.t.clock.advance(3 * 3_600_000);
    await runTimers(c.t);

    const page = await signInAs(browser, c.baseUrl, logisticsEmail, logisticsPassword);
    await page.waitForURL('**/collaborations');
    await page.getByTestId('collab-count-late').waitFor();
    expect(await page.getByTestId('collab-count-late').textContent()).toBe('1');
    await page.getByRole('tab', { name: /已逾期/ }).click();
    const row = page.getByTestId('collab-inbox').getByRole('row', { name: /第二次派送/ });
    await row.waitFor();
    expect(await row.getByTestId('collab-late').textContent()).toContain('已逾期 2小时');
    await snap(page, 'inbox-late-zh');
    await english(page);
    await expect.poll(() => row.getByTestId('collab-late').textContent()).toContain('Late 2h');
    await snap(page, 'inbox-late-en');
    await page.context().close();

    const handler = await signInAs(browser, c.baseUrl, people.agentEmail, PASSWORD);
    await handler.goto(`${c.baseUrl}/cases/${caseNo}`);
    const late = handler.getByTestId('collab-card').locator('[data-status="open"]');
    await late.waitFor();
    expect(await late.getByTestId('collab-state').textContent()).toBe('已逾期');
    await handler.getByTestId('collab-card').screenshot({ path: join(shots, 'collab-card-late-zh.png') });
    await handler.context().close();
  });
});
