// Evidence with integrity (VER-3): type read from the bytes, size limit, SHA-256 digest, bound
// to a case item and the claim it supports; the uploader's file name is only a label.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

async function newCase() {
  const shop = await makeShop(t);
  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund',
    reason: 'quality',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '外壳有裂纹',
  });
  const detail = await shop.customer.get(`/api/v1/cases/${created.body.caseNo}`);
  return { shop, caseNo: created.body.caseNo as string, caseItemId: detail.body.items[0].id as string };
}

describe('evidence uploads', () => {
  it('stores an image with its digest, item and claim, and returns the same bytes', async () => {
    const { shop, caseNo, caseItemId } = await newCase();
    const res = await shop.customer.upload(caseNo, { purpose: 'evidence', caseItemId, supports: 'quality' }, { name: '裂纹照片.png', bytes: PNG_1x1, type: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contentType: 'image/png',
      sizeBytes: PNG_1x1.length,
      sha256: createHash('sha256').update(PNG_1x1).digest('hex'),
      caseItemId,
      supports: 'quality',
      uploaderRole: 'customer',
      fileName: '裂纹照片.png',
    });
    const download = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseNo}/attachments/${res.body.id}`,
      headers: { authorization: `Bearer ${shop.merchant.token}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, PNG_1x1)).toBe(0);
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.timeline.at(-1)).toMatchObject({ type: 'attachment_added' });
  });

  it('decides the type by content, not by name, and refuses what is not an image, video or PDF', async () => {
    const { shop, caseNo } = await newCase();
    const fake = await shop.customer.upload(caseNo, {}, { name: 'photo.png', bytes: Buffer.from('<script>alert(1)</script>'), type: 'image/png' });
    expect(fake.status).toBe(415);
    expect(fake.body).toMatchObject({ type: '/problems/unsupported-file-type', field: 'file' });
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.attachments).toHaveLength(0);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const { shop, caseNo } = await newCase();
    const big = Buffer.concat([PNG_1x1, Buffer.alloc(3 * 1024 * 1024)]);
    const res = await shop.customer.upload(caseNo, {}, { name: 'big.png', bytes: big, type: 'image/png' });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/file-too-large', field: 'file' });
    // It names the limit, whichever layer caught the file.
    expect(res.body.messages['zh-CN']).toMatch(/超过 \d+ MB 的上限/);
  });

  it('keeps a hostile file name as a label only, and refuses an item of another case', async () => {
    const { shop, caseNo } = await newCase();
    const other = await newCase();
    const res = await shop.customer.upload(caseNo, {}, { name: '../../etc/passwd<img src=x onerror=alert(1)>.png', bytes: PNG_1x1 });
    expect(res.status).toBe(201);
    // The name is data, kept verbatim (the console renders it as text); the file's path is generated.
    expect(res.body.fileName).toBe('../../etc/passwd<img src=x onerror=alert(1)>.png');
    const wrongItem = await shop.customer.upload(caseNo, { caseItemId: other.caseItemId }, { name: 'a.png', bytes: PNG_1x1 });
    expect(wrongItem.status).toBe(404);
    expect(wrongItem.body.field).toBe('caseItemId');
  });

  it('requires a photo from the case for a failed inspection', async () => {
    const { shop, caseNo } = await newCase();
    const other = await newCase();
    const foreign = await other.shop.customer.upload(other.caseNo, {}, { name: 'x.png', bytes: PNG_1x1 });
    await shop.agent.action(caseNo, 'approve_request', {});
    await shop.customer.action(caseNo, 'ship_return', { carrier: '中通', trackingNo: 'ZT7788990011' });
    await shop.agent.action(caseNo, 'receive_return', {});
    const noPhoto = await shop.agent.action(caseNo, 'inspect', { passed: false, reason: '人为摔坏' });
    expect(noPhoto.status).toBe(409);
    expect(noPhoto.body.code).toBe('photos_required');
    const stolen = await shop.agent.action(caseNo, 'inspect', { passed: false, reason: '人为摔坏', photoAttachmentIds: [foreign.body.id] });
    expect(stolen.status).toBe(422);
    const photo = await shop.agent.upload(caseNo, { purpose: 'inspection' }, { name: 'drop.png', bytes: PNG_1x1 });
    const failed = await shop.agent.action(caseNo, 'inspect', { passed: false, reason: '人为摔坏', photoAttachmentIds: [photo.body.id] });
    expect(failed.body.state).toBe('inspection_failed');
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.tasks.every((task: { status: string }) => task.status === 'cancelled')).toBe(true);
    expect(detail.body.ledger.filter((l: { status: string }) => l.status === 'planned')).toHaveLength(0);
  });
});
