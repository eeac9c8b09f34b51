// A group complaint (TR-6) in the demo: one batch of power banks fails for six different
// customers. Each order comes in through the integration API, each customer files through the
// case API within the window, and after each filing the case's follow-up job runs with group
// complaint detection, the path a running server takes, so the fifth customer's case opens the
// incident (raising the cases to L1) and the sixth joins it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { compactLocalDate } from '../../shared/time.ts';
import type { ManualClock } from '../../shared/clock.ts';
import type { DemoApi } from './api.ts';
import { DEMO_PRODUCTS } from './catalog.ts';
import type { DemoPerson } from './people.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The batch: 华数 20000mAh 双向快充移动电源 (merchant 2). */
const PRODUCT_NAME = '华数 20000mAh 双向快充移动电源';

const FILINGS: readonly { hoursAgo: number; kind: string; desired: string; channel: string; description: string }[] = [
  { hoursAgo: 40, kind: 'return_refund', desired: 'refund', channel: 'app', description: '上周买的华数20000mAh移动电源，用了三天就充不进电了，指示灯一直闪，质量有问题' },
  { hoursAgo: 31, kind: 'return_refund', desired: 'refund', channel: 'web', description: '移动电源充电的时候外壳发烫，现在完全充不进电，怀疑是电芯质量问题，要求退货' },
  { hoursAgo: 22, kind: 'exchange', desired: 'exchange', channel: 'app', description: '充电宝收到后第二天就无法给手机充电，按键没反应，这批货是不是有问题' },
  { hoursAgo: 14, kind: 'return_refund', desired: 'refund', channel: 'mini_program', description: '新买的移动电源充满电后放一晚电量就掉光了，给手机只能充20%，质量太差' },
  { hoursAgo: 6, kind: 'exchange', desired: 'exchange', channel: 'app', description: '华数充电宝用了两次就坏了，插上充电线指示灯不亮，申请换货' },
  { hoursAgo: 2, kind: 'complaint', desired: 'refund', channel: 'web', description: '移动电源充电口松动，充不进电，看评价好多人都这样，希望尽快处理' },
];

export interface GroupComplaintDeps {
  api: DemoApi;
  db: Kysely<DB>;
  clock: ManualClock;
  now: Date;
  adminToken: string;
  prefix: string;
  orderNoPrefix: string;
  customers: readonly DemoPerson[];
  externalCustomerId(index: number): string;
  externalProductId(no: number): string;
  externalMerchantId(no: number): string;
  /** The customer's API token and id (created when the customer has none yet). */
  customer(index: number): Promise<{ token: string; id: string }>;
  /** The new case's follow-up job with group-complaint detection, as the server's worker runs it. */
  afterCreate(caseId: string): Promise<void>;
}

/** Plays the group complaint; returns the case numbers filed. */
export async function playGroupComplaint(d: GroupComplaintDeps): Promise<string[]> {
  const product = DEMO_PRODUCTS.find((p) => p.name === PRODUCT_NAME);
  if (!product) throw new Error(`demo seed: product ${PRODUCT_NAME} is missing`);
  // Customers from the end of the list: the demo's sign-in customers keep their own stories.
  const indices = Array.from({ length: FILINGS.length }, (_, i) => d.customers.length - i);
  const caseNos: string[] = [];
  for (const [i, filing] of FILINGS.entries()) {
    const index = indices[i]!;
    const person = d.customers[index - 1];
    if (!person) throw new Error(`demo seed: customer ${index} missing`);
    const filedAt = d.now.getTime() - filing.hoursAgo * HOUR;
    const signedAt = new Date(d.now.getTime() - (60 + i * 3) * HOUR);
    const placedAt = new Date(signedAt.getTime() - 2 * 24 * HOUR);
    const externalId = `${d.prefix}gc-o${i + 1}`;
    const orderNo = `${d.orderNoPrefix}${compactLocalDate(placedAt)}GC${String(i + 1).padStart(3, '0')}`;
    const paidFen = product.priceFen;
    d.clock.set(new Date(placedAt.getTime() + 2 * MINUTE));
    await d.api.upsert(d.adminToken, `orders/${externalId}`, {
      orderNo,
      customerExternalId: d.externalCustomerId(index),
      merchantExternalId: d.externalMerchantId(product.merchantNo),
      status: 'delivered',
      placedAt: placedAt.toISOString(),
      totalFen: paidFen,
      shippingFen: 0,
      shippingAddress: person.address,
      items: [{ externalId: '1', productExternalId: d.externalProductId(product.no), sku: product.skus[0], quantity: 1, unitPriceFen: paidFen, paidFen }],
      payments: [{ externalId: `${externalId}-pay`, method: 'alipay', amountFen: paidFen, paidAt: placedAt.toISOString(), providerRef: `PAY${orderNo}` }],
    });
    await d.api.upsert(d.adminToken, `shipments/${d.prefix}gc-s${i + 1}`, {
      orderExternalId: externalId,
      direction: 'outbound',
      carrier: '顺丰速运',
      trackingNo: `SF90${String(1_000_000_000 + i * 7919).padStart(11, '0')}`,
      status: 'delivered',
      shippedAt: new Date(placedAt.getTime() + 6 * HOUR).toISOString(),
      deliveredAt: signedAt.toISOString(),
    });
    const item = await d.db
      .selectFrom('order_items as oi')
      .innerJoin('orders as o', 'o.id', 'oi.order_id')
      .select('oi.id')
      .where('o.external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    const customer = await d.customer(index);
    d.clock.set(new Date(filedAt));
    const ref = await d.api.createCase(customer.token, {
      kind: filing.kind,
      reason: 'quality',
      channel: filing.channel,
      orderNo,
      items: [{ orderItemId: item.id, quantity: 1 }],
      description: filing.description,
      desiredResolution: filing.desired,
    });
    await d.afterCreate(ref.id);
    caseNos.push(ref.caseNo);
  }
  return caseNos;
}
