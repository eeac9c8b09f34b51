// The case page's casework in a real browser: an agent reads why a case was triaged as it is,
// overrides its severity with a reason and finds the override on the timeline; picks a suggested
// reply filled in with the customer's name and order; types a forbidden promise (终身保修), sees
// the flag with the compliant wording, is stopped from sending it, replaces it and
// sends. A supervisor assigns the case to the agent from the queue's agents, reads the case in
// English, opens the group complaints, an incident's cases, a case's incident banner, and resolves
// the incident. AFTERDESK_SCREENSHOTS=/tmp/dir saves screenshots of each page.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchChromium, signIn as signInAs } from './browser.ts';
import { type Casework, makeCasework } from './casework.fixture.ts';
import { type ConsoleApp, PASSWORD, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;
type Reason = { rule: string; field: string; matched?: string[] };
type Suggestion = { text: string; filled: string[] };

describe('casework on the case page in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let cw: Casework;

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `casework-${name}.png`), fullPage: true });
  };
  const signIn = (email: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD);
  const consoleErrors = (page: Page): string[] => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    return errors;
  };

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    cw = await makeCasework(c);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('an agent sees the triage reasons, overrides the severity with a reason and finds it on the timeline', async () => {
    const page = await signIn(cw.agent.email);
    const errors = consoleErrors(page);
    await page.goto(`${c.baseUrl}/cases/${cw.caseNo}`);
    const card = page.getByTestId('triage-card');
    await card.waitFor();

    // Every reason the API gives is on the card, by rule, with the words that fired it.
    const before = (await cw.shop.agent.get(`/api/v1/cases/${cw.caseNo}`)).body as { severity: string; triage: { reasons: Reason[] } };
    expect(before.severity).toBe('L3');
    expect(before.triage.reasons.length).toBeGreaterThan(0);
    await expect.poll(() => card.getByTestId('triage-reason').count()).toBe(before.triage.reasons.length);
    for (const reason of before.triage.reasons) {
      const shown = card.locator(`[data-testid="triage-reason"][data-rule="${reason.rule}"][data-field="${reason.field}"]`).first();
      expect(await shown.textContent()).toContain(reason.rule);
      // Words as matched; a matched kind by its name (投诉), never its code.
      for (const word of reason.matched ?? []) {
        if (word === 'complaint') expect(await shown.locator('.ant-tag').allTextContents()).toEqual(expect.arrayContaining(['投诉']));
        else expect(await shown.textContent()).toContain(word);
      }
    }
    expect(await card.getByTestId('triage-severity').textContent()).toContain('三级投诉（常规）');
    // Incidents are for supervisors, compliance and admins.
    expect(await page.getByRole('menuitem', { name: '群体投诉' }).count()).toBe(0);

    await card.getByTestId('triage-override').click();
    const form = page.getByTestId('triage-override-form');
    await chooseOption(page, form.getByLabel('投诉级别'), '二级投诉（复杂）');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await form.getByText('请填写调整原因').waitFor(); // the reason is required
    await form.getByLabel('调整原因').fill('客户表示不解决就投诉到12315，按二级处理');
    await page.getByRole('button', { name: /确\s*定/ }).click();

    const entry = page.getByTestId('case-timeline').locator('[data-event="triage_overridden"]');
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('人工调整分级');
    expect(text).toContain('投诉级别：三级投诉（常规） → 二级投诉（复杂）');
    expect(text).toContain('客户表示不解决就投诉到12315，按二级处理');
    await page.getByTestId('triage-overridden').waitFor();
    await expect.poll(() => card.getByTestId('triage-severity').textContent()).toContain('二级投诉（复杂）');
    const after = (await cw.shop.agent.get(`/api/v1/cases/${cw.caseNo}`)).body as { severity: string; triage: { source: string } };
    expect(after).toMatchObject({ severity: 'L2', triage: { source: 'override' } });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts the case list\'s deadlines down on the server\'s clock, not the browser\'s', async () => {
    // The server runs on 2026-11-10 here, weeks away from the browser's own clock: counted on the
    // browser's, the list would be off by those weeks.
    const listed = (await cw.shop.agent.get('/api/v1/cases?limit=100')).body as { items: { caseNo: string; sla: { dueAt: string } | null }[] };
    const dueAt = listed.items.find((i) => i.caseNo === cw.caseNo)?.sla?.dueAt;
    expect(dueAt).toBeDefined();
    const remainingMs = Date.parse(dueAt!) - c.t.clock.now().getTime();
    const page = await signIn(cw.agent.email);
    const errors = consoleErrors(page);
    await page.goto(`${c.baseUrl}/cases`);
    const badge = page.locator('tr.ant-table-row', { hasText: cw.caseNo }).getByTestId('sla-badge');
    await badge.waitFor();
    // Hours away on the server's clock, not weeks: e.g. 超时 3小时 or 剩余 1小时5分钟.
    expect(Math.abs(remainingMs)).toBeLessThan(24 * 3_600_000);
    const hours = Math.floor(Math.abs(remainingMs) / 3_600_000);
    await expect.poll(() => badge.textContent()).toMatch(new RegExp(`^${remainingMs < 0 ? '超时' : '剩余'} ${hours > 0 ? `${hours}小时` : '\\d+分钟'}(\\d+分钟)?$`));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an agent inserts a suggested reply, cannot send 终身保修, replaces it with the compliant wording and sends', async () => {
    const page = await signIn(cw.agent.email);
    const errors = consoleErrors(page);
    await page.goto(`${c.baseUrl}/cases/${cw.caseNo}`);
    const composer = page.getByTestId('reply-composer');
    const box = composer.getByRole('textbox', { name: '输入留言…' });

    // A suggestion that names the customer and the order, as the API ranked them.
    const suggested = (await cw.shop.agent.get(`/api/v1/cases/${cw.caseNo}/suggested-replies?limit=5`)).body as { items: Suggestion[] };
    const index = suggested.items.findIndex((s) => s.filled.includes('customerName') && s.filled.includes('orderNo'));
    expect(index).toBeGreaterThanOrEqual(0);
    const item = composer.getByTestId('suggested-reply').nth(index);
    await item.waitFor();
    await item.getByTestId('use-suggested-reply').click();
    const inserted = await box.inputValue();
    expect(inserted).toBe(suggested.items[index]!.text);
    expect(inserted).toContain('张三');
    expect(inserted).toContain(cw.shop.orderNo);
    await snap(page, 'case-agent-zh-CN');

    // A promise the SOP forbids: flagged while typing, with the compliant alternative.
    await box.fill('张三您好，本店商品终身保修，请放心使用。');
    const flag = composer.getByTestId('wording-flag');
    await flag.waitFor();
    expect(await flag.getAttribute('data-phrase')).toBe('终身保修');
    expect(await flag.textContent()).toContain('「终身保修」→「提供X年质保服务」');
    if (shots) await composer.screenshot({ path: join(shots, 'casework-wording-flag.png') });

    // It cannot be sent as it is (the server refuses it too): the agent is told what to replace.
    await composer.getByTestId('send-message').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '含不合规表述，不能发送' }).waitFor();
    expect(await confirm.textContent()).toContain('「终身保修」');
    await confirm.getByRole('button', { name: '去修改' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await box.inputValue()).toContain('终身保修');

    await flag.getByTestId('replace-flag').click();
    await expect.poll(() => box.inputValue()).toBe('张三您好，本店商品提供X年质保服务，请放心使用。');
    await composer.getByTestId('wording-flags').waitFor({ state: 'detached' });
    await composer.getByTestId('send-message').click();
    await page.getByTestId('case-messages').getByText('张三您好，本店商品提供X年质保服务，请放心使用。').waitFor();
    await expect.poll(() => box.inputValue()).toBe('');

    // An internal note is staff-only and goes out as such.
    await composer.getByText('内部备注', { exact: true }).click();
    await box.fill('客户情绪平稳，已电话沟通');
    await composer.getByTestId('send-message').click();
    await page.getByTestId('case-messages').getByText('客户情绪平稳，已电话沟通').waitFor();

    const detail = (await cw.shop.agent.get(`/api/v1/cases/${cw.caseNo}`)).body as { messages: { body: string; visibility: string }[] };
    expect(detail.messages.filter((m) => m.body.includes('终身保修'))).toEqual([]);
    expect(detail.messages.map((m) => [m.body, m.visibility])).toEqual(
      expect.arrayContaining([['张三您好，本店商品提供X年质保服务，请放心使用。', 'public'], ['客户情绪平稳，已电话沟通', 'internal']]),
    );
    const customerView = (await cw.shop.customer.get(`/api/v1/cases/${cw.caseNo}`)).body as { messages: { body: string }[] };
    expect(customerView.messages.map((m) => m.body)).not.toContain('客户情绪平稳，已电话沟通');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a supervisor assigns the case to an agent of the queue; the header shows queue and assignee; the page reads in English', async () => {
    const page = await signIn(cw.supervisor.email);
    const errors = consoleErrors(page);
    await page.goto(`${c.baseUrl}/cases/${cw.caseNo}`);
    await page.getByTestId('case-queue').waitFor();
    // L2 after the override: routing moved it to the specialists.
    expect(await page.getByTestId('case-queue').textContent()).toBe('售后/维权专员');

    await page.locator('button[data-action="assign"]').click();
    const form = page.getByTestId('action-form-assign');
    await chooseOption(page, form.getByLabel('队列'), '一线客服');
    await chooseOption(page, form.getByLabel('处理人'), cw.agent.name);
    await form.getByLabel('备注（仅员工可见）').fill('熟悉耳机类问题');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toBe(cw.agent.name);
    expect(await page.getByTestId('case-queue').textContent()).toBe('一线客服');
    const assigned = page.getByTestId('case-timeline').locator('[data-event="case_assigned"]').last();
    expect(await assigned.textContent()).toContain('队列 专员组 → 一线');
    expect(await assigned.textContent()).toContain('熟悉耳机类问题');
    const stored = (await cw.supervisor.api.get(`/api/v1/cases/${cw.caseNo}`)).body as { queue: string; assigneeId: string };
    expect(stored).toMatchObject({ queue: 'frontline', assigneeId: cw.agent.userId });
    // Now held: the supervisor may release it, and still assign or route it.
    const actions = await page.getByTestId('case-actions').locator('button[data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['assign', 'unassign', 'route', 'retriage']));

    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await page.getByTestId('triage-card').getByText('Triage').waitFor();
    expect(await page.getByTestId('case-timeline').locator('[data-event="triage_overridden"]').textContent()).toContain('Severity: L3 routine → L2 complex');
    await snap(page, 'case-supervisor-en-US');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a supervisor opens the group complaints, an incident with its cases, a case with its banner, and resolves the incident', async () => {
    const page = await signIn(cw.supervisor.email);
    const errors = consoleErrors(page);
    await page.getByRole('menuitem', { name: '群体投诉' }).click();
    await page.waitForURL('**/incidents');
    await page.getByRole('heading', { name: '群体性投诉' }).waitFor();
    const row = page.getByTestId('incidents').locator('tbody tr.ant-table-row').filter({ hasText: cw.incident.incidentNo });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('处理中');
    expect(rowText).toContain('无线蓝牙耳机');
    expect(rowText).toContain('商品质量');
    await snap(page, 'incidents');

    await row.getByRole('link', { name: cw.incident.incidentNo }).click();
    await page.waitForURL(`**/incidents/${cw.incident.incidentNo}`);
    expect(await page.getByTestId('incident-customers').textContent()).toBe('5');
    const cases = page.getByTestId('incident-cases').locator('tbody tr.ant-table-row');
    await expect.poll(() => cases.count()).toBe(5);
    const listed = await cases.locator('a').allTextContents();
    expect(listed.sort()).toEqual([...cw.incident.caseNos].sort());
    expect(await page.getByTestId('incident-cases').getByText('一级投诉（紧急）').count()).toBe(5);
    await snap(page, 'incident');

    // A case of the incident says so, and links back.
    await cases.locator('a', { hasText: cw.incident.caseNos[0]! }).click();
    await page.waitForURL(`**/cases/${cw.incident.caseNos[0]}`);
    const banner = page.getByTestId('incident-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(cw.incident.incidentNo);
    const joined = page.getByTestId('case-timeline').locator('[data-event="incident_joined"]');
    expect(await joined.textContent()).toContain(`群体性投诉 ${cw.incident.incidentNo}`);
    // The triage card says why the case is L1 now: the group complaint rule, not the intake's "routine".
    const severity = page.getByTestId('triage-card').getByTestId('triage-severity');
    expect(await severity.textContent()).toContain('一级投诉（紧急）');
    expect(await severity.locator('[data-rule="l1.group_complaint"]').textContent()).toContain(cw.incident.incidentNo);
    await snap(page, 'case-incident-banner');
    await banner.getByRole('button', { name: '查看事件' }).click();
    await page.waitForURL(`**/incidents/${cw.incident.incidentNo}`);

    // Not while its cases are open (TR-6): the supervisor is told why.
    await page.getByTestId('resolve-incident').click();
    await page.getByTestId('resolve-incident-form').getByLabel('处理情况').fill('批次质检问题已确认，全部换新');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('仍有 5 个售后单未结束').first().waitFor();
    await page.keyboard.press('Escape');
    await cw.incident.endCases();
    await page.reload();
    await page.getByTestId('resolve-incident').click();
    await page.getByTestId('resolve-incident-form').getByLabel('处理情况').fill('批次质检问题已确认，全部换新');
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('批次质检问题已确认，全部换新').waitFor();
    await expect.poll(() => page.getByTestId('incident-status').textContent()).toBe('已解决');
    expect(await page.getByTestId('resolve-incident').count()).toBe(0);
    // The refused first attempt is the browser's one logged error (its 409).
    expect(errors.filter((e) => !e.includes('status of 409'))).toEqual([]);
    await page.context().close();
  });
  it('shows the empty and error states of the incident pages and the suggested replies', async () => {
    const page = await signIn(cw.supervisor.email);
    const problem = (status: number, detail: string) => ({ status, contentType: 'application/problem+json', body: JSON.stringify({ status, title: 'x', detail }) });
    await page.route('**/api/v1/incidents?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [], total: 0, limit: 20, offset: 0, hasMore: false }) }));
    await page.goto(`${c.baseUrl}/incidents`);
    await page.getByText('暂无群体性投诉。').waitFor();
    await page.unroute('**/api/v1/incidents?*');
    await page.route('**/api/v1/incidents?*', (route) => route.fulfill(problem(503, '事件列表暂不可用')));
    await page.goto(`${c.baseUrl}/incidents?status=open`);
    await page.getByRole('alert').filter({ hasText: '事件列表暂不可用' }).waitFor();
    await page.goto(`${c.baseUrl}/incidents/GC20990101000001`);
    await page.getByText('事件不存在。').waitFor();
    await page.route('**/suggested-replies*', (route) => route.fulfill(problem(503, '推荐回复暂不可用')));
    await page.goto(`${c.baseUrl}/cases/${cw.caseNo}`);
    await page.getByTestId('suggested-replies').getByRole('alert').filter({ hasText: '推荐回复暂不可用' }).waitFor();
    await page.context().close();

    // The list is not for frontline agents.
    const agentPage = await signIn(cw.agent.email);
    await agentPage.goto(`${c.baseUrl}/incidents`);
    await agentPage.getByText('无权访问').waitFor();
    await agentPage.context().close();
  });
});
