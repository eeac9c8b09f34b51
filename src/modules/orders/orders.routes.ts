import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Role, ROLES } from '../../shared/vocabulary.ts';
import { carrierHooks } from '../cases/case.carrier.ts';
import type { AppDeps } from '../../http/deps.ts';
import { actorOf } from '../../http/access.ts';
import { notFound } from '../../shared/errors.ts';
import { categoryName } from './orders.categories.ts';
import { findOrderByNo, loadOrderDetail, presentShipment } from './orders.queries.ts';
import {
  customerUpsertSchema,
  merchantUpsertSchema,
  orderUpsertSchema,
  productCategoryUpsertSchema,
  productUpsertSchema,
  shipmentEventSchema,
  shipmentUpsertSchema,
  upsertResultSchema,
} from './orders.schemas.ts';
import { applyImportRecord, type ImportRecord } from './orders.service.ts';
import { addressChangesOf } from '../selfservice/selfservice.repository.ts';
import { addressFor, addressPartsFor, recordTextFor, seesContactOf } from '../privacy/pii.present.ts';
import { isOrderAskedOfDepartment } from '../cases/case.access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { containing } from '../../db/like.ts';

const INTEGRATION = ['admin'] as const;
/** A shop's whole category tree fits; the pickers search it in the browser. */
const MAX_LISTED_CATEGORIES = 5_000;

/** Everyone who works with orders; departments answer questions on cases and never browse orders. */
const ORDER_READERS = ROLES.filter((role) => role !== 'department' && role !== 'system');
/** A department reads one order while a case of it has an open request to the department (case.access.ts). */
const ORDER_PAGE_READERS = [...ORDER_READERS, 'department' as const];
/**
 * VER-3: the order's payment records (payment flow) are the platform's evidence of what was paid,
 * how and when: the buyer's own, and the platform's staff and departments checking a case. A
 * merchant has its items' paid amounts and no use for the buyer's payment references.
 */
const seesPayments = (role: Role) => role !== 'merchant';

