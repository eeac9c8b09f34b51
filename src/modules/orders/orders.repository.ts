// The only SQL for shop data. Upserts are keyed by the shop system's external ids, so a
// repeated import or API call changes nothing the second time.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import type { CustomerPiiColumns } from '../privacy/pii.columns.ts';
import type {
  CustomerUpsert,
  MerchantUpsert,
  OrderUpsert,
  ProductCategoryUpsert,
  ProductUpsert,
  ShipmentEventInput,
  ShipmentUpsert,
} from './orders.schemas.ts';

type Db = Kysely<DB>;

// Shop feeds arrive late and out of order: a status only ever moves forward, so replaying an
// older snapshot (a re-import, a delayed carrier event) cannot undo a delivery.
const SHIPMENT_RANK: Record<string, number> = { created: 0, in_transit: 1, out_for_delivery: 2, exception: 2, delivered: 3, lost: 3, returned: 4 };
const ORDER_RANK: Record<string, number> = { pending_payment: 0, paid: 1, shipped: 2, delivered: 3, completed: 4, cancelled: 5 };

function rankOf(ranks: Record<string, number>, column: RawBuilder<unknown>) {
  const whens = Object.entries(ranks).map(([status, rank]) => sql`when ${sql.lit(status)} then ${sql.lit(rank)}`);
  return sql`(case ${column} ${sql.join(whens, sql` `)} else 0 end)`;
}

/** On conflict: keep whichever of the stored and incoming status is further along. */
function forwardOnly(ranks: Record<string, number>, table: string) {
  const incoming = sql.ref('excluded.status');
  const stored = sql.ref(`${table}.status`);
  return sql<string>`case when ${rankOf(ranks, incoming)} >= ${rankOf(ranks, stored)} then ${incoming} else ${stored} end`;
}

async function idByExternal(db: Db, table: 'customers' | 'merchants' | 'products' | 'orders', externalId: string, field: string) {
  const row = await db.selectFrom(table).select('id').where('external_id', '=', externalId).executeTakeFirst();
  if (!row) throw notFound({ 'zh-CN': `${field}（${externalId}）`, 'en-US': `${field} ${externalId}` }, field);
  return row.id;
}

