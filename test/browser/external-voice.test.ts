// The console on a media/regulator case under legal hold (RISK-5, CL-6): the agent sees both
// flags, a reply to the customer is refused with the API's reason next to the form, and an
// internal note goes through. Runs under `npm run test:browser`.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, signIn } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('single external voice in the console', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let caseNo = '';

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const created = await people.shop.customer.post('/api/v1/cases', {
      kind: 'complaint',
      reason: 'quality',
      items: [{ orderItemId: people.shop.orderItemId, quantity: 1 }],
      description: '充电时冒烟，电视台记者已经联系我了',
    });
    caseNo = created.body.caseNo;
    expect((await people.shop.compliance.post(`/api/v1/cases/${caseNo}/legal-hold`, { reason: '监管部门调查' })).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows the flags, refuses a reply to the customer and keeps an internal note', async () => {
    const page = await signIn(browser, c.baseUrl, people.agentEmail, PASSWORD);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    await page.getByTestId('media-flag').waitFor();
    expect(await page.getByTestId('media-flag').textContent()).toBe('媒体/监管介入');
    expect(await page.getByTestId('legal-hold').textContent()).toBe('法律保全');

    const box = page.getByPlaceholder('输入留言…');
    await box.fill('您好，我们马上为您处理');
    await page.getByRole('button', { name: /发\s*送/ }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '公关组和合规组' });
    await refusal.waitFor();
    if (shots) await page.screenshot({ path: join(shots, 'external-voice-refused.png'), fullPage: true });

    await box.fill('已转公关组统一回复');
    await page.getByTestId('reply-composer').getByText('内部备注', { exact: true }).click();
    await page.getByRole('button', { name: /发\s*送/ }).click();
    await expect.poll(() => page.getByText('已转公关组统一回复', { exact: true }).first().isVisible()).toBe(true);
    const messages = (await people.shop.agent.get(`/api/v1/cases/${caseNo}`)).body.messages as { body: string; visibility: string }[];
    expect(messages.filter((m) => m.body.startsWith('您好，我们马上'))).toEqual([]);
    expect(messages.find((m) => m.body === '已转公关组统一回复')?.visibility).toBe('internal');
    await page.context().close();
  });
});
