// "My account" in a real browser: the sign-in is a cookie, the page lists where the person is
// signed in and ends another browser's sign-in, makes an integration token (shown once) and
// revokes it, signs out everywhere; the header's sign-out ends the sign-in for good.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;
const LAPTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('My account in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `account-${name}.png`), fullPage: true });
  };
  const signIn = (email: string, userAgent?: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD, userAgent);
  /** The page is on the sign-in form after (re)loading `path`. */
  const isSignedOut = async (page: Page, path = '/cases') => {
    await page.goto(`${c.baseUrl}${path}`);
    await page.waitForURL('**/sign-in');
    return true;
  };

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('lists the sign-ins with device and address, and ends another browser’s', async () => {
    const laptop = await signIn(people.agentEmail, LAPTOP);
    const phone = await signIn(people.agentEmail, PHONE);
    await laptop.getByTestId('who').click();
    await laptop.waitForURL('**/account');
    const table = laptop.getByTestId('sign-ins');
    const current = table.getByRole('row', { name: /Chrome · Windows/ });
    await current.waitFor();
    expect(await current.textContent()).toContain('当前浏览器');
    expect(await current.textContent()).toContain('127.0.0.1');
    const other = table.getByRole('row', { name: /Safari · iOS/ });
    await other.waitFor();
    expect(await other.textContent()).not.toContain('当前浏览器');
    await snap(laptop, 'sign-ins');

    await other.getByRole('button', { name: /退\s*出/ }).click();
    await laptop.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => table.getByRole('row', { name: /Safari · iOS/ }).count()).toBe(0);
    expect(await isSignedOut(phone)).toBe(true);
    // The laptop is still signed in.
    await laptop.goto(`${c.baseUrl}/account`);
    await table.getByRole('row', { name: /Chrome · Windows/ }).waitFor();
    await phone.context().close();
    await laptop.context().close();
  });

  it('makes an integration token shown once, which works with its scopes until revoked', async () => {
    const page = await signIn(people.agentEmail);
    await page.goto(`${c.baseUrl}/account`);
    const card = page.getByTestId('tokens');
    await card.getByRole('row', { name: /^api\b/ }).waitFor(); // the token the fixture made
    await card.getByRole('button', { name: '新建令牌' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('工单同步脚本');
    await dialog.getByText('办理售后单（提交、操作、留言）').click();
    await snap(page, 'new-token');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    const secret = (await page.getByTestId('new-token-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^adk_[\w-]{43}$/);
    await snap(page, 'token-shown-once');

    const me = await c.t.runtime.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    expect(me.json()).toMatchObject({ credential: 'integration-token', scopes: ['cases:read', 'cases:write'] });

    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    const row = card.getByRole('row', { name: /工单同步脚本/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('cases:write');
    await expect.poll(() => page.content().then((html) => html.includes(secret))).toBe(false); // shown once: gone from the page
    await snap(page, 'tokens');

    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /吊\s*销/ }).click();
    await expect.poll(() => card.getByRole('row', { name: /工单同步脚本/ }).count()).toBe(0);
    await card.getByRole('row', { name: /^api\b/ }).waitFor();
    const after = await c.t.runtime.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${secret}` } });
    expect(after.statusCode).toBe(401);
    await page.context().close();
  });

  it('needs the CSRF token even from the console’s own origin', async () => {
    const page = await signIn(people.agentEmail);
    const status = await page.evaluate(() => fetch('/api/v1/auth/sign-out', { method: 'POST' }).then((r) => r.status));
    expect(status).toBe(403);
    await page.reload();
    await page.getByTestId('who').waitFor(); // still signed in
    await page.context().close();
  });

  it('signs out everywhere', async () => {
    const one = await signIn(people.agentEmail);
    const two = await signIn(people.agentEmail);
    await one.goto(`${c.baseUrl}/account`);
    await one.getByTestId('sign-out-everywhere').click();
    await snap(one, 'everywhere');
    await one.getByRole('dialog').getByRole('button', { name: '全部退出' }).click();
    await one.waitForURL('**/sign-in');
    expect(await isSignedOut(two)).toBe(true);
    expect(await isSignedOut(one)).toBe(true);
    await one.context().close();
    await two.context().close();
  });

  it('the header’s sign-out ends the sign-in: a reload stays signed out', async () => {
    const page = await signIn(people.customerEmail);
    await page.goto(`${c.baseUrl}/account`);
    await page.getByTestId('sign-ins').waitFor();
    expect(await page.getByTestId('tokens').count()).toBe(0); // tokens are for staff
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL('**/sign-in');
    expect((await page.context().cookies()).find((x) => x.name === 'afterdesk_sign_in')).toBeUndefined();
    expect(await isSignedOut(page, '/orders')).toBe(true);
    await page.context().close();
  });
});