/** `pii`: the personal-data columns to write (encrypted by the caller); absent ones stay as stored. */
export async function upsertCustomer(db: Db, c: CustomerUpsert, now: Date, pii: CustomerPiiColumns = {}): Promise<string> {
  const row = await db
    .insertInto('customers')
    .values({ external_id: c.externalId, name: c.name, phone: c.phone ?? null, email: c.email ?? null, tier: c.tier, locale: c.locale, ...pii })
    .onConflict((oc) =>
      oc.column('external_id').doUpdateSet({
        name: c.name,
        phone: c.phone ?? null,
        email: c.email ?? null,
        tier: c.tier,
        locale: c.locale,
        ...pii,
        updated_at: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertMerchant(db: Db, m: MerchantUpsert, now: Date): Promise<string> {
  const address = m.returnAddress ? JSON.stringify(m.returnAddress) : null;
  const row = await db
    .insertInto('merchants')
    .values({ external_id: m.externalId, name: m.name, platform_operated: m.platformOperated, return_address: address })
    .onConflict((oc) =>
      oc.column('external_id').doUpdateSet({
        name: m.name,
        platform_operated: m.platformOperated,
        // An update that leaves the address out keeps the one on file.
        return_address: sql`coalesce(excluded.return_address, merchants.return_address)`,
        updated_at: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertProductCategory(db: Db, c: ProductCategoryUpsert, now: Date): Promise<string> {
  const values = { name_zh: c.name['zh-CN'], name_en: c.name['en-US'] ?? null };
  const row = await db
    .insertInto('product_categories')
    .values({ external_id: c.externalId, ...values })
    .onConflict((oc) => oc.column('external_id').doUpdateSet({ ...values, updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertProduct(db: Db, p: ProductUpsert, now: Date): Promise<string> {
  const merchantId = await idByExternal(db, 'merchants', p.merchantExternalId, 'merchantExternalId');
  const values = {
    merchant_id: merchantId,
    name: p.name,
    category: p.category,
    price_fen: p.priceFen,
    warranty_months: p.warrantyMonths ?? null,
    flags: p.flags,
  };
  const row = await db
    .insertInto('products')
    .values({ external_id: p.externalId, ...values })
    .onConflict((oc) => oc.column('external_id').doUpdateSet({ ...values, updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertOrder(db: Db, o: OrderUpsert, now: Date): Promise<string> {
  // A refund gives back at most what the items were paid: they cannot have cost more than the order.
  const itemsFen = o.items.reduce((sum, i) => sum + i.paidFen, 0);
  if (itemsFen + o.shippingFen > o.totalFen) {
    throw invalid('items', {
      'zh-CN': `商品实付合计（${itemsFen / 100} 元）加运费（${o.shippingFen / 100} 元）超过订单总额（${o.totalFen / 100} 元）`,
      'en-US': `The items' paid amounts (${itemsFen / 100} yuan) and shipping (${o.shippingFen / 100} yuan) exceed the order total (${o.totalFen / 100} yuan)`,
    });
  }
  const customerId = await idByExternal(db, 'customers', o.customerExternalId, 'customerExternalId');
  const merchantId = await idByExternal(db, 'merchants', o.merchantExternalId, 'merchantExternalId');
  const values = {
    order_no: o.orderNo,
    customer_id: customerId,
    merchant_id: merchantId,
    status: o.status,
    placed_at: o.placedAt,
    total_fen: o.totalFen,
    shipping_fen: o.shippingFen,
    shipping_insurance: o.shippingInsurance,
    shipping_address: o.shippingAddress ?? null,
    receipt_confirmed_at: o.receiptConfirmedAt ?? null,
  };
  const order = await db
    .insertInto('orders')
    .values({ external_id: o.externalId, ...values })
    .onConflict((oc) =>
      oc.column('external_id').doUpdateSet({
        ...values,
        status: forwardOnly(ORDER_RANK, 'orders'),
        // A confirmation once given stays: an update that leaves the field out does not take it back.
        receipt_confirmed_at: sql`coalesce(excluded.receipt_confirmed_at, orders.receipt_confirmed_at)`,
        updated_at: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const productIds = new Map<string, string>();
  const products = await db
    .selectFrom('products')
    .select(['id', 'external_id', 'merchant_id'])
    .where('external_id', 'in', [...new Set(o.items.map((i) => i.productExternalId))])
    .execute();
  for (const p of products) productIds.set(p.external_id, p.id);
  for (const [index, item] of o.items.entries()) {
    const productId = productIds.get(item.productExternalId);
    if (!productId) {
      throw notFound(
        { 'zh-CN': `商品（${item.productExternalId}）`, 'en-US': `product ${item.productExternalId}` },
        `items.${index}.productExternalId`,
      );
    }
    const itemValues = {
      product_id: productId,
      sku: item.sku ?? null,
      quantity: item.quantity,
      unit_price_fen: item.unitPriceFen,
      paid_fen: item.paidFen,
    };
    await db
      .insertInto('order_items')
      .values({ order_id: order.id, external_id: item.externalId, ...itemValues })
      .onConflict((oc) => oc.columns(['order_id', 'external_id']).doUpdateSet(itemValues))
      .execute();
  }
  for (const payment of o.payments) {
    const paymentValues = {
      order_id: order.id,
      method: payment.method,
      amount_fen: payment.amountFen,
      paid_at: payment.paidAt,
      provider_ref: payment.providerRef ?? null,
    };
    await db
      .insertInto('payments')
      .values({ external_id: payment.externalId, ...paymentValues })
      .onConflict((oc) => oc.column('external_id').doUpdateSet(paymentValues))
      .execute();
  }
  return order.id;
}

export async function upsertShipment(db: Db, s: ShipmentUpsert, now: Date): Promise<string> {
  if (s.shippedAt && s.deliveredAt && s.deliveredAt < s.shippedAt) {
    throw invalid('deliveredAt', { 'zh-CN': '签收时间不能早于发货时间', 'en-US': 'A parcel cannot be delivered before it was shipped' });
  }
  const orderId = await idByExternal(db, 'orders', s.orderExternalId, 'orderExternalId');
  const adopted = await adoptCaseShipment(db, orderId, s.externalId, s.trackingNo);
  const values = {
    order_id: orderId,
    direction: adopted?.direction ?? s.direction,
    carrier: s.carrier,
    tracking_no: s.trackingNo,
    status: s.status,
    shipped_at: s.shippedAt ?? null,
    delivered_at: s.deliveredAt ?? null,
    estimated_delivery_at: s.estimatedDeliveryAt ?? null,
  };
  const row = await db
    .insertInto('shipments')
    .values({ external_id: s.externalId, ...values })
    .onConflict((oc) =>
      oc.column('external_id').doUpdateSet({
        ...values,
        status: forwardOnly(SHIPMENT_RANK, 'shipments'),
        shipped_at: sql`coalesce(excluded.shipped_at, shipments.shipped_at)`,
        delivered_at: sql`coalesce(excluded.delivered_at, shipments.delivered_at)`,
        ...revisedPromise(sql.ref('excluded.estimated_delivery_at')),
        updated_at: now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  if (values.direction === 'outbound') await syncOrderDelivery(db, orderId, s.status, now);
  return row.id;
}

/**
 * A carrier's new promise of delivery replaces the old one (none keeps it); a later promise makes
 * a parcel noticed as delayed on time again, so passing the new one is noticed afresh.
 */
function revisedPromise(promise: RawBuilder<unknown>) {
  return {
    estimated_delivery_at: sql<Date | null>`coalesce(${promise}, shipments.estimated_delivery_at)`,
    delay_noticed_at: sql<Date | null>`case when ${promise} > shipments.estimated_delivery_at then null else shipments.delay_noticed_at end`,
  };
}

/**
 * EX-5: a parcel a case recorded (the customer's return, a replacement sent) is known to the
 * carrier feed by the feed's own id. The first time the feed sends a shipment with that order's
 * tracking number, the case's shipment takes the feed's id, so its events reach the case (and keep
 * their direction) instead of making a second, unlinked shipment.
 */
async function adoptCaseShipment(db: Db, orderId: string, externalId: string, trackingNo: string) {
  const known = await db.selectFrom('shipments').select('id').where('external_id', '=', externalId).executeTakeFirst();
  if (known) return null;
  const recorded = await db
    .selectFrom('shipments')
    .select(['id', 'direction'])
    .where('order_id', '=', orderId)
    .where('case_id', 'is not', null)
    .where(sql<boolean>`upper(tracking_no) = upper(${trackingNo.trim()})`)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!recorded) return null;
  await db.updateTable('shipments').set({ external_id: externalId }).where('id', '=', recorded.id).execute();
  return recorded;
}

/** A carrier event is stored once (by its external id) and moves the shipment forward. */
export async function addShipmentEvent(db: Db, e: ShipmentEventInput, now: Date): Promise<string> {
  const shipment = await db
    .selectFrom('shipments')
    .select(['id', 'order_id', 'direction'])
    .where('external_id', '=', e.shipmentExternalId)
    .executeTakeFirst();
  if (!shipment) {
    throw notFound({ 'zh-CN': `运单（${e.shipmentExternalId}）`, 'en-US': `shipment ${e.shipmentExternalId}` }, 'shipmentExternalId');
  }
  const inserted = await db
    .insertInto('shipment_events')
    .values({
      shipment_id: shipment.id,
      external_id: e.externalId,
      occurred_at: e.occurredAt,
      status: e.status,
      location: e.location ?? null,
      description: e.description ?? null,
    })
    .onConflict((oc) => oc.columns(['shipment_id', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom('shipment_events')
      .select('id')
      .where('shipment_id', '=', shipment.id)
      .where('external_id', '=', e.externalId)
      .executeTakeFirstOrThrow();
    return existing.id;
  }
  await db
    .updateTable('shipments')
    .set({
      status: sql<string>`case when ${rankOf(SHIPMENT_RANK, sql`${e.status}::text`)} >= ${rankOf(SHIPMENT_RANK, sql.ref('status'))} then ${e.status} else status end`,
      updated_at: now,
      delivered_at: e.status === 'delivered' ? sql`coalesce(delivered_at, ${e.occurredAt})` : sql`delivered_at`,
      shipped_at: sql`coalesce(shipped_at, ${e.occurredAt})`,
      ...(e.estimatedDeliveryAt ? revisedPromise(sql`${e.estimatedDeliveryAt}::timestamptz`) : {}),
    })
    .where('id', '=', shipment.id)
    .execute();
  if (shipment.order_id && shipment.direction === 'outbound') await syncOrderDelivery(db, shipment.order_id, e.status, now);
  return inserted.id;
}

async function syncOrderDelivery(db: Db, orderId: string, status: string, now: Date): Promise<void> {
  const next = status === 'delivered' ? 'delivered' : status === 'in_transit' || status === 'out_for_delivery' ? 'shipped' : null;
  if (!next) return;
  await db
    .updateTable('orders')
    .set({ status: next, updated_at: now })
    .where('id', '=', orderId)
    .where('status', 'in', next === 'delivered' ? ['paid', 'shipped'] : ['paid'])
    .execute();
}
