// Writes the demo shop through the integration API (admin token): merchants and their
// policies, products, customers, orders with items and payments, parcels and carrier events.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { PLATFORM_BASELINE, type PolicyRules } from '../../modules/policy/policy.rules.ts';
import { DEMO_CUSTOMER_ACCOUNTS } from './accounts.ts';
import type { DemoApi } from './api.ts';
import { CATEGORY_NAMES, DEMO_MERCHANTS, DEMO_PRODUCTS, type DemoProduct } from './catalog.ts';
import type { DemoScript } from './plan.ts';
import type { Progress } from './progress.ts';
import { demoSensitiveData, hasSensitiveData } from './sensitive.ts';

const DAY = 86_400_000;
const EVENT_BATCH = 500;

export interface ShopIds {
  merchants: Map<number, string>;
  customers: Map<number, string>;
  /** `${orderExternalId}#${itemExternalId}` → order item id. */
  items: Map<string, string>;
}

export const externalIds = (prefix: string) => ({
  merchant: (no: number) => `${prefix}m${String(no).padStart(2, '0')}`,
  product: (no: number) => `${prefix}p${String(no).padStart(3, '0')}`,
  customer: (index: number) => `${prefix}c${String(index).padStart(4, '0')}`,
});

/** Requests the shop phase makes, for the progress bar. */
export function shopRequestCount(script: DemoScript): number {
  const shipments = script.orders.filter((o) => o.shipment).length;
  const events = script.orders.reduce((sum, o) => sum + (o.shipment?.events.length ?? 0), 0);
  return DEMO_MERCHANTS.length * 2 + Object.keys(CATEGORY_NAMES).length + DEMO_PRODUCTS.length + script.customers.length + script.orders.length + shipments + Math.ceil(events / EVENT_BATCH);
}

function merchantPolicy(priceProtectionDays: number, platformOperated: boolean): PolicyRules {
  return {
    ...PLATFORM_BASELINE,
    priceProtection: { enabled: true, days: priceProtectionDays },
    // The platform's own store also exchanges without a reason (more generous than the baseline).
    ...(platformOperated ? { noReasonExchange: { enabled: true, days: 7 } } : {}),
  };
}

/** The shop system sends a product with its price now (a price drop for price protection is one such send). */
export async function writeProduct(api: DemoApi, adminToken: string, prefix: string, p: DemoProduct, priceFen: number): Promise<void> {
  const ids = externalIds(prefix);
  await api.upsert(adminToken, `products/${ids.product(p.no)}`, {
    merchantExternalId: ids.merchant(p.merchantNo),
    name: p.name,
    category: p.category,
    priceFen,
    warrantyMonths: p.warrantyMonths,
    flags: p.flags,
  });
}

export async function writeShop(
  api: DemoApi,
  db: Kysely<DB>,
  adminToken: string,
  prefix: string,
  script: DemoScript,
  now: Date,
  progress: Progress,
): Promise<ShopIds> {
  const ids = externalIds(prefix);
  const merchants = new Map<number, string>();
  for (const m of DEMO_MERCHANTS) {
    merchants.set(m.no, await api.upsert(adminToken, `merchants/${ids.merchant(m.no)}`, { name: m.name, platformOperated: m.platformOperated, returnAddress: m.returnAddress }));
    progress.tick();
  }
  for (const m of DEMO_MERCHANTS) {
    if (m.priceProtectionDays !== null) {
      // In force long before the oldest demo order, so every order is judged under it (POL-10).
      await api.request(adminToken, 'PUT', `/api/v1/merchants/${merchants.get(m.no)}/policy`, {
        rules: merchantPolicy(m.priceProtectionDays, m.platformOperated),
        effectiveFrom: new Date(now.getTime() - 400 * DAY).toISOString(),
      });
    }
    progress.tick();
  }
  for (const [code, name] of Object.entries(CATEGORY_NAMES)) {
    await api.upsert(adminToken, `product-categories/${code}`, { name });
    progress.tick();
  }
  for (const p of DEMO_PRODUCTS) {
    await writeProduct(api, adminToken, prefix, p, p.priceFen);
    progress.tick();
  }
  const customers = new Map<number, string>();
  for (const [i, c] of script.customers.entries()) {
    const id = await api.upsert(adminToken, `customers/${ids.customer(i + 1)}`, {
      name: c.name,
      phone: c.phone,
      ...(c.email ? { email: c.email } : {}),
      tier: c.tier,
      locale: 'zh-CN',
      address: c.address,
      ...(hasSensitiveData(i + 1, DEMO_CUSTOMER_ACCOUNTS) ? demoSensitiveData(i + 1, c.name) : {}),
    });
    customers.set(i + 1, id);
    progress.tick();
  }

  let events: object[] = [];
  const flush = async () => {
    if (events.length === 0) return;
    await api.request(adminToken, 'POST', '/api/v1/integration/shipment-events', { events });
    events = [];
    progress.tick();
  };
  for (const o of script.orders) {
    const total = o.items.reduce((sum, i) => sum + i.paidFen, 0) + o.shippingFen;
    await api.upsert(adminToken, `orders/${o.externalId}`, {
      orderNo: o.orderNo,
      customerExternalId: ids.customer(o.customerIndex),
      merchantExternalId: ids.merchant(o.merchantNo),
      status: o.status,
      placedAt: o.placedAt.toISOString(),
      receiptConfirmedAt: o.receiptConfirmedAt?.toISOString() ?? null,
      totalFen: total,
      shippingFen: o.shippingFen,
      shippingInsurance: o.insurance,
      shippingAddress: o.address,
      items: o.items.map((i) => ({
        externalId: i.externalId,
        productExternalId: ids.product(i.product.no),
        sku: i.sku,
        quantity: i.quantity,
        unitPriceFen: i.unitPriceFen,
        paidFen: i.paidFen,
      })),
      payments: o.paymentMethod
        ? [{ externalId: `${o.externalId}-pay`, method: o.paymentMethod, amountFen: total, paidAt: new Date(o.placedAt.getTime() + 60_000).toISOString(), providerRef: `PAY${o.orderNo}` }]
        : [],
    });
    progress.tick();
    const s = o.shipment;
    if (!s) continue;
    await api.upsert(adminToken, `shipments/${s.externalId}`, {
      orderExternalId: o.externalId,
      direction: 'outbound',
      carrier: s.carrier,
      trackingNo: s.trackingNo,
      status: s.status,
      shippedAt: s.shippedAt.toISOString(),
      deliveredAt: s.deliveredAt?.toISOString() ?? null,
      estimatedDeliveryAt: s.estimatedDeliveryAt.toISOString(),
    });
    progress.tick();
    for (const e of s.events) {
      events.push({ shipmentExternalId: s.externalId, externalId: e.externalId, occurredAt: e.at.toISOString(), status: e.status, location: e.location, description: e.description });
    }
    if (events.length >= EVENT_BATCH) await flush();
  }
  await flush();

  const rows = await db
    .selectFrom('order_items as oi')
    .innerJoin('orders as o', 'o.id', 'oi.order_id')
    .select(['oi.id', 'oi.external_id', 'o.external_id as order_external_id'])
    .where('o.external_id', 'like', `${prefix}o%`)
    .execute();
  const items = new Map(rows.map((r) => [`${r.order_external_id}#${r.external_id}`, r.id]));
  return { merchants, customers, items };
}
