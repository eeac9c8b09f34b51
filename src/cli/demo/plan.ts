// The demo's script: which customers exist, which orders they placed, and which cases they
// open — how many in each lifecycle state, about what, and when — all from one seeded PRNG.
import { type CaseState, CASE_STATES } from '../../modules/cases/case.state.ts';
import { EMPTY_TERMS, tasksForTerms } from '../../modules/resolution/resolution.rules.ts';
import { DEMO_CUSTOMER_ACCOUNTS } from './accounts.ts';
import { DEMO_MERCHANTS, DEMO_PRODUCTS, type DemoProduct } from './catalog.ts';
import { type Delivery, OrderFactory, type OrderSpec } from './orders.ts';
import { type DemoPerson, makePerson } from './people.ts';
import { Random } from './random.ts';
import type { Variant } from './variant.types.ts';
import { GOODS_VARIANTS } from './variants.goods.ts';
import { SERVICE_VARIANTS } from './variants.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ALL_VARIANTS: readonly Variant[] = [...GOODS_VARIANTS, ...SERVICE_VARIANTS];

/** Cases per final state at scale 1 (merged cases each also open the case they merge into). */
export const STATE_QUOTAS: Record<CaseState, number> = {
  submitted: 12,
  acknowledged: 10,
  investigating: 14,
  awaiting_customer: 10,
  plan_pending_approval: 6,
  plan_proposed: 12,
  compliance_review: 4,
  awaiting_return: 12,
  return_in_transit: 12,
  return_received: 8,
  inspection_failed: 5,
  executing: 12,
  resolved: 8,
  result_notified: 12,
  closed: 90,
  archived: 40,
  rejected: 16,
  withdrawn: 14,
  merged: 8,
};

/** How long ago (hours) a case in this final state was opened: recent for open states, older for finished ones. */
const AGE_HOURS: Record<CaseState, readonly [number, number]> = {
  submitted: [0.2, 20],
  acknowledged: [1, 30],
  investigating: [3, 40],
  awaiting_customer: [6, 60],
  plan_pending_approval: [6, 40],
  plan_proposed: [8, 48],
  compliance_review: [60, 144],
  awaiting_return: [24, 72],
  return_in_transit: [48, 120],
  return_received: [96, 168],
  inspection_failed: [120, 240],
  executing: [72, 192],
  resolved: [96, 240],
  result_notified: [120, 288],
  closed: [300, 1_080],
  archived: [900, 1_440],
  rejected: [24, 1_200],
  withdrawn: [24, 1_200],
  merged: [24, 96],
};

/** States whose first cases go to the demo customers who can sign in, so they have something to do. */
const DEMO_CUSTOMER_STATES: readonly CaseState[] = ['plan_proposed', 'awaiting_return', 'result_notified', 'awaiting_customer', 'executing', 'closed', 'return_in_transit', 'submitted'];

export interface CasePlan {
  seq: number;
  target: CaseState;
  variant: Variant;
  customerIndex: number;
  product: DemoProduct | null;
  order: OrderSpec | null;
  startAt: Date;
}

export interface DemoScript {
  customers: DemoPerson[];
  orders: OrderSpec[];
  cases: CasePlan[];
}

/** The shape of a variant's plan (amounts aside), for choosing variants by what their plan needs. */
const planOf = (v: Variant) => v.plan(10_000, new Random(1));

function returnsGoods(v: Variant): boolean {
  return planOf(v).terms.returnRequired === true;
}

function hasTasks(v: Variant): boolean {
  return tasksForTerms({ ...EMPTY_TERMS, ...planOf(v).terms }).length > 0;
}

/** The variants that can end in `target`. */
export function variantsFor(target: CaseState): Variant[] {
  const ordinary = ALL_VARIANTS.filter((v) => !v.compliance);
  const pool = ((): Variant[] => {
    switch (target) {
      case 'compliance_review':
        return ALL_VARIANTS.filter((v) => v.compliance);
      case 'plan_pending_approval':
        return ordinary.filter((v) => v.approval);
      case 'awaiting_return':
      case 'return_in_transit':
      case 'return_received':
        return ordinary.filter(returnsGoods);
      case 'inspection_failed':
        return ordinary.filter((v) => returnsGoods(v) && v.inspectionFailure);
      case 'executing':
        return ordinary.filter(hasTasks);
      case 'merged':
        return ordinary.filter((v) => v.products !== null && v.kind !== 'complaint' && !v.approval);
      default:
        return ordinary;
    }
  })();
  return pool;
}

function scaled(quota: number, scale: number): number {
  return Math.max(1, Math.round(quota * scale));
}