export async function ordersRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  const upsert = <T extends ImportRecord['type']>(
    path: string,
    type: T,
    schema: z.ZodObject<{ externalId: z.ZodString }>,
    summary: string,
  ) => {
    app.put(
      path,
      {
        config: { access: INTEGRATION },
        schema: {
          tags: ['integration'],
          summary,
          params: z.object({ externalId: z.string().min(1).max(128) }),
          body: schema.omit({ externalId: true }),
          response: { 200: upsertResultSchema },
        },
      },
      async (request) => {
        const data = { ...(request.body as object), externalId: request.params.externalId };
        const id = await applyImportRecord(db, { type, data } as ImportRecord, deps.clock.now(), { pii: deps.pii });
        return { id, externalId: request.params.externalId };
      },
    );
  };
  upsert('/api/v1/integration/customers/:externalId', 'customer', customerUpsertSchema, 'Create or update a customer');
  upsert('/api/v1/integration/merchants/:externalId', 'merchant', merchantUpsertSchema, 'Create or update a merchant');
  upsert('/api/v1/integration/product-categories/:externalId', 'product_category', productCategoryUpsertSchema, 'Name a product category code (zh-CN, and en-US when the shop has one)');
  upsert('/api/v1/integration/products/:externalId', 'product', productUpsertSchema, 'Create or update a product');
  upsert('/api/v1/integration/orders/:externalId', 'order', orderUpsertSchema, 'Create or update an order with items and payments');
  upsert('/api/v1/integration/shipments/:externalId', 'shipment', shipmentUpsertSchema, 'Create or update a shipment');

  app.get(
    '/api/v1/product-categories',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orders'],
        summary: 'The named product category codes, for choosing them in policies and routing rules',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) })) }) },
      },
    },
    async () => {
      const rows = await db.selectFrom('product_categories').select(['external_id', 'name_zh', 'name_en']).orderBy('external_id').limit(MAX_LISTED_CATEGORIES).execute();
      return { items: rows.map((r) => ({ code: r.external_id, name: categoryName(r.external_id, r.name_zh, r.name_en) })) };
    },
  );

  app.post(
    '/api/v1/integration/shipment-events',
    {
      config: { access: INTEGRATION },
      schema: {
        tags: ['integration'],
        summary: 'Record carrier tracking events (each stored once by its external id)',
        body: z.object({ events: z.array(shipmentEventSchema).min(1).max(1000) }),
        response: { 200: z.object({ ids: z.array(z.string().uuid()) }) },
      },
    },
    async (request) => {
      const ids: string[] = [];
      for (const event of request.body.events) {
        const now = deps.clock.now();
        ids.push(await applyImportRecord(db, { type: 'shipment_event', data: event }, now, carrierHooks(deps, now)));
      }
      return { ids };
    },
  );

  app.get(
    '/api/v1/orders',
    {
      config: { access: ORDER_READERS },
      schema: {
        tags: ['orders'],
        summary: 'List orders (customers see their own, merchants theirs)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
          /** Words of an order number or of a product's name on it. */
          q: z.string().trim().max(100).optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // What the buyer recognises an order by: its shop and the goods on it.
      let query = db
        .selectFrom('orders as o')
        .innerJoin('merchants as m', 'm.id', 'o.merchant_id')
        .select([
          'o.id', 'o.order_no', 'o.status', 'o.placed_at', 'o.total_fen', 'o.currency', 'm.name as merchant_name',
          sql<string[]>`array(select p.name from order_items oi join products p on p.id = oi.product_id where oi.order_id = o.id order by oi.external_id)`.as('product_names'),
        ])
        .orderBy('o.placed_at', 'desc')
        .limit(request.query.limit)
        .offset(request.query.offset);
      if (actor.role === 'customer') query = query.where('o.customer_id', '=', actor.customerId ?? '');
      if (actor.role === 'merchant') query = query.where('o.merchant_id', '=', actor.merchantId ?? '');
      const q = request.query.q;
      if (q) {
        const like = containing(q);
        query = query.where((eb) =>
          eb.or([
            eb('o.order_no', 'ilike', like),
            eb.exists(eb.selectFrom('order_items as oi').innerJoin('products as p', 'p.id', 'oi.product_id').select('oi.id').whereRef('oi.order_id', '=', 'o.id').where('p.name', 'ilike', like)),
          ]),
        );
      }
      const rows = await query.execute();
      return {
        items: rows.map((o) => ({
          id: o.id,
          orderNo: o.order_no,
          status: o.status,
          placedAt: o.placed_at.toISOString(),
          totalFen: o.total_fen,
          currency: o.currency,
          merchantName: o.merchant_name,
          productNames: o.product_names,
        })),
      };
    },
  );

  app.get(
    '/api/v1/orders/:orderNo',
    {
      config: { access: ORDER_PAGE_READERS },
      schema: { tags: ['orders'], summary: 'One order with items, shipments and payments', params: z.object({ orderNo: z.string().min(1).max(64) }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const order = await findOrderByNo(db, request.params.orderNo);
      if (!order) throw notFound({ 'zh-CN': '订单', 'en-US': 'order' }, 'orderNo');
      // Someone else's order answers like a missing one, so order numbers cannot be probed.
      const foreign =
        (actor.role === 'customer' && order.customer_id !== actor.customerId)
        || (actor.role === 'merchant' && order.merchant_id !== actor.merchantId)
        || (actor.role === 'department' && !(await isOrderAskedOfDepartment(db, actor, order.id)));
      if (foreign) throw notFound({ 'zh-CN': '订单', 'en-US': 'order' }, 'orderNo');
      const [detail, addressChanges] = await Promise.all([loadOrderDetail(db, order.id), addressChangesOf(db, order.id)]);
      // RISK-6: staff reading a customer's delivery address in full is on the audit trail, as on the customer card.
      if (order.shipping_address !== null && actor.customerId !== order.customer_id && seesContactOf(actor, order.customer_id)) {
        const detailOf = { clearFields: ['address'], orderNo: order.order_no };
        await recordAudit(db, { at: deps.clock.now(), actor, action: 'customer.viewed', subjectType: 'customer', subjectId: order.customer_id, detail: detailOf });
      }
      return {
        id: order.id,
        orderNo: order.order_no,
        status: order.status,
        placedAt: order.placed_at.toISOString(),
        totalFen: order.total_fen,
        shippingFen: order.shipping_fen,
        shippingInsurance: order.shipping_insurance,
        // Masked for roles that do not need the customer's contact details (privacy/pii.policy.ts).
        shippingAddress: addressFor(actor, order.customer_id, order.shipping_address),
        addressChanges: addressChanges.map((c) => ({
          ...c,
          from: addressFor(actor, order.customer_id, c.from),
          to: addressFor(actor, order.customer_id, c.to),
          toParts: addressPartsFor(actor, order.customer_id, c.toParts as Record<string, unknown> | null),
        })),
        items: detail.items.map((i) => ({
          id: i.id,
          productId: i.product_id,
          name: i.name,
          category: i.category,
          categoryName: categoryName(i.category, i.category_name_zh, i.category_name_en),
          flags: i.flags,
          warrantyMonths: i.warranty_months,
          sku: i.sku,
          quantity: i.quantity,
          unitPriceFen: i.unit_price_fen,
          paidFen: i.paid_fen,
        })),
        shipments: detail.shipments.map(presentShipment),
        payments: seesPayments(actor.role)
          ? detail.payments.map((p) => ({
              id: p.id,
              method: recordTextFor(actor, order.customer_id, p.method, [order.order_no]),
              amountFen: p.amount_fen,
              paidAt: p.paid_at.toISOString(),
              reference: p.provider_ref === null ? null : recordTextFor(actor, order.customer_id, p.provider_ref, [order.order_no]),
            }))
          : undefined,
      };
    },
  );
}
