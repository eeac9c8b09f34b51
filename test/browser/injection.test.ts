// Markup stays text in the console: a case whose title, description, messages and evidence file
// name hold script tags and event-handler attributes is opened by an agent; the payloads show as
// text, no dialog ever opens, no element is built from them. A phone photo with GPS, stored
// without its metadata, still decodes in the browser. Runs under `npm run test:browser`.
import { join } from 'node:path';
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { JPEG_16x8, jpegWithGps } from '../helpers/images.ts';
import { INJECTION_PAYLOADS } from '../helpers/payloads.ts';
import { launchChromium, signIn } from './browser.ts';
import { type ConsoleApp, makePeople, PASSWORD, type People, startConsoleApp } from './fixture.ts';

const shots = process.env.AFTERDESK_SCREENSHOTS;
const [SCRIPT, IMG, DROP, OR] = INJECTION_PAYLOADS;

describe('injection payloads in the console', () => {
  let c: ConsoleApp;
  let browser: Browser;
  let people: People;
  let caseNo = '';
  let photoId = '';

  beforeAll(async () => {
    c = await startConsoleApp('2026-11-10T10:00:00+08:00');
    people = await makePeople(c.t, { signedAt: '2026-11-08T15:00:00+08:00' });
    const { shop } = people;
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund',
      reason: 'quality',
      items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
      title: `耳机 ${SCRIPT}`,
      description: `描述 ${IMG} ${DROP}`,
    });
    expect(created.status).toBe(201);
    caseNo = created.body.caseNo;
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: `留言 ${IMG}` })).status).toBe(201);
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: `追问 ${OR}` })).status).toBe(201);
    expect((await shop.customer.upload(caseNo, {}, { name: `${IMG}.png`, bytes: PNG_1x1, type: 'image/png' })).status).toBe(201);
    const photo = await shop.customer.upload(caseNo, {}, { name: 'IMG_0042.jpg', bytes: jpegWithGps(JPEG_16x8, 6), type: 'image/jpeg' });
    expect(photo.status).toBe(201);
    photoId = photo.body.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  /** Signs in and fails on any dialog (alert, confirm, prompt) the page opens. */
  async function agentPage(): Promise<{ page: Page; dialogs: string[] }> {
    const page = await signIn(browser, c.baseUrl, people.agentEmail, PASSWORD);
    const dialogs: string[] = [];
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { page, dialogs };
  }

  it('shows the payloads of a case as text, and runs none of them', async () => {
    const { page, dialogs } = await agentPage();
    await page.goto(`${c.baseUrl}/cases/${caseNo}`);
    await page.getByTestId('case-no').waitFor();
    for (const text of [`耳机 ${SCRIPT}`, `描述 ${IMG} ${DROP}`, `留言 ${IMG}`, `追问 ${OR}`, `${IMG}.png`]) {
      await expect.poll(() => page.getByText(text, { exact: true }).first().isVisible(), { message: text }).toBe(true);
    }
    if (shots) await page.screenshot({ path: join(shots, 'injection-case.png'), fullPage: true });
    // Nothing was built from the payloads: no image pointing at "x", no inline script, no handler.
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('lists and searches the case with the payload as plain text', async () => {
    const { page, dialogs } = await agentPage();
    await page.goto(`${c.baseUrl}/cases?q=${encodeURIComponent(SCRIPT)}`);
    const row = page.getByRole('row', { name: new RegExp(caseNo) });
    await row.waitFor();
    expect(await row.textContent()).toContain(`耳机 ${SCRIPT}`);
    expect(await page.getByRole('row').count()).toBe(2); // the header and the one case
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('decodes the stored photo, taken with GPS and stored without it, upright', async () => {
    const { page } = await agentPage();
    const token = (await people.shop.anonymous.post('/api/v1/auth/sign-in', { email: people.agentEmail, password: PASSWORD })).body.token as string;
    // Evaluated as page script text (the test's own types have no DOM).
    const url = `${c.baseUrl}/api/v1/cases/${caseNo}/attachments/${photoId}`;
    const size = await page.evaluate(`(async () => {
      const res = await fetch(${JSON.stringify(url)}, { headers: { authorization: ${JSON.stringify(`Bearer ${token}`)} } });
      const bitmap = await createImageBitmap(await res.blob());
      return [bitmap.width, bitmap.height];
    })()`);
    // 16×8 pixels taken with the camera turned (EXIF orientation 6): the orientation kept in the
    // stripped file still turns it upright, 8×16.
    expect(size).toEqual([8, 16]);
    await page.context().close();
  });
});
