// Read side of shop data: what case intake and the portal need to know about an order.
import { type CompiledQuery, type InferResult, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import { executePrepared } from '../../db/prepared.ts';
import type { LocalizedText, ProductFlag } from '../../shared/vocabulary.ts';
import { categoryName } from './orders.categories.ts';
import { SHIPMENT_ON_THE_WAY } from './orders.schemas.ts';

export interface OrderItemFacts {
  orderItemId: string;
  orderId: string;
  orderNo: string;
  customerId: string;
  /** The buyer's membership tier: priority rises with it (TR-5). */
  customerTier: string;
  /** The buyer's language: routing may send cases by it. */
  customerLocale: string;
  merchantId: string;
  sellerIsPlatform: boolean;
  placedAt: Date;
  orderStatus: string;
  shippingInsurance: boolean;
  quantity: number;
  paidFen: number;
  unitPriceFen: number;
  product: { id: string; name: string; category: string; categoryName: LocalizedText; flags: ProductFlag[]; warrantyMonths: number | null; priceFen: number };
  /** receiptConfirmedAt: the buyer's confirmation of receipt (确认收货), from the shop system. */
  delivery: { shipped: boolean; signedAt: Date | null; receiptConfirmedAt: Date | null };
  /** Open cases claiming units of this line. */
  openClaims: OpenClaim[];
  /** When the buyer's latest cases about this order were filed (at most 3, newest first): repeated contact (TR-2). */
  recentCaseTimes: Date[];
}

export interface OpenClaim {
  caseNo: string;
  kind: string;
  quantity: number;
  /** The open case's duplicate slot: a request with the same slot is that case's duplicate. */
  dedupeKey: string;
}

function factsQuery(db: Kysely<DB>, orderItemIds: readonly string[]) {
  return db
    .selectFrom('order_items as oi')
    .innerJoin('orders as o', 'o.id', 'oi.order_id')
    .innerJoin('products as p', 'p.id', 'oi.product_id')
    .innerJoin('merchants as m', 'm.id', 'o.merchant_id')
    .innerJoin('customers as cu', 'cu.id', 'o.customer_id')
    .leftJoin('product_categories as pc', 'pc.external_id', 'p.category')
    // Sign-off is the latest delivery of the order's outbound parcels. A lateral aggregate is one
    // index lookup per order, whatever the planner believes about the size of the shipments table.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('shipments as s')
          .select([
            sql<Date | null>`max(s.delivered_at)`.as('signed_at'),
            sql<boolean>`coalesce(bool_or(s.shipped_at is not null or s.status <> 'created'), false)`.as('shipped'),
            sql<boolean>`coalesce(bool_or(s.status = 'lost' and s.delivered_at is null), false)`.as('lost'),
          ])
          .whereRef('s.order_id', '=', 'o.id')
          .where('s.direction', '=', 'outbound')
          .as('sh'),
      (join) => join.onTrue(),
    )
    // The open cases already claiming units of the line (IN-8: the same units are not asked for twice).
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('case_items as ci')
          .innerJoin('cases as c', 'c.id', 'ci.case_id')
          .select(
            sql<OpenClaim[]>`coalesce(json_agg(json_build_object('caseNo', c.case_no, 'kind', c.kind, 'quantity', ci.quantity, 'dedupeKey', c.open_dedupe_key)), '[]'::json)`.as(
              'open_claims',
            ),
          )
          .whereRef('ci.order_item_id', '=', 'oi.id')
          .where('c.open_dedupe_key', 'is not', null)
          .as('oc'),
      (join) => join.onTrue(),
    )
    .select([
      'cu.tier as customer_tier',
      'cu.locale as customer_locale',
      'oi.id as order_item_id',
      'oi.quantity',
      'oi.paid_fen',
      'oi.unit_price_fen',
      'o.id as order_id',
      'o.order_no',
      'o.customer_id',
      'o.merchant_id',
      'o.placed_at',
      'o.status as order_status',
      'o.shipping_insurance',
      'o.receipt_confirmed_at',
      'm.platform_operated',
      'p.id as product_id',
      'p.name as product_name',
      'p.category',
      'pc.name_zh as category_name_zh',
      'pc.name_en as category_name_en',
      'p.flags',
      'p.warranty_months',
      'p.price_fen',
      'sh.signed_at',
      'sh.shipped',
      'sh.lost',
      'oc.open_claims',
      // In the same statement as the rest: a query of its own per request cost a third of intake's time.
      sql<(string | Date)[]>`array(select c.created_at from cases c where c.order_id = o.id and c.customer_id = o.customer_id order by c.created_at desc limit 3)`.as(
        'recent_case_times',
      ),
    ])
    // The ids go through a sub-select, so the planner prices every call alike, whatever the ids:
    // PostgreSQL then keeps the generic plan of the prepared statement after five executions,
    // instead of planning each call anew (planning took twice as long as running it).
    .where('oi.id', '=', sql<string>`any(array(select unnest(${orderItemIds}::uuid[])))`);
}

// Built and compiled once per database: only the ids change from one call to the next.
const IDS = Object.freeze([]) as readonly string[];
const compiledFacts = new WeakMap<Database, CompiledQuery<FactsRow>>();
type FactsRow = InferResult<ReturnType<typeof factsQuery>>[number];

