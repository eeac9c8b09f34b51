// The audit page and the customer card in a real browser: compliance sees the trail (with its
// chain status), filters it, meets its empty and error states and exports it; on a case it sees
// the customer's ID number masked and reveals it with a reason, which then shows on the trail. An
// agent gets no audit page and no reveal button. AFTERDESK_SCREENSHOTS=/tmp saves screenshots.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { launchChromium, signIn as signInAs } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;

describe('audit and personal data in Chromium', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let complianceEmail = '';
  let caseNo = '';

  const snap = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `audit-${name}.png`), fullPage: true });
  };
  const signIn = (email: string): Promise<Page> => signInAs(browser, c.baseUrl, email, PASSWORD);

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const { shop } = people;
    const put = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, {
      name: '李小姐',
      phone: '13912345678',
      tier: 'gold',
      address: '李小姐，13912345678，浙江省 杭州市 西湖区 文三路 90 号',
      idNumber: '11010519491231002X',
      refundAccount: { bankName: '招商银行', holderName: '李小姐', cardNumber: '6214830012345678' },
    });
    expect(put.status).toBe(200);
    const filed = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund',
      reason: 'quality',
      items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
      description: '跨境购买的耳机无法开机，身份证 11010519491231002X',
    });
    caseNo = filed.body.caseNo;
    complianceEmail = `audit-${shop.id}@test.local`;
    await createUserWithToken(c.t.runtime.deps.database.db, { email: complianceEmail, displayName: '合规专员', role: 'compliance', password: PASSWORD });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('compliance reveals a masked ID number with a reason and finds the reveal on the audit trail, then exports it', async () => {
    const page = await signIn(complianceEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const card = page.getByTestId('customer-card');
    await card.getByTestId('customer-idNumber').waitFor();
    expect(await card.getByTestId('customer-idNumber').textContent()).toBe('1****************X');
    expect(await card.getByTestId('customer-phone').textContent()).toBe('139****5678');
    expect(await card.textContent()).not.toContain('13912345678');
    await snap(page, 'card-compliance');

    await card.getByTestId('reveal-idNumber').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reveal-reason').fill('太短');
    await dialog.getByRole('button', { name: '查看完整' }).click();
    // The server judges the reason: two characters say nothing, and nothing is revealed.
    await expect.poll(() => dialog.getByText(/^请说明查看原因：至少 4 个汉字/).isVisible()).toBe(true);
    await dialog.getByTestId('reveal-reason').fill('跨境高值理赔，需核对身份证件');
    await dialog.getByRole('button', { name: '查看完整' }).click();
    await card.getByTestId('customer-idNumber-clear').waitFor();
    expect(await card.getByTestId('customer-idNumber-clear').textContent()).toBe('11010519491231002X');
    await snap(page, 'card-revealed');

    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByTestId('audit-filter-action').fill('pii.revealed');
    await page.getByTestId('audit-search').click();
    const table = page.getByTestId('audit-table');
    // The filtered page replaces the previous one: one row, the reveal.
    await expect.poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
    expect(await table.getByText('pii.revealed').count()).toBe(1);
    expect(await table.getByText('合规专员').isVisible()).toBe(true);
    await table.locator('button.ant-table-row-expand-icon').first().click();
    await expect.poll(() => table.getByText('跨境高值理赔，需核对身份证件', { exact: false }).isVisible()).toBe(true);
    await snap(page, 'trail-filtered');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').hover();
    await page.getByText('CSV', { exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('audit.csv');
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain('pii.revealed');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
    await page.context().close();
  });

  it('shows the empty and error states, and the whole trail with its chain status', async () => {
    const page = await signIn(complianceEmail);
    await page.goto(`${c.baseUrl}/audit?action=nothing.like.this`);
    await expect.poll(() => page.getByText('没有符合筛选条件的审计记录。').isVisible()).toBe(true);
    await page.goto(`${c.baseUrl}/audit?actorUserId=not-a-uuid`);
    await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);
    await snap(page, 'error');
    await c.t.runtime.deps.auditSealer.sealPending();
    await page.goto(`${c.baseUrl}/audit`);
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.getByTestId('seal-verified').count()).toBeGreaterThan(0);
    expect(await table.getByText('auth.sign_in').count()).toBeGreaterThan(0);
    await snap(page, 'trail');
    await page.context().close();
  });

  it('an agent has no audit page and no reveal: contact details in full, ID number masked', async () => {
    const page = await signIn(people.agentEmail);
    expect(await page.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const card = page.getByTestId('customer-card');
    await card.getByTestId('customer-phone').waitFor();
    expect(await card.getByTestId('customer-phone').textContent()).toBe('13912345678');
    expect(await card.getByTestId('customer-idNumber').textContent()).toBe('1****************X');
    expect(await card.locator('[data-testid^="reveal-"]').count()).toBe(0);
    expect(await page.getByTestId('case-description').textContent()).toBe('跨境购买的耳机无法开机，身份证 1****************X');
    expect(await page.getByTestId('case-description-reveal').count()).toBe(0);
    expect(await page.getByTestId('legal-hold-button').count()).toBe(0);
    await snap(page, 'card-agent');
    await page.goto(`${c.baseUrl}/audit`);
    await expect.poll(() => page.getByText('此页面仅供合规人员和管理员使用。').isVisible()).toBe(true);
    await page.context().close();
  });

  it('compliance reads the ID number the customer typed into the description masked, and reveals the text with a reason', async () => {
    const page = await signIn(complianceEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const description = page.getByTestId('case-description');
    await description.waitFor();
    expect(await description.textContent()).toBe('跨境购买的耳机无法开机，身份证 1****************X');
    await page.getByTestId('case-description-reveal').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('reveal-reason').fill('核实客户填写的身份证号');
    await dialog.getByRole('button', { name: '查看完整' }).click();
    await expect.poll(() => description.textContent()).toBe('跨境购买的耳机无法开机，身份证 11010519491231002X');
    await snap(page, 'description-revealed');
    await page.context().close();
  });

  it('compliance places a legal hold with a reason, sees it on the case, and releases it', async () => {
    const page = await signIn(complianceEmail);
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    const button = page.getByTestId('legal-hold-button');
    await button.waitFor();
    expect(await button.textContent()).toContain('法律保全');
    await button.click();
    const form = page.getByTestId('legal-hold-form');
    // The dialog is ready for a click once its field shows.
    await form.getByLabel('原因（记入处理记录和审计日志）').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => form.getByText('请填写原因').isVisible()).toBe(true);
    await form.getByLabel('原因（记入处理记录和审计日志）').fill('客户已起诉，法院要求保全证据');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('legal-hold').waitFor();
    await expect.poll(() => button.textContent()).toContain('解除法律保全');
    const held = await people.shop.compliance.get(`/api/v1/cases/${caseNo}`);
    expect(held.body.retention.legalHold).toMatchObject({ reason: '客户已起诉，法院要求保全证据' });
    await snap(page, 'legal-hold');

    await button.click();
    await form.getByLabel('原因（记入处理记录和审计日志）').fill('诉讼已结案');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('legal-hold').count()).toBe(0);
    expect((await people.shop.compliance.get(`/api/v1/cases/${caseNo}`)).body.retention.legalHold).toBeNull();
    await page.context().close();
  });
});
