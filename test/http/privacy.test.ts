// Sensitive personal data (RISK-2, RISK-6): ID and bank card numbers stored only encrypted and
// masked, contact details masked by role, reveals for compliance only — each one audited, and
// each refusal too — and key rotation.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRotation, runRotateKeys } from '../../src/cli/rotate-keys.ts';
import { keyIdOf, parseKeyList, PiiKeyRing } from '../../src/modules/privacy/pii.crypto.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const db = () => t.runtime.deps.database.db;
const ID_NUMBER = '11010519491231002X';
const CARD = '6222 0212 3456 7890 123';

async function customerWithPii(shop: Shop) {
  const res = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, {
    name: '张三',
    phone: '13800138000',
    email: 'zhangsan@example.com',
    tier: 'gold',
    address: '张三，13800138000，上海市 浦东新区 世纪大道 100 号 8 楼',
    idNumber: ID_NUMBER.toLowerCase(),
    refundAccount: { bankName: '中国工商银行', holderName: '张三', cardNumber: CARD },
  });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

const audits = (action: string, subjectId: string) =>
  db().selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).orderBy('id').execute();

describe('storing', () => {
  it('keeps only ciphertext and the masked form of ID and card numbers', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const row = await db().selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.id_number_masked).toBe('1****************X');
    expect(row.refund_card_masked).toBe('**** 0123');
    expect(keyIdOf(row.id_number_enc!)).toBe(t.runtime.deps.pii.activeKeyId);
    expect(JSON.stringify(row)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(row)).not.toContain('6222021234567890123');
    expect(t.runtime.deps.pii.decrypt(row.refund_card_enc!, 'customers.refund_card')).toBe('6222021234567890123');

    // A feed without the fields leaves them; null erases them.
    await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: '张三', phone: '13800138000' });
    const kept = await db().selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([kept.id_number_enc, kept.refund_card_masked, kept.address]).toEqual([row.id_number_enc, '**** 0123', row.address]);
    await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: '张三', idNumber: null, refundAccount: null });
    const erased = await db().selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([erased.id_number_enc, erased.id_number_masked, erased.refund_card_enc, erased.refund_bank]).toEqual([null, null, null, null]);
  });

  it('refuses an ID number with a wrong check character and a card number that is not one', async () => {
    const shop = await makeShop(t);
    const badId = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: '张三', idNumber: '110105194912310021' });
    expect(badId.status).toBe(400);
    expect(badId.body.field).toBe('body.idNumber');
    const badCard = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, {
      name: '张三',
      refundAccount: { bankName: '招商银行', holderName: '张三', cardNumber: '1234' },
    });
    expect(badCard.status).toBe(400);
    expect(badCard.body.field).toBe('body.refundAccount.cardNumber');
  });
});

describe('the customer’s history on the card (CRM-1)', () => {
  it('counts orders and recent cases and lists the latest; a merchant sees its own shop’s only', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const filed = await fileCase(shop, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    // The same customer buys from another shop too, and has a case there.
    const other = await makeShop(t);
    const elsewhere = await other.admin.put(`/api/v1/integration/orders/o2-${shop.id}`, {
      orderNo: `DX${shop.id}`, customerExternalId: `c-${shop.id}`, merchantExternalId: `m-${other.id}`, status: 'paid',
      placedAt: '2026-11-05T10:00:00+08:00', totalFen: 1_000, items: [{ externalId: '1', productExternalId: `p-${other.id}`, quantity: 1, unitPriceFen: 1_000, paidFen: 1_000 }],
    });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
    await shop.agent.post('/api/v1/cases', { kind: 'complaint', reason: 'logistics', orderNo: `DX${shop.id}`, items: [], description: '快递慢', channel: 'phone' });
    const staff = (await shop.agent.get(`/api/v1/customers/${id}`)).body.history;
    expect(staff).toMatchObject({ orders: 2, casesLast90Days: 2 });
    expect(staff.latestCases.map((c: { caseNo: string }) => c.caseNo)).toContain(filed);
    const merchant = (await shop.merchant.get(`/api/v1/customers/${id}`)).body.history;
    expect(merchant).toMatchObject({ orders: 1, casesLast90Days: 1 });
    expect(merchant.latestCases.map((c: { caseNo: string }) => c.caseNo)).toEqual([filed]);
  });
});