/** Everything the policy engine needs about the given order items, in one statement. */
export async function loadOrderItemFacts(database: Database, orderItemIds: string[]): Promise<OrderItemFacts[]> {
  if (orderItemIds.length === 0) return [];
  let compiled = compiledFacts.get(database);
  if (!compiled) {
    compiled = factsQuery(database.db, IDS).compile();
    compiledFacts.set(database, compiled);
  }
  const query: CompiledQuery<FactsRow> = { ...compiled, parameters: compiled.parameters.map((p) => (p === IDS ? orderItemIds : p)) };
  const rows = await executePrepared(database, query);
  return rows.map((r) => {
    const signedAt = r.signed_at ? new Date(r.signed_at) : null;
    return {
      orderItemId: r.order_item_id,
      orderId: r.order_id,
      orderNo: r.order_no,
      customerId: r.customer_id,
      customerTier: r.customer_tier,
      customerLocale: r.customer_locale,
      merchantId: r.merchant_id,
      sellerIsPlatform: r.platform_operated,
      placedAt: r.placed_at,
      orderStatus: r.order_status,
      shippingInsurance: r.shipping_insurance,
      quantity: r.quantity,
      paidFen: r.paid_fen,
      unitPriceFen: r.unit_price_fen,
      product: {
        id: r.product_id,
        name: r.product_name,
        category: r.category,
        categoryName: categoryName(r.category, r.category_name_zh, r.category_name_en),
        flags: r.flags as ProductFlag[],
        warrantyMonths: r.warranty_months,
        priceFen: r.price_fen,
      },
      delivery: { shipped: Boolean(r.shipped), signedAt, receiptConfirmedAt: r.receipt_confirmed_at ? new Date(r.receipt_confirmed_at) : null, lost: Boolean(r.lost) },
      openClaims: r.open_claims ?? [],
      recentCaseTimes: (r.recent_case_times ?? []).map((t) => new Date(t)),
    };
  });
}

export async function findOrderByNo(db: Kysely<DB>, orderNo: string) {
  return db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
}

export async function loadOrderDetail(db: Kysely<DB>, orderId: string) {
  const [items, shipments, payments] = await Promise.all([
    db
      .selectFrom('order_items as oi')
      .innerJoin('products as p', 'p.id', 'oi.product_id')
      .leftJoin('product_categories as pc', 'pc.external_id', 'p.category')
      .select(['oi.id', 'oi.external_id', 'oi.sku', 'oi.quantity', 'oi.unit_price_fen', 'oi.paid_fen', 'p.id as product_id', 'p.name', 'p.category', 'p.flags', 'p.warranty_months'])
      .select(['pc.name_zh as category_name_zh', 'pc.name_en as category_name_en'])
      .where('oi.order_id', '=', orderId)
      .orderBy('oi.external_id')
      .execute(),
    db
      .selectFrom('shipments')
      .select(['id', 'external_id', 'direction', 'carrier', 'tracking_no', 'status', 'shipped_at', 'delivered_at', 'case_id', 'estimated_delivery_at', 'delay_noticed_at'])
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('payments').select(['id', 'method', 'amount_fen', 'paid_at', 'provider_ref']).where('order_id', '=', orderId).orderBy('paid_at').orderBy('id').execute(),
  ]);
  return { items, shipments: await withTraces(db, shipments), payments };
}

/** A carrier's report on a parcel, newest first as a tracking page shows it. */
export interface ShipmentTraceEvent {
  occurred_at: Date;
  status: string;
  location: string | null;
  description: string | null;
}

/** Each shipment with its carrier events (查物流): agents answer "where is my parcel" from the case, not the carrier's site. */
export async function withTraces<S extends { id: string }>(db: Kysely<DB>, shipments: S[]): Promise<(S & { events: ShipmentTraceEvent[] })[]> {
  if (shipments.length === 0) return [];
  const rows = await db
    .selectFrom('shipment_events')
    .select(['shipment_id', 'occurred_at', 'status', 'location', 'description'])
    .where('shipment_id', 'in', shipments.map((s) => s.id))
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return shipments.map((s) => ({ ...s, events: rows.filter((r) => r.shipment_id === s.id) }));
}

/** A shipment as the API shows it (orders and cases alike). */
export function presentShipment(s: {
  id: string;
  /** The id carriers' events are reported under (POST /api/v1/integration/shipment-events). */
  external_id: string;
  direction: string;
  carrier: string;
  tracking_no: string;
  status: string;
  shipped_at: Date | null;
  delivered_at: Date | null;
  case_id?: string | null;
  estimated_delivery_at: Date | null;
  delay_noticed_at: Date | null;
  events: ShipmentTraceEvent[];
}) {
  return {
    id: s.id,
    externalId: s.external_id,
    direction: s.direction,
    carrier: s.carrier,
    trackingNo: s.tracking_no,
    status: s.status,
    shippedAt: s.shipped_at?.toISOString() ?? null,
    deliveredAt: s.delivered_at?.toISOString() ?? null,
    /** A parcel of the after-sales case (return, replacement, repair) rather than the order's own delivery. */
    ofCase: Boolean(s.case_id),
    /** The carrier's promised delivery time (EX-5), and whether the parcel is on its way past it (EX-6). */
    estimatedDeliveryAt: s.estimated_delivery_at?.toISOString() ?? null,
    delayed: s.delay_noticed_at !== null && SHIPMENT_ON_THE_WAY.includes(s.status),
    events: s.events.map((e) => ({ occurredAt: e.occurred_at.toISOString(), status: e.status, location: e.location, description: e.description })),
  };
}
