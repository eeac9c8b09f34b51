// Product category names: the shop system names its category codes, and people read the names —
// on orders, on cases, in the policy's reasons, and in the public policy's exclusions (POL-3).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJsonLines } from '../../src/cli/import.ts';
import { PLATFORM_BASELINE } from '../../src/modules/policy/policy.rules.ts';
import { fileCase, makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

type Reason = { code: string; text: { 'zh-CN': string; 'en-US': string } };

describe('product category names', () => {
  it('are upserted by code, once, and updated in place; bad input and other roles are refused', async () => {
    const shop = await makeShop(t);
    const first = await shop.admin.put(`/api/v1/integration/product-categories/lamps-${shop.id}`, { name: { 'zh-CN': '灯具', 'en-US': 'Lamps' } });
    const again = await shop.admin.put(`/api/v1/integration/product-categories/lamps-${shop.id}`, { name: { 'zh-CN': '灯具照明', 'en-US': 'Lighting' } });
    expect(first.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id, externalId: `lamps-${shop.id}` });
    const rows = await t.runtime.deps.database.db.selectFrom('product_categories').selectAll().where('external_id', '=', `lamps-${shop.id}`).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name_zh: '灯具照明', name_en: 'Lighting' });

    const nameless = await shop.admin.put(`/api/v1/integration/product-categories/x-${shop.id}`, { name: { 'en-US': 'Only English' } });
    expect(nameless.status).toBe(400);
    expect(nameless.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(nameless.body.field).toBe('body.name.zh-CN');
    expect((await shop.agent.put(`/api/v1/integration/product-categories/x-${shop.id}`, { name: { 'zh-CN': '灯具' } })).status).toBe(403);
    const written = await t.runtime.deps.database.db.selectFrom('product_categories').select('id').where('external_id', '=', `x-${shop.id}`).execute();
    expect(written).toHaveLength(0);
  });

  it('show on the order and the case; a code without a name shows as itself, and English falls back to Chinese', async () => {
    const named = await makeShop(t, { category: 'tea-set' });
    await named.admin.put('/api/v1/integration/product-categories/tea-set', { name: { 'zh-CN': '茶具' } });
    const order = await named.customer.get(`/api/v1/orders/${named.orderNo}`);
    expect(order.body.items[0]).toMatchObject({ category: 'tea-set', categoryName: { 'zh-CN': '茶具', 'en-US': '茶具' } });
    const caseNo = await fileCase(named, { kind: 'return_refund', reason: 'no_reason', channel: 'web', description: '不想要了' });
    const detail = await named.merchant.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.items[0]).toMatchObject({ category: 'tea-set', categoryName: { 'zh-CN': '茶具', 'en-US': '茶具' } });

    const unnamed = await makeShop(t, { category: 'cat-50010788' });
    const plain = await unnamed.customer.get(`/api/v1/orders/${unnamed.orderNo}`);
    expect(plain.body.items[0].categoryName).toEqual({ 'zh-CN': 'cat-50010788', 'en-US': 'cat-50010788' });
  });

  it('name the excluded category in the policy answer, the product summary and the public policy', async () => {
    const shop = await makeShop(t, { category: 'bulk-goods' });
    await shop.admin.put('/api/v1/integration/product-categories/bulk-goods', { name: { 'zh-CN': '大件商品', 'en-US': 'Bulky goods' } });
    const before = await shop.anonymous.get('/api/v1/policy');
    expect(before.body.excludedCategories).toEqual([]);
    const rules = structuredClone(PLATFORM_BASELINE);
    // A code the shop system never named is refused: buyers would read it as a code.
    rules.noReasonReturn.excludedCategories = ['bulk-goods', 'no-such-code'];
    const unknown = await shop.admin.put('/api/v1/policy', { rules, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ type: '/problems/unknown-category', field: 'rules.noReasonReturn.excludedCategories' });
    expect(unknown.body.messages['zh-CN']).toContain('no-such-code');
    expect(unknown.body.messages['zh-CN']).not.toContain('bulk-goods');
    rules.noReasonReturn.excludedCategories = ['bulk-goods'];
    // In force before the order was placed: an order is judged under the policy of its day (POL-10).
    expect((await shop.admin.put('/api/v1/policy', { rules, effectiveFrom: '2026-01-01T00:00:00+08:00' })).status).toBe(200);

    const preview = await shop.customer.post('/api/v1/eligibility', { kind: 'return_refund', reason: 'no_reason', orderItemIds: [shop.orderItemId] });
    expect(preview.status).toBe(200);
    const decision = preview.body.items[0];
    expect(decision.eligible).toBe(false);
    const reason = decision.reasons.find((r: Reason) => r.code === 'excluded_category') as Reason;
    expect(reason.text['zh-CN']).toContain('「大件商品」类目');
    expect(reason.text['en-US']).toContain('"Bulky goods"');

    const summary = await shop.anonymous.get(`/api/v1/products/${shop.productId}/policy-summary`);
    expect(JSON.stringify(summary.body)).toContain('「大件商品」类目');
    expect(JSON.stringify(summary.body)).not.toContain('bulk-goods');

    const published = await shop.anonymous.get('/api/v1/policy');
    expect(published.body.excludedCategories).toEqual([
      { code: 'bulk-goods', name: { 'zh-CN': '大件商品', 'en-US': 'Bulky goods' } },
    ]);
    const merchantView = await shop.anonymous.get(`/api/v1/merchants/${shop.merchantId}/policy`);
    expect(merchantView.body.excludedCategories[0]).toEqual(published.body.excludedCategories[0]);

    // A merchant excluding one more category hears it by name.
    await shop.admin.put('/api/v1/integration/product-categories/glassware', { name: { 'zh-CN': '玻璃器皿', 'en-US': 'Glassware' } });
    const stricter = structuredClone(rules);
    stricter.noReasonReturn.excludedCategories = ['bulk-goods', 'glassware'];
    const check = await shop.merchant.post(`/api/v1/merchants/${shop.merchantId}/policy/check`, { rules: stricter });
    const violation = check.body.baselineViolations.find((v: { path: string }) => v.path === 'noReasonReturn.excludedCategories');
    expect(violation.text['zh-CN']).toBe('商家额外排除了无理由退货的类目:玻璃器皿');
    expect(violation.text['en-US']).toContain('Glassware');
  });

  it('can be imported from JSON Lines, with a bad line reported and the good one applied', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'afterdesk-categories-')), 'categories.jsonl');
    const lines = [
      { type: 'product_category', data: { externalId: 'imported-cat', name: { 'zh-CN': '户外用品', 'en-US': 'Outdoor' } } },
      { type: 'product_category', data: { externalId: 'broken-cat', name: {} } },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const summary = await importJsonLines(t.runtime.deps, file);
    expect(summary).toMatchObject({ total: 2, applied: 1, failed: 1 });
    expect(summary.errors[0]).toMatchObject({ line: 2 });
    expect(summary.errors[0]!.message).toMatch(/invalid product_category: name/);
    const rows = await t.runtime.deps.database.db.selectFrom('product_categories').select(['external_id', 'name_en']).where('external_id', 'in', ['imported-cat', 'broken-cat']).execute();
    expect(rows).toEqual([{ external_id: 'imported-cat', name_en: 'Outdoor' }]);
  });
});