export function buildScript(rng: Random, options: { scale: number; prefix: string; orderNoPrefix: string; now: Date }): DemoScript {
  const { scale, now } = options;
  const customerCount = Math.max(DEMO_CUSTOMER_ACCOUNTS + 15, Math.round(240 * scale));
  const customers = Array.from({ length: customerCount }, () => makePerson(rng));
  const factory = new OrderFactory(rng, options.prefix, options.orderNoPrefix, now);
  const orders: OrderSpec[] = [];
  const cases: CasePlan[] = [];

  // Which final states, in which numbers. The closed ones start with one case of every variant
  // that can close, so every kind and every plan a variant proposes runs to its end at any scale:
  // a rule that refuses one of them shows in the smallest demo, not only in the full one.
  const closable = variantsFor('closed');
  const targets: { target: CaseState; variant?: Variant }[] = [];
  for (const state of CASE_STATES) {
    const count = state === 'closed' ? Math.max(closable.length, scaled(STATE_QUOTAS.closed, scale)) : scaled(STATE_QUOTAS[state], scale);
    for (let i = 0; i < count; i += 1) {
      const variant = state === 'closed' ? closable[i] : undefined;
      targets.push(variant ? { target: state, variant } : { target: state });
    }
  }

  const demoTurns = new Map<CaseState, number>();
  let demoCustomer = 0;
  for (const { target, variant: given } of targets) {
    const candidates = variantsFor(target);
    if (candidates.length === 0) throw new Error(`demo seed: no case variant can end in ${target}`);
    const variant = given ?? rng.pick(candidates);
    let customerIndex = rng.int(DEMO_CUSTOMER_ACCOUNTS + 1, customerCount);
    const turns = demoTurns.get(target) ?? 0;
    if (DEMO_CUSTOMER_STATES.includes(target) && turns < 2) {
      demoTurns.set(target, turns + 1);
      customerIndex = (demoCustomer % DEMO_CUSTOMER_ACCOUNTS) + 1;
      demoCustomer += 1;
    }
    const [minAge, maxAge] = AGE_HOURS[target];
    const startAt = new Date(now.getTime() - Math.round((minAge + rng.next() * (maxAge - minAge)) * HOUR));
    const person = customers[customerIndex - 1];
    if (!person) throw new Error(`demo seed: customer ${customerIndex} missing`);
    let product: DemoProduct | null = null;
    let order: OrderSpec | null = null;
    if (variant.products) {
      const fits = DEMO_PRODUCTS.filter(variant.products);
      if (fits.length === 0) throw new Error(`demo seed: no product fits variant ${variant.id}`);
      product = rng.pick(fits);
      order = factory.make({ customerIndex, address: person.address, products: [product], quantity: 1, ...orderTiming(rng, variant, startAt) });
      orders.push(order);
    }
    cases.push({ seq: 0, target, variant, customerIndex, product, order, startAt });
  }
  // Case numbers follow the day a case was opened.
  cases.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  cases.forEach((c, i) => (c.seq = i + 1));

  const background = Math.max(20, Math.round(760 * scale));
  for (let i = 0; i < background; i += 1) orders.push(backgroundOrder(rng, factory, customers, now));
  return { customers, orders, cases };
}

function orderTiming(rng: Random, variant: Variant, startAt: Date): { placedAt: Date; delivery: Delivery } {
  const t0 = startAt.getTime();
  const timing = variant.timing;
  if (!timing || timing.kind === 'signed') {
    const [a, b] = timing?.days ?? [3, 20];
    const signedAt = new Date(t0 - rng.int(a, b) * DAY - rng.int(2, 20) * HOUR);
    const placedAt = new Date(signedAt.getTime() - rng.int(2, 4) * DAY - rng.int(0, 12) * HOUR);
    return { placedAt, delivery: { mode: 'delivered', signedAt } };
  }
  if (timing.kind === 'stuck') {
    const shippedAt = new Date(t0 - rng.int(timing.days[0], timing.days[1]) * DAY - rng.int(1, 10) * HOUR);
    return { placedAt: new Date(shippedAt.getTime() - rng.int(4, 20) * HOUR), delivery: { mode: 'stuck', shippedAt } };
  }
  const days = rng.int(timing.days[0], timing.days[1]);
  const placedAt = new Date(t0 - days * DAY - rng.int(1, 12) * HOUR);
  if (days < 3) return { placedAt, delivery: { mode: 'in_transit' } };
  return { placedAt, delivery: { mode: 'delivered', signedAt: new Date(placedAt.getTime() + 2 * DAY + rng.int(1, 12) * HOUR) } };
}

function backgroundOrder(rng: Random, factory: OrderFactory, customers: DemoPerson[], now: Date): OrderSpec {
  const customerIndex = rng.int(1, customers.length);
  const person = customers[customerIndex - 1];
  if (!person) throw new Error('demo seed: customer missing');
  const merchant = rng.weighted(DEMO_MERCHANTS.map((m) => [m, m.platformOperated ? 4 : m.no === 4 || m.no === 2 ? 3 : 2] as const));
  const shelf = DEMO_PRODUCTS.filter((p) => p.merchantNo === merchant.no);
  const count = rng.chance(0.2) ? rng.int(2, 3) : 1;
  const products = rng.shuffle(shelf).slice(0, count);
  const ageHours = rng.int(1, 75 * 24);
  const placedAt = new Date(now.getTime() - ageHours * HOUR - rng.int(0, 59) * 60_000);
  let delivery: Delivery;
  if (ageHours < 20) delivery = rng.chance(0.5) ? { mode: 'awaiting_shipment' } : { mode: 'in_transit' };
  else if (ageHours < 72) delivery = rng.chance(0.6) ? { mode: 'in_transit' } : { mode: 'delivered' };
  else if (ageHours < 8 * 24 && rng.chance(0.08)) delivery = { mode: 'stuck', shippedAt: new Date(placedAt.getTime() + rng.int(4, 20) * HOUR) };
  else delivery = rng.chance(0.03) ? { mode: 'cancelled' } : { mode: 'delivered' };
  return factory.make({ customerIndex, address: person.address, products, placedAt, delivery });
}