describe('the customer card by role', () => {
  it('shows contact details in full or masked per the policy, ID and card masked for everyone', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const other = await makeShop(t);
    const card = (who: Shop['agent']) => who.get(`/api/v1/customers/${id}`);

    const own = await card(shop.customer);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      phone: { value: '13800138000', masked: false },
      address: { value: '张三，13800138000，上海市 浦东新区 世纪大道 100 号 8 楼', masked: false },
      idNumber: { value: '1****************X', masked: true },
      refundAccount: { bankName: '中国工商银行', holderName: '张三', cardNumber: { value: '**** 0123', masked: true } },
      revealable: [],
    });
    const agent = await card(shop.agent);
    expect(agent.body.phone).toEqual({ value: '13800138000', masked: false });
    for (const who of [shop.merchant, shop.finance, shop.admin]) {
      const res = await card(who);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        phone: { value: '138****8000', masked: true },
        email: { value: 'z***@example.com', masked: true },
        address: { value: '张三，138****8000，上海市 浦东新区 ***', masked: true },
        revealable: [],
      });
      expect(JSON.stringify(res.body)).not.toContain('13800138000');
    }
    // Finance settles refunds: it sees that an account exists, masked. A merchant has no use for
    // the customer's identity or bank account, not even masked.
    expect((await card(shop.finance)).body).toMatchObject({ idNumber: { value: '1****************X', masked: true }, refundAccount: { bankName: '中国工商银行' } });
    expect((await card(shop.merchant)).body).toMatchObject({ idNumber: null, refundAccount: null });
    expect(JSON.stringify((await card(shop.merchant)).body)).not.toContain('工商银行');
    const compliance = await card(shop.compliance);
    expect(compliance.body.revealable).toEqual(['phone', 'email', 'address', 'idNumber', 'bankCard']);
    expect(compliance.body.phone.masked).toBe(true);
    // Someone else's customer reads as missing.
    expect((await card(other.customer)).status).toBe(404);
    expect((await card(other.merchant)).status).toBe(404);

    // Staff looking at clear contact details is on the trail; masked looks are not.
    const viewed = await audits('customer.viewed', id);
    expect(viewed.map((r) => [r.actor_role, r.detail.clearFields])).toEqual([['agent', ['phone', 'email', 'address']]]);
  });

  it("masks an order's delivery address for merchant staff, not for the customer or an agent", async () => {
    const shop = await makeShop(t);
    const order = await db().selectFrom('orders').selectAll().where('id', '=', shop.orderId).executeTakeFirstOrThrow();
    const put = await shop.admin.put(`/api/v1/integration/orders/o-${shop.id}`, {
      orderNo: order.order_no,
      customerExternalId: `c-${shop.id}`,
      merchantExternalId: `m-${shop.id}`,
      status: 'delivered',
      placedAt: order.placed_at.toISOString(),
      totalFen: order.total_fen,
      shippingAddress: '张三，13800138000，广东省 深圳市 南山区 科技园南路 1 号',
      items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
    });
    expect(put.status).toBe(200);
    const seen = async (who: Shop['agent']) => (await who.get(`/api/v1/orders/${shop.orderNo}`)).body.shippingAddress;
    expect(await seen(shop.customer)).toBe('张三，13800138000，广东省 深圳市 南山区 科技园南路 1 号');
    expect(await seen(shop.agent)).toBe('张三，13800138000，广东省 深圳市 南山区 科技园南路 1 号');
    expect(await seen(shop.merchant)).toBe('张三，138****8000，广东省 深圳市 南山区 ***');
    // The agent's look at the full address is on the trail; the customer's own and the merchant's masked one are not.
    const viewed = await audits('customer.viewed', shop.customerId);
    expect(viewed.map((r) => [r.actor_role, r.detail])).toEqual([['agent', { clearFields: ['address'], orderNo: order.order_no }]]);
  });
});

