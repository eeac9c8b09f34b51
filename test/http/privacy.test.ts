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
  it('gives compliance the clear value with a reason and the case, and audits it', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
    const reveal = (body: Record<string, unknown>) => shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', caseNo, ...body });

    // A reason must say what the reveal is for: a Chinese one counts its characters more, and
    // one character repeated, punctuation or digits alone say nothing.
    for (const reason of ['核实', 'aaaaaaaaaa', '..........', '1234567890123']) {
      const vague = await reveal({ reason });
      expect(vague.status, reason).toBe(422);
      expect(vague.body).toMatchObject({ type: '/problems/reveal-reason-unclear', field: 'reason' });
      expect(JSON.stringify(vague.body)).not.toContain(ID_NUMBER);
    }
    // The case must exist and be this customer's; without one there is no reveal at all.
    const other = await makeShop(t);
    const othersCase = await fileCase(other, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
    for (const wrong of ['AS-DOES-NOT-EXIST', othersCase]) {
      const refused = await reveal({ reason: '核实身份信息', caseNo: wrong });
      expect(refused.status, wrong).toBe(422);
      expect(refused.body).toMatchObject({ type: '/problems/reveal-case-unknown', field: 'caseNo' });
    }
    expect((await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', reason: '核实身份信息' })).status).toBe(400);
    expect(await audits('pii.revealed', id)).toEqual([]);

    const revealed = await reveal({ reason: '核实身份信息' });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ field: 'idNumber', value: ID_NUMBER });
    expect(revealed.headers['cache-control']).toBe('no-store');
    const card = await reveal({ field: 'bankCard', reason: 'refund paid offline: check the account' });
    expect(card.body.value).toBe('6222021234567890123');

    const me = (await shop.compliance.get('/api/v1/me')).body.userId;
    const rows = await audits('pii.revealed', id);
    expect(rows.map((r) => [r.actor_user_id, r.outcome, r.detail])).toEqual([
      [me, 'ok', { field: 'idNumber', reason: '核实身份信息', caseNo }],
      [me, 'ok', { field: 'bankCard', reason: 'refund paid offline: check the account', caseNo }],
    ]);
    expect(JSON.stringify(rows)).not.toContain(ID_NUMBER);
  });

  it('refuses every other role with 403 (anonymous 401), and audits each refusal', async () => {
    const shop = await makeShop(t);
    const id = await customerWithPii(shop);
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
    const body = { field: 'idNumber', reason: '我想看看这个客户的身份证号', caseNo };
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

describe('personal numbers typed into free text', () => {
  // The ID's check character is mistyped; the card is written in groups and fails Luhn: both
  // are still what the customer says they are.
  const SAID = '身份证 11010119900307851X，卡号 6222 0212 3456 7890 123，电话 13912345678';
  const MASKED_ALL = '身份证 1****************X，卡号 **** 0123，电话 139****5678';
  const MASKED_CARD_AND_ID = '身份证 1****************X，卡号 **** 0123，电话 13912345678';

  it('are masked in the case, its list and search for everyone but the customer who wrote them; compliance reveals them, audited', async () => {
    const shop = await makeShop(t);
    const created = await shop.customer.post('/api/v1/cases', {
      kind: 'return_refund', reason: 'quality', title: '退款请退到卡 6222021234567890128', description: SAID, items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    });
    expect(created.status).toBe(201);
    const caseNo: string = created.body.caseNo;
    const sent = await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: `补充：${SAID}` });
    expect(sent.status).toBe(201);
    const detail = async (who: Shop['agent']) => (await who.get(`/api/v1/cases/${caseNo}`)).body;

    // The title labels the case in lists and staff's notices: it is stored without the numbers.
    const stored = await db().selectFrom('cases').select(['title', 'description']).where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: '退款请退到卡 **** 0128', description: SAID });
    const own = await detail(shop.customer);
    expect([own.title, own.description, own.descriptionMasked]).toEqual(['退款请退到卡 **** 0128', SAID, false]);
    expect(own.messages.at(-1)).toMatchObject({ body: `补充：${SAID}`, masked: false });
    // Agents and supervisors call the customer back: phone numbers as on the card, in full.
    const agent = await detail(shop.agent);
    expect([agent.title, agent.description, agent.descriptionMasked]).toEqual(['退款请退到卡 **** 0128', MASKED_CARD_AND_ID, true]);
    for (const who of [shop.merchant, shop.finance, shop.compliance, shop.admin]) {
      const seen = await detail(who);
      expect([seen.title, seen.description, seen.descriptionMasked]).toEqual(['退款请退到卡 **** 0128', MASKED_ALL, true]);
      expect(seen.messages.find((m: { id: string }) => m.id === sent.body.id)).toMatchObject({ body: `补充：${MASKED_ALL}`, masked: true });
      const text = JSON.stringify(seen);
      for (const clear of ['11010119900307851X', '6222 0212 3456 7890 123', '6222021234567890128', '13912345678']) expect(text).not.toContain(clear);
    }
    // Search still finds the case by the words around the numbers.
    const found = await shop.merchant.get(`/api/v1/cases?q=${encodeURIComponent('身份证')}`);
    expect(found.body.items.map((c: { caseNo: string; title: string }) => [c.caseNo, c.title])).toEqual([[caseNo, '退款请退到卡 **** 0128']]);

    // Compliance reads the text as written through the reveal, with a reason, on the trail.
    const reveal = (body: Record<string, unknown>) => shop.compliance.post(`/api/v1/customers/${shop.customerId}/reveal`, { field: 'caseText', caseNo, reason: '客户要求核对退款卡号', ...body });
    expect((await reveal({})).body).toEqual({ field: 'caseText', value: SAID });
    expect((await reveal({ messageId: sent.body.id })).body.value).toBe(`补充：${SAID}`);
    expect((await reveal({ messageId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await shop.agent.post(`/api/v1/customers/${shop.customerId}/reveal`, { field: 'caseText', caseNo, reason: '客户要求核对退款卡号' })).status).toBe(403);
    expect((await audits('pii.revealed', shop.customerId)).map((r) => r.detail)).toEqual([
      { field: 'caseText', reason: '客户要求核对退款卡号', caseNo },
      { field: 'caseText', reason: '客户要求核对退款卡号', caseNo, messageId: sent.body.id },
    ]);
  });

  it('are masked in notices to staff and in the audit trail\'s copy of a reason', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '客服态度不好' });
    await shop.agent.action(caseNo, 'start_investigation', {});
    await shop.agent.action(caseNo, 'propose_plan', { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true }, basis: '致歉' });
    await shop.customer.action(caseNo, 'accept_plan', {});
    await shop.agent.action(caseNo, 'notify_result', { message: '已向您致歉' });
    expect((await shop.customer.action(caseNo, 'confirm_resolution', { rating: 1, comment: `没解决，${SAID}` })).body.state).toBe('closed');
    const notices = (await shop.supervisor.get('/api/v1/notifications')).body.items.filter((n: { caseNo: string; type: string }) => n.caseNo === caseNo && n.type === 'low_rating');
    expect(notices).toHaveLength(1);
    expect(notices[0].body['zh-CN']).toContain(`没解决，${MASKED_ALL}`);

    expect((await shop.customer.action(caseNo, 'reopen', { reason: `还是没解决，${SAID}` })).status).toBe(200);
    const trail = await db().selectFrom('audit_log').selectAll().where('action', '=', 'case.state_changed').where('subject_id', '=', caseNo).execute();
    expect(trail.map((r) => r.detail.reason).filter(Boolean)).toContain(`还是没解决，${MASKED_ALL}`);
    expect(JSON.stringify(trail)).not.toContain('13912345678');
  });
});

