// The published policy (POL-8, POL-9): public endpoints, merchant policies checked against the
// baseline, the law as a floor for the platform itself, and the version recorded on each case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const generous = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 15 }, freeReturnShipping: true };
const strict = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 5 } };

describe('published policy', () => {
  it('serves the platform policy and a per-product summary without signing in', async () => {
    const shop = await makeShop(t, { flags: ['custom_made'], category: 'furniture' });
    const policy = await shop.anonymous.get('/api/v1/policy');
    expect(policy.status).toBe(200);
    expect(policy.body.rules.noReasonReturn.days).toBeGreaterThanOrEqual(7);
    const summary = await shop.anonymous.get(`/api/v1/products/${shop.productId}/policy-summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.noReasonReturn.applies).toBe(false);
    expect(summary.body.noReasonReturn.reasonCodes).toContain('excluded_custom_made');
    expect(summary.body.text['zh-CN']).toMatch(/定作/);
  });

  it('refuses a merchant policy stricter than the baseline, naming the clause, and accepts a more generous one', async () => {
    const shop = await makeShop(t);
    const check = await shop.merchant.post(`/api/v1/merchants/${shop.merchantId}/policy/check`, { rules: strict });
    expect(check.body.acceptable).toBe(false);
    const refused = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: strict });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toMatch(/policy-below-(law|baseline)/);
    expect(JSON.stringify(refused.body.violations)).toContain('noReasonReturn.days');
    const other = await makeShop(t);
    expect((await other.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous })).status).toBe(403);
    const published = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ scope: 'merchant', version: 1 });
    const shown = await shop.anonymous.get(`/api/v1/merchants/${shop.merchantId}/policy`);
    expect(shown.body).toMatchObject({ isMerchantPolicy: true, violationsOfBaseline: [] });
  });

  it('judges a case under the version in force when the order was placed', async () => {
    const shop = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00' });
    // Published after the order: does not apply to it, so day 9 after sign-off is still too late.
    await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous });
    const preview = await shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [shop.orderItemId] });
    expect(preview.status).toBe(200);
    expect(preview.body.eligible).toBe(false);
    const backdated = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00' });
    await backdated.admin.put(`/api/v1/merchants/${backdated.merchantId}/policy`, { rules: generous, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    const ok = await backdated.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [backdated.orderItemId] });
    expect(ok.body.eligible).toBe(true);
    expect(ok.body.items[0].returnShippingPaidBy).toBe('merchant');
    const created = await backdated.customer.post('/api/v1/cases', { kind: 'return_refund', reason: 'no_reason', items: [{ orderItemId: backdated.orderItemId, quantity: 1 }], description: '不喜欢' });
    expect(created.status).toBe(201);
    const detail = await backdated.agent.get(`/api/v1/cases/${created.body.caseNo}`);
    const merchantPolicy = await backdated.anonymous.get(`/api/v1/merchants/${backdated.merchantId}/policy`);
    expect(detail.body.policyVersionId).toBe(merchantPolicy.body.policy.id);
  });

  it('names every clause that is wrong at once: the law’s and the baseline’s', async () => {
    const shop = await makeShop(t);
    const both = { ...PLATFORM_BASELINE, qualityExchange: { days: 14 }, reship: { days: 3 } };
    const refused = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: both });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('/problems/policy-below-law');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['rules.qualityExchange.days', 'rules.reship.days']);
  });

  it('refuses a platform baseline below the law, and only admins may publish one', async () => {
    const shop = await makeShop(t);
    const below = await shop.admin.put('/api/v1/policy', { rules: { ...PLATFORM_BASELINE, refund: { withinDays: 10, dayType: 'natural' } } });
    expect(below.status).toBe(422);
    expect(below.body.type).toBe('/problems/policy-below-law');
    expect((await shop.agent.put('/api/v1/policy', { rules: PLATFORM_BASELINE })).status).toBe(403);
    expect((await shop.anonymous.put('/api/v1/policy', { rules: PLATFORM_BASELINE })).status).toBe(401);
  });

  it('gives the customer a later, more generous baseline over an older merchant policy, clause by clause', async () => {
    // Signed 9 days before "now": outside the merchant's 7 days, inside the raised baseline's 10.
    const shop = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00' });
    const merchantRules = { ...PLATFORM_BASELINE, qualityExchange: { days: 30 } };
    await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: merchantRules, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    const preview = () => shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [shop.orderItemId] });
    expect((await preview()).body.eligible).toBe(false);

    const raised = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, days: 10 } };
    expect((await shop.admin.put('/api/v1/policy', { rules: raised, effectiveFrom: '2026-01-01T00:00:00+08:00' })).status).toBe(200);
    try {
      expect((await preview()).body.eligible).toBe(true);
      const shown = await shop.anonymous.get(`/api/v1/merchants/${shop.merchantId}/policy`);
      expect(shown.body.isMerchantPolicy).toBe(true);
      expect(shown.body.rules.noReasonReturn.days).toBe(10);
      // What the merchant gives beyond the baseline stays theirs.
      expect(shown.body.rules.qualityExchange.days).toBe(30);
      expect(shown.body.violationsOfBaseline.map((v: { path: string }) => v.path)).toEqual(['noReasonReturn.days']);
    } finally {
      await shop.admin.put('/api/v1/policy', { rules: PLATFORM_BASELINE, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    }
  });

  it('judges orders under the version in force at delivery when the platform says so (POL-10)', async () => {
    // Placed 11-02, delivered 11-05; the merchant's free return shipping took effect in between.
    const shop = await makeShop(t, { signedAt: '2026-11-05T12:00:00+08:00' });
    await shop.admin.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous, effectiveFrom: '2026-11-03T00:00:00+08:00' });
    const preview = async () =>
      (await shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [shop.orderItemId] })).body.items[0];
    expect(await preview()).toMatchObject({ eligible: true, returnShippingPaidBy: 'customer' });

    const byDelivery = { ...PLATFORM_BASELINE, versionBasis: 'delivered' };
    // Which version governs is the platform's choice: a merchant asking for another is refused by name.
    const merchantsChoice = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: { ...generous, versionBasis: 'delivered' } });
    expect(merchantsChoice.status).toBe(422);
    expect(merchantsChoice.body.field).toBe('rules.versionBasis');
    expect((await shop.anonymous.get(`/api/v1/merchants/${shop.merchantId}/policy`)).body.rules.versionBasis).toBeUndefined();
    expect((await shop.admin.put('/api/v1/policy', { rules: byDelivery, effectiveFrom: '2026-01-01T00:00:00+08:00' })).status).toBe(200);
    try {
      expect((await shop.anonymous.get('/api/v1/policy')).body.rules.versionBasis).toBe('delivered');
      const item = await preview();
      expect(item).toMatchObject({ eligible: true, returnShippingPaidBy: 'merchant' });
      const versions = await shop.admin.get(`/api/v1/merchants/${shop.merchantId}/policy/versions`);
      const inForceAtDelivery = versions.body.items.find((v: { version: number }) => v.version === 1);
      expect(item.policyVersionId).toBe(inForceAtDelivery.id);
    } finally {
      await shop.admin.put('/api/v1/policy', { rules: PLATFORM_BASELINE, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    }
    expect(await preview()).toMatchObject({ returnShippingPaidBy: 'customer' });
  });

  it('counts the no-reason days from the confirmation of receipt the shop sends, never less than the law (POL-2)', async () => {
    // Signed 9 days before "now": past the 7 days from sign-off.
    const shop = await makeShop(t, { signedAt: '2026-11-01T12:00:00+08:00' });
    const preview = async () =>
      (await shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [shop.orderItemId] })).body.items[0];
    const order = (extra: Record<string, unknown>) =>
      shop.admin.put(`/api/v1/integration/orders/o-${shop.id}`, {
        orderNo: shop.orderNo,
        customerExternalId: `c-${shop.id}`,
        merchantExternalId: `m-${shop.id}`,
        status: 'completed',
        placedAt: '2026-10-29T12:00:00+08:00',
        totalFen: shop.priceFen,
        items: [{ externalId: '1', productExternalId: `p-${shop.id}`, quantity: 1, unitPriceFen: shop.priceFen, paidFen: shop.priceFen }],
        ...extra,
      });
    expect((await order({ receiptConfirmedAt: '2026-11-06T09:00:00+08:00' })).status).toBe(200);
    // An update that leaves the confirmation out keeps it.
    expect((await order({})).status).toBe(200);
    expect((await preview()).eligible).toBe(false);

    const fromConfirmation = { ...PLATFORM_BASELINE, noReasonReturn: { ...PLATFORM_BASELINE.noReasonReturn, startsAt: 'receipt_confirmed' } };
    expect((await shop.admin.put('/api/v1/policy', { rules: fromConfirmation, effectiveFrom: '2026-01-01T00:00:00+08:00' })).status).toBe(200);
    try {
      const item = await preview();
      expect(item.eligible).toBe(true);
      expect(item.deadline).toBe('2026-11-13T15:59:59.999Z');
      const summary = await shop.anonymous.get(`/api/v1/products/${shop.productId}/policy-summary`);
      expect(summary.body.noReasonReturn.startsAt).toBe('receipt_confirmed');
      expect(summary.body.text['zh-CN']).toContain('确认收货次日起');
      // A merchant counting from sign-off is now below the baseline.
      const refused = await shop.merchant.put(`/api/v1/merchants/${shop.merchantId}/policy`, { rules: generous });
      expect(refused.status).toBe(422);
      expect(refused.body.violations.map((v: { path: string }) => v.path)).toEqual(['noReasonReturn.startsAt']);
    } finally {
      await shop.admin.put('/api/v1/policy', { rules: PLATFORM_BASELINE, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    }
  });
});
