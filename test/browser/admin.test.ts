// The admin area in a real browser: an admin changes an SLA target's time limit and sees it saved,
// writes a reply template (with its live preview) and finds it in the list, edits a help article
// into version 2, and gets a too-strict merchant policy refused on the offending field; a merchant
// opens the policy page and sees only its own shop's policy. Same set-up as console.test.ts.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { makeShop, type Shop } from '../helpers/harness.ts';
import { chooseOption, launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, PASSWORD, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('admin area in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let shop: Shop;
  let other: Shop;
  let adminEmail = '';
  let merchantEmail = '';

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `admin-${name}.png`), fullPage: true });
  };
  const signIn = (email: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD);

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    shop = await makeShop(c.t);
    other = await makeShop(c.t);
    const { db } = c.t.runtime.deps.database;
    adminEmail = `boss-${shop.id}@test.local`;
    merchantEmail = `seller-${shop.id}@test.local`;
    await createUserWithToken(db, { email: adminEmail, displayName: '管理员老陈', role: 'admin', password: PASSWORD });
    await createUserWithToken(db, { email: merchantEmail, displayName: '店长小林', role: 'merchant', merchantId: shop.merchantId, password: PASSWORD });
    // Each merchant has a policy of its own, told apart by the no-reason return window.
    const own = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 12 } };
    const theirs = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 30 } };
    expect((await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: own })).status).toBe(200);
    expect((await other.merchant.put(`/api/v1/merchants/${other.merchantId}/policy`, { rules: theirs })).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('an admin changes an SLA target’s time limit and sees it saved', async () => {
    const targets = (await shop.admin.get('/api/v1/sla/targets')).body.items as { id: string; metric: string; match: Record<string, unknown>; duration: { amount: number; unit: string }; version: number }[];
    const target = targets.find((x) => x.metric === 'acknowledgement' && x.match.kind === 'complaint')!;
    expect(target.duration).toEqual({ amount: 1, unit: 'hours' });

    const page = await signIn(adminEmail);
    await page.getByRole('menuitem', { name: '管理' }).click();
    await page.waitForURL('**/admin/policies');
    await page.getByTestId('admin-sections').getByText('时效').click();
    await page.waitForURL('**/admin/sla');
    await page.getByTestId(`sla-target-edit-${target.id}`).click();
    const form = page.getByTestId('sla-target-form');
    await form.waitFor();
    await form.getByLabel('时限').fill('90');
    // Pick "minutes" in the unit list, and see it chosen before saving.
    await chooseOption(page, form.getByLabel('unit'), '分钟');
    await snap(page, 'sla-target-form');
    await page.getByTestId('sla-target-save').click();
    await form.waitFor({ state: 'detached' });

    const row = page.getByTestId('sla-targets').locator('tr.ant-table-row').filter({ has: page.getByTestId(`sla-target-edit-${target.id}`) });
    await expect.poll(() => row.getByTestId('sla-target-duration').textContent()).toContain('90 分钟');
    const saved = ((await shop.admin.get('/api/v1/sla/targets')).body.items as typeof targets).find((x) => x.id === target.id)!;
    expect(saved.duration).toEqual({ amount: 90, unit: 'minutes' });
    expect(saved.version).toBe(target.version + 1);
    await snap(page, 'sla-targets');

    // The calendar's month preview: holidays and make-up days, and the warning for a year the
    // holiday table does not cover yet.
    await page.getByRole('tab', { name: '工作日历' }).click();
    const title = page.getByTestId('calendar-month-title');
    const goTo = async (month: string) => {
      for (let i = 0; i < 48 && (await title.getAttribute('data-month')) !== month; i++) {
        await page.getByRole('button', { name: ((await title.getAttribute('data-month')) ?? '') < month ? '下个月' : '上个月' }).click();
      }
      expect(await title.getAttribute('data-month')).toBe(month);
    };
    await goTo('2026-10');
    const days = page.getByTestId('calendar-day');
    await expect.poll(() => days.count()).toBe(31);
    expect(await days.nth(0).getAttribute('data-kind')).toBe('holiday');
    expect(await days.nth(9).getAttribute('data-kind')).toBe('make_up_workday');
    expect(await page.getByTestId('holiday-data-missing').count()).toBe(0);
    await goTo('2027-01');
    await expect.poll(() => page.getByTestId('holiday-data-missing').textContent()).toContain('2027');
    await snap(page, 'sla-calendar-2027');
  });

  it('an admin writes a reply template with a live preview and finds it in the list', async () => {
    const page = await signIn(adminEmail);
    await page.goto(`${c.baseUrl}/admin/templates`);
    await page.getByTestId('template-new').click();
    const form = page.getByTestId('template-form');
    await form.waitFor();
    const name = `催寄回-${shop.id}`;
    await form.getByLabel('名称').fill(name);
    await form.getByLabel('内容').fill('您好，请在');
    // The variable buttons insert at the cursor; the preview fills them with sample values.
    await page.getByTestId('template-variables').getByRole('button', { name: /dueAt/ }).click();
    await form.getByLabel('内容').press('End');
    await form.getByLabel('内容').pressSequentially('前寄回商品。');
    await expect.poll(() => form.getByLabel('内容').inputValue()).toBe('您好，请在{{dueAt}}前寄回商品。');
    await expect.poll(() => page.getByTestId('template-preview-text').textContent()).toBe('您好，请在2026-11-12 18:00前寄回商品。');
    await snap(page, 'template-editor');
    await page.getByTestId('template-save').click();
    await form.waitFor({ state: 'detached' });

    await page.getByLabel('名称或内容').fill(shop.id);
    await page.getByLabel('名称或内容').press('Enter');
    const rows = page.getByTestId('templates').locator('tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(name);
    const stored = (await shop.admin.get(`/api/v1/reply-templates?q=${encodeURIComponent(shop.id)}`)).body;
    expect(stored.items[0]).toMatchObject({ name, body: '您好，请在{{dueAt}}前寄回商品。', version: 1, active: true });
  });

  it('an admin edits a help article, which becomes version 2 with both versions in its history', async () => {
    const slug = `admin-edit-${shop.id.replace(/[^a-z0-9]/g, '')}`;
    const created = await shop.admin.post('/api/v1/kb/articles', {
      slug, locale: 'zh-CN', category: 'privacy', publish: true, title: `账号注销-${shop.id}`, body: '在设置中申请注销账号。',
    });
    expect(created.body.version).toBe(1);
    const page = await signIn(adminEmail);
    await page.goto(`${c.baseUrl}/admin/kb?category=privacy&locale=zh-CN`);
    const row = page.getByTestId('kb-articles').locator('tr.ant-table-row').filter({ hasText: `账号注销-${shop.id}` });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByTestId('kb-form');
    await form.waitFor();
    await form.getByLabel('标题').fill(`如何注销账号-${shop.id}`);
    await form.getByLabel('正文').fill('在“设置 → 账号与安全”中申请注销，7 天内可撤回。');
    await page.getByTestId('kb-save').click();
    await form.waitFor({ state: 'detached' });

    const edited = page.getByTestId('kb-articles').locator('tr.ant-table-row').filter({ hasText: `如何注销账号-${shop.id}` });
    await expect.poll(() => edited.getByTestId('kb-version').textContent()).toBe('v2');
    await edited.getByRole('button', { name: '版本记录' }).click();
    const versions = page.getByTestId('kb-versions');
    await versions.waitFor();
    const text = (await versions.textContent()) ?? '';
    expect(text).toContain('第 2 版');
    expect(text).toContain('第 1 版');
    expect(text).toContain('管理员老陈');
    await snap(page, 'kb-versions');
    const history = (await shop.admin.get(`/api/v1/kb/articles/${created.body.id}/versions`)).body;
    expect(history.article).toMatchObject({ version: 2, status: 'published', title: `如何注销账号-${shop.id}` });
  });

  it('a merchant policy stricter than the baseline is refused, with the error on its field', async () => {
    const page = await signIn(adminEmail);
    await page.goto(`${c.baseUrl}/admin/policies?merchant=${shop.merchantId}`);
    await page.getByTestId('policy-new-version').click();
    const form = page.getByTestId('policy-form');
    await form.waitFor();
    await expect.poll(() => page.getByTestId('policy-check').textContent()).toContain('符合法律规定和平台基线');
    await form.getByLabel('缺件补发').fill('3');
    // The live check warns on the clause before anything is sent…
    await expect.poll(() => page.getByTestId('policy-check').textContent()).toContain('缺件补发申请期限严于平台底线');
    await page.getByTestId('policy-publish').click();
    // …and the refusal lands on the same field as an error.
    const item = form.locator('.ant-form-item').filter({ has: page.getByLabel('缺件补发') });
    await expect.poll(() => item.locator('.ant-form-item-explain-error').textContent()).toContain('严于平台底线');
    await snap(page, 'policy-refused');
    const versions = (await shop.admin.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`)).body.items;
    expect(versions).toHaveLength(1);
  });

  it('a merchant opens the policy page and sees only its own shop’s policy', async () => {
    const page = await signIn(merchantEmail);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.getByRole('menuitem', { name: '售后政策' }).click();
    await page.waitForURL('**/my-policy');
    await expect.poll(() => page.getByTestId('policy-scope-name').textContent()).toBe(`测试商家${shop.id}`);
    const inForce = page.getByTestId('policy-in-force');
    await expect.poll(() => inForce.textContent()).toContain('12 天');
    expect(await inForce.textContent()).not.toContain('30 天');
    const versions = page.getByTestId('policy-versions').locator('tr.ant-table-row');
    await expect.poll(() => versions.count()).toBe(1);
    expect(await versions.first().textContent()).toContain('商家客服');
    // No other merchant is listed or asked for, and the admin pages stay closed.
    expect(await page.getByTestId('policy-merchants').count()).toBe(0);
    expect(requested.some((p) => p.includes(other.merchantId))).toBe(false);
    await snap(page, 'merchant-policy');
    await page.goto(`${c.baseUrl}/admin/policies`);
    await page.getByText('此页面仅供系统管理员使用。').waitFor();
    expect(await page.getByRole('menuitem', { name: '管理' }).count()).toBe(0);
  });

  it('a merchant policy may count the no-reason days from the confirmation of receipt; which version applies is the platform’s setting', async () => {
    const page = await signIn(adminEmail);
    await page.goto(`${c.baseUrl}/admin/policies`);
    await page.getByTestId('policy-new-version').click();
    let form = page.getByTestId('policy-form');
    await form.waitFor();
    expect(await form.getByLabel('订单适用的政策版本').count()).toBe(1);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'detached' });

    await page.goto(`${c.baseUrl}/admin/policies?merchant=${other.merchantId}`);
    await page.getByTestId('policy-new-version').click();
    form = page.getByTestId('policy-form');
    await form.waitFor();
    expect(await form.getByLabel('订单适用的政策版本').count()).toBe(0);
    await chooseOption(page, form.getByLabel('无理由退货期限起算'), '确认收货次日起（不少于签收后 7 天）');
    await expect.poll(() => page.getByTestId('policy-check').textContent()).toContain('符合法律规定和平台基线');
    await snap(page, 'policy-start-event');
    await page.getByTestId('policy-publish').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('policy-in-force').textContent()).toContain('确认收货次日起');
    const shown = (await shop.anonymous.get(`/api/v1/merchants/${other.merchantId}/policy`)).body;
    expect(shown.rules.noReasonReturn.startsAt).toBe('receipt_confirmed');
    expect(shown.rules.versionBasis).toBeUndefined();
  });
});
