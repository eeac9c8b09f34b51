// Live case pages in Chromium: an agent with a case open sees the customer's new message arrive
// without reloading, and is warned while a supervisor is editing the same case.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('live case page in Chromium', () => {
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
});
