// What a department user created through user management may read (ORG-2): a case, and its
// evidence files, while the case has an open request to their department, and nothing after
// they answered it or of another department's requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { client, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('a department user made by an admin', () => {
  it('reads the case and downloads its evidence while asked, not after answering', async () => {
    const shop = await makeShop(t);
    const signInAs = async (department: string) => {
      const email = `dept-${department}-${shop.id}@test.local`;
      const created = await shop.admin.post('/api/v1/users', { email, displayName: `${department} 同事`, role: 'department', department, password: 'dept-pass-1' });
      expect(created.status).toBe(201);
      const signedIn = await client(t, null).post('/api/v1/auth/sign-in', { email, password: 'dept-pass-1' });
      expect(signedIn.status).toBe(200);
      return client(t, signedIn.body.token);
    };
    const logistics = await signInAs('logistics');
    const legal = await signInAs('legal');

    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'complaint', reason: 'quality', channel: 'web', items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
      description: '外箱有明显压痕，想问问怎么处理',
    });
    expect(created.status).toBe(201);
    const caseNo = created.body.caseNo as string;
    const upload = await shop.customer.upload(caseNo, { purpose: 'evidence' }, { name: 'box.png', bytes: PNG_1x1, type: 'image/png' });
    expect(upload.status).toBe(201);
    const file = `/api/v1/cases/${caseNo}/attachments/${upload.body.id}`;
    expect((await logistics.get(file)).status).toBe(404); // not asked yet

    const asked = await shop.agent.post(`/api/v1/cases/${caseNo}/collaborations`, { department: 'logistics', question: '请核实外箱压痕是否为运输造成' });
    expect(asked.status).toBe(201);
    const inbox = await logistics.get('/api/v1/collaborations?status=open');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toEqual([asked.body.id]);
    expect((await logistics.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);
    const download = await logistics.get(file);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect((await legal.get(file)).status).toBe(404);
    // Reading is all: no messages, no uploads.
    expect((await logistics.post(`/api/v1/cases/${caseNo}/messages`, { body: '你好' })).status).toBe(403);

    const answered = await logistics.post(`/api/v1/collaborations/${asked.body.id}/answer`, { answer: '压痕与运输挤压一致，由承运商承担' });
    expect(answered.status).toBe(200);
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.collaborations[0]).toMatchObject({ status: 'answered', answer: '压痕与运输挤压一致，由承运商承担' });
    expect((await logistics.get(`/api/v1/cases/${caseNo}`)).status).toBe(404);
    expect((await logistics.get(file)).status).toBe(404);
  });
});