describe('personal data customers type, wherever it goes', () => {
  const DAY = 24 * 3_600_000;
  const merchantShop = () => makeShop(t, { signedAt: new Date(t.clock.now().getTime() - DAY).toISOString() });
  const SAID = '补偿太少，请打我电话13912345678，身份证11010519491231002X';
  const MASKED = '补偿太少，请打我电话139****5678，身份证1****************X';
  type Notice = { type: string; caseNo: string; body: Record<string, string> };
  const noticesOf = async (shop: Shop, caseNo: string) =>
    ((await shop.merchant.get('/api/v1/notifications?limit=200')).body.items as Notice[]).filter((n) => n.caseNo === caseNo);

  it("are masked in the holder's notices of a rejected plan, a counter-offer and a reopen", async () => {
    const shop = await merchantShop();
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });
    const plan = { planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 3000, keepItem: true }, basis: '商品存在轻微质量问题' };
    await shop.merchant.action(caseNo, 'start_investigation', {});
    await shop.merchant.action(caseNo, 'propose_plan', plan);
    expect((await shop.customer.action(caseNo, 'reject_plan', { reason: SAID })).status).toBe(200);
    await shop.merchant.action(caseNo, 'propose_plan', plan);
    const countered = await shop.customer.action(caseNo, 'counter_offer', { reason: `退 70 元。${SAID}`, planType: 'partial_refund', terms: { refundFen: 7000, keepItem: true } });
    expect(countered.status).toBe(200);

    const other = await merchantShop();
    const apology = await fileCase(other, { kind: 'complaint', reason: 'quality', description: '客服态度不好' });
    await other.merchant.action(apology, 'start_investigation', {});
    await other.merchant.action(apology, 'propose_plan', { planType: 'apology', responsibility: 'merchant_error', terms: { apology: true }, basis: '向您致歉' });
    await other.customer.action(apology, 'accept_plan', {});
    expect((await other.merchant.action(apology, 'notify_result', { message: '已向您致歉' })).body.state).toBe('result_notified');
    expect((await other.customer.action(apology, 'reopen', { reason: `还是没解决，${SAID}` })).status).toBe(200);

    const told = [...(await noticesOf(shop, caseNo)), ...(await noticesOf(other, apology))];
    const bodies = (type: string) => told.filter((n) => n.type === type).flatMap((n) => [n.body['zh-CN'], n.body['en-US']]);
    for (const type of ['customer_rejected_plan', 'customer_counter_offered', 'customer_reopened']) {
      expect(bodies(type)).toHaveLength(2);
      for (const body of bodies(type)) expect(body).toContain(MASKED);
    }
    expect(JSON.stringify(told)).not.toMatch(/13912345678|11010519491231002X/);
  });

  it('are found by search only as their reader sees them: a masked number is no key to the case', async () => {
    const shop = await merchantShop();
    const description = '电话 13700001111，身份证 11010519491231002X，邮箱 lisi.test@example.com，微信号：li_si_2026，备用电话１３６００００２２２２';
    const caseNo = await fileCase(shop, { kind: 'complaint', reason: 'quality', description });
    const found = async (who: Shop['agent'], q: string) =>
      ((await who.get(`/api/v1/cases?q=${encodeURIComponent(q)}&limit=100`)).body.items as { caseNo: string }[]).some((c) => c.caseNo === caseNo);

    // Typed with a Chinese input method, an e-mail and a WeChat id: masked for the merchant as numbers are.
    expect((await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body.description).toBe(
      '电话 137****1111，身份证 1****************X，邮箱 l***@example.com，微信号：l****6，备用电话136****2222',
    );
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.description).toBe(
      '电话 13700001111，身份证 1****************X，邮箱 lisi.test@example.com，微信号：li_si_2026，备用电话１３６００００２２２２',
    );

    for (const q of ['13700001111', '1370000', '00001111', 'lisi', 'li_si', '11010519', '２２２２']) expect([q, await found(shop.merchant, q)]).toEqual([q, false]);
    for (const q of ['备用电话', '137****1111', 'l***@example.com']) expect([q, await found(shop.merchant, q)]).toEqual([q, true]);
    // Agents call the customer back: they find the case by the phone and e-mail they see, not by the ID number.
    for (const q of ['13700001111', 'lisi.test@example.com', 'li_si_2026']) expect([q, await found(shop.agent, q)]).toEqual([q, true]);
    expect(await found(shop.agent, '11010519')).toBe(false);
    // The customer searches their own words.
    expect(await found(shop.customer, '11010519491231002X')).toBe(true);
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
    const caseNo = await fileCase(shop, { kind: 'return_refund', reason: 'quality', description: '屏幕有坏点' });
    const refused = await shop.compliance.post(`/api/v1/customers/${id}/reveal`, { field: 'idNumber', reason: '密钥轮换之后核对身份证号', caseNo });
    expect(refused.status).toBe(500);
    expect(refused.body.type).toBe('/problems/pii-key-unavailable');
    expect(refused.body.messages['en-US']).toContain('"next", which is not in PII_KEYS');
  });
});
