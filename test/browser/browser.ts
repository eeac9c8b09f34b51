// Debian's Chromium through playwright-core, and signing in through the console's own form:
// shared by the browser test files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_CONSOLE_ROOT } from '../../src/http/static.ts';

const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(DEFAULT_CONSOLE_ROOT, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A fresh browser context (zh-CN, laptop screen, reduced motion) signed in as `email` through the
 * sign-in form; page errors fail the test. The sign-in must be the httpOnly cookie, with nothing
 * token-like left where the page's scripts could read it. Reduced motion turns off the console's
 * animations, so a click cannot land on a dialog or dropdown that is still moving into place; the
 * phone test in workspace.test.ts keeps them on.
 */
export async function signIn(browser: Browser, baseUrl: string, email: string, password: string, userAgent?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce', ...(userAgent ? { userAgent } : {}) });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/sign-in');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await expectCookieSignIn(page);
  return page;
}

/** The sign-in is an httpOnly, SameSite=Strict cookie, invisible to scripts, and no storage holds a token. */
export async function expectCookieSignIn(page: Page): Promise<void> {
  const cookies = await page.context().cookies();
  const signInCookie = cookies.find((c) => c.name === 'afterdesk_sign_in');
  if (!signInCookie) throw new Error(`no sign-in cookie: ${cookies.map((c) => c.name).join(', ')}`);
  if (!signInCookie.httpOnly || signInCookie.sameSite !== 'Strict') throw new Error(`sign-in cookie not httpOnly/Strict: ${JSON.stringify(signInCookie)}`);
  // Evaluated in the page (as text: this file is type-checked without the DOM library).
  const visible = (await page.evaluate('({ cookie: document.cookie, storage: JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) })')) as {
    cookie: string;
    storage: string;
  };
  if (visible.cookie.includes('afterdesk_sign_in')) throw new Error('the sign-in cookie is readable by scripts');
  if (/adk_|token/i.test(visible.storage) || visible.storage.includes(signInCookie.value)) throw new Error(`a credential sits in web storage: ${visible.storage}`);
}

/**
 * Picks the option titled `title` in an Ant Design select and waits until the select shows it. On
 * a busy machine a click can land while the dropdown is still opening and be lost, so the pick is
 * repeated until the choice is visible.
 */
export async function chooseOption(page: Page, select: Locator, title: string): Promise<void> {
  // The select itself, whether given as its root or as its input (getByLabel finds the input).
  const root = select.locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const chosen = root.locator(`.ant-select-content-has-value[title="${title}"]`);
  await expect
    .poll(async () => {
      if ((await chosen.count()) > 0) return true;
      await root.click();
      await page
        .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`)
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      return (await chosen.count()) > 0;
    })
    .toBe(true);
}
