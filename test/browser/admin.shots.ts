// Screenshots of every admin page in zh-CN and en-US on a 1366×768 laptop screen, on the seeded
// demo shop: `tsx test/browser/admin.shots.ts /tmp/admin-shots`. Not a test; for looking at the pages.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { DEMO_PASSWORD, startDemoConsole } from './demo.fixture.ts';

const out = process.argv[2] ?? '/tmp/admin-shots';
mkdirSync(out, { recursive: true });

async function signedIn(browser: Browser, baseUrl: string, email: string, language: 'zh-CN' | 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: language });
  await context.addInitScript((lang) => localStorage.setItem('afterdesk.language', lang), language);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror', error));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('console', m.text());
  });
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

async function shoot(page: Page, baseUrl: string, path: string, name: string, prepare?: (page: Page) => Promise<void>) {
  await page.goto(`${baseUrl}${path}`);
  // The admin pages load on first visit: wait for the page's heading, then for its data.
  await page.locator('h3').first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  if (prepare) await prepare(page);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`) });
  await page.screenshot({ path: join(out, `${name}-full.png`), fullPage: true });
  console.log('shot', name);
}

const demo = await startDemoConsole();
const browser = await launchChromium();
try {
  for (const language of ['zh-CN', 'en-US'] as const) {
    const l = language === 'zh-CN' ? 'zh' : 'en';
    const admin = await signedIn(browser, demo.baseUrl, 'admin@afterdesk.demo', language);
    await shoot(admin, demo.baseUrl, '/admin/policies', `${l}-policies-platform`);
    await shoot(admin, demo.baseUrl, '/admin/policies', `${l}-policies-merchant`, async (p) => {
      await p.getByTestId('policy-merchants').locator('tr.ant-table-row').nth(1).click();
      await p.waitForLoadState('networkidle');
    });
    await shoot(admin, demo.baseUrl, '/admin/policies', `${l}-policies-editor`, async (p) => {
      await p.getByTestId('policy-merchants').locator('tr.ant-table-row').nth(1).click();
      await p.getByTestId('policy-new-version').click();
      await p.getByTestId('policy-form').waitFor();
      await p.waitForLoadState('networkidle');
    });
    await shoot(admin, demo.baseUrl, '/admin/sla', `${l}-sla-targets`);
    await shoot(admin, demo.baseUrl, '/admin/sla', `${l}-sla-target-form`, async (p) => {
      await p.getByTestId('sla-targets').locator('tr.ant-table-row button').first().click();
      await p.getByTestId('sla-target-form').waitFor();
    });
    await shoot(admin, demo.baseUrl, '/admin/sla?tab=calendars', `${l}-sla-calendars`);
    await shoot(admin, demo.baseUrl, '/admin/routing', `${l}-routing-rules`);
    await shoot(admin, demo.baseUrl, '/admin/routing?tab=queues', `${l}-routing-queues`);
    await shoot(admin, demo.baseUrl, '/admin/routing?tab=agents', `${l}-routing-agents`);
    await shoot(admin, demo.baseUrl, '/admin/routing?tab=tester', `${l}-routing-tester`, async (p) => {
      await p.getByTestId('route-tester-run').click();
      await p.getByTestId('route-tester-result').waitFor();
    });
    await shoot(admin, demo.baseUrl, '/admin/templates', `${l}-templates`);
    await shoot(admin, demo.baseUrl, '/admin/templates', `${l}-template-editor`, async (p) => {
      await p.getByTestId('templates').locator('tr.ant-table-row button').first().click();
      await p.getByTestId('template-preview-text').waitFor();
    });
    await shoot(admin, demo.baseUrl, '/admin/kb', `${l}-kb`);
    await shoot(admin, demo.baseUrl, '/admin/kb', `${l}-kb-editor`, async (p) => {
      await p.getByTestId('kb-articles').locator('tr.ant-table-row').first().getByRole('button').first().click();
      await p.getByTestId('kb-form').waitFor();
    });
    await shoot(admin, demo.baseUrl, '/admin/kb', `${l}-kb-versions`, async (p) => {
      await p.getByTestId('kb-articles').locator('tr.ant-table-row').first().getByRole('button').nth(1).click();
      await p.waitForLoadState('networkidle');
    });
    const merchant = await signedIn(browser, demo.baseUrl, 'merchant2@afterdesk.demo', language);
    await shoot(merchant, demo.baseUrl, '/my-policy', `${l}-merchant-policy`);
  }
} finally {
  await browser.close();
  await demo.close();
}