describe('reveal', () => {
  it('gives compliance the clear value with a reason, and audits it', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const short = await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', reason: '核实' });
    expect(short.status).toBe(400);
    expect(short.body.field).toBe('body.reason');

    const reason = '跨境高值理赔需核对身份证件';
    const revealed = await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', reason, caseNo: 'AS20261110000001' });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ field: 'idNumber', value: ID_NUMBER });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const card = await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'bankCard', reason: '线下退款需核对收款账户' });
    expect(card.body.value).toBe('6222021234567890123');

    const me = (await shop.compliance.get('/api/v1/me')).body.userId;
    const rows = await audits('pii.revealed', id);
    expect(rows.map((r) => [r.actor_user_id, r.outcome, r.detail])).toEqual([
      [me, 'ok', { field: 'idNumber', reason, caseNo: 'AS20261110000001' }],
      [me, 'ok', { field: 'bankCard', reason: '线下退款需核对收款账户' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain(ID_NUMBER);
  });

  it('refuses every other role with 403 (anonymous 401), and audits each refusal', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const body = { field: 'idNumber', reason: '我想看看这个客户的身份证号' };
    for (const who of [shop.customer, shop.agent, shop.supervisor, shop.merchant, shop.finance, shop.admin]) {
      const res = await who.post(`/api/v1/customers/${id}/reveal`, body);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(ID_NUMBER);
    }
    expect((await shop.anonymous.post(`/api/v1/customers/${id}/reveal`, body)).status).toBe(401);
    const denied = await audits('pii.reveal_denied', id);
    expect(denied.map((r) => [r.actor_role, r.outcome, r.subject_type])).toEqual(
      ['customer', 'agent', 'supervisor', 'merchant', 'finance', 'admin', 'anonymous'].map((role) => [role, 'denied', 'customer']),
    );
    expect(await audits('pii.revealed', id)).toEqual([]);
  });
});

describe('key rotation', () => {
  it('re-encrypts every value under the new key, reads old ones meanwhile, resumes after a failure, and is idempotent', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const oldRing = t.runtime.deps.pii;
    const before = await db().selectFrom('customers').select(['id_number_enc', 'refund_card_enc']).where('id', '=', id).executeTakeFirstOrThrow();
    const oldKeys = parseKeyList(process.env.PII_KEYS!).find((k) => k.id === oldRing.activeKeyId)!;
    const newKey = { id: 'next', key: randomBytes(32) };
    const rotating = new PiiKeyRing([oldKeys, newKey], 'next');
    // During rotation the ring reads values under either key.
    expect(rotating.decrypt(before.id_number_enc!, 'customers.id_number')).toBe(ID_NUMBER);

    // A value under a key the ring does not hold cannot be rotated: it is reported and left alone.
    const ghostKey = { id: 'ghost', key: randomBytes(32) };
    const ghost = new PiiKeyRing([ghostKey], 'ghost');
    const stranger = await makeShop(t);
    const strangerId = stranger.customerId;
    await db().updateTable('customers').set({ id_number_enc: ghost.encrypt('110105194912310011', 'customers.id_number') }).where('id', '=', strangerId).execute();

    const encrypted = await db()
      .selectFrom('customers')
      .select((eb) => [eb.fn.count<number>('id_number_enc').as('ids'), eb.fn.count<number>('refund_card_enc').as('cards')])
      .executeTakeFirstOrThrow();
    const first = await runRotateKeys(t.runtime.deps.database, new PiiKeyRing([oldKeys, newKey], 'next'), { batchSize: 2 });
    expect(first.activeKeyId).toBe('next');
    const [ids, cards] = first.columns;
    expect(ids).toMatchObject({ column: 'customers.id_number_enc', reencrypted: Number(encrypted.ids) - 1, current: Number(encrypted.ids) - 1 });
    expect(ids!.failed).toEqual([{ id: strangerId, message: expect.stringContaining('"ghost", which is not in PII_KEYS') }]);
    expect(cards).toMatchObject({ reencrypted: Number(encrypted.cards), current: Number(encrypted.cards), failed: [] });
    expect(describeRotation(first).join('\n')).toContain('customers.id_number_enc: re-encrypted');

    const after = await db().selectFrom('customers').select(['id_number_enc', 'refund_card_enc']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(keyIdOf(after.id_number_enc!)).toBe('next');
    expect(rotating.decrypt(after.id_number_enc!, 'customers.id_number')).toBe(ID_NUMBER);
    expect(rotating.decrypt(after.refund_card_enc!, 'customers.refund_card')).toBe('6222021234567890123');

    // With the missing key added, a second run picks up only what is left.
    const complete = new PiiKeyRing([oldKeys, newKey, ghostKey], 'next');
    const second = await runRotateKeys(t.runtime.deps.database, complete);
    expect(second.columns.map((c) => [c.reencrypted, c.failed.length])).toEqual([[1, 0], [0, 0]]);
    const third = await runRotateKeys(t.runtime.deps.database, complete);
    expect(third.columns.map((c) => c.reencrypted)).toEqual([0, 0]);
    const logged = await db().selectFrom('audit_log').selectAll().where('action', '=', 'pii.keys_rotated').orderBy('id').execute();
    expect(logged.map((r) => r.outcome)).toEqual(['failed', 'ok', 'ok']);

    // The running product still holds only the old key: a reveal now fails, and says why.
    const refused = await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', reason: '密钥轮换之后核对身份证号' });
    expect(refused.status).toBe(500);
    expect(refused.body.type).toBe('/problems/pii-key-unavailable');
    expect(refused.body.messages['en-US']).toContain('"next", which is not in PII_KEYS');
  });
});
