// Intake (IN-2, IN-8, VER-1, POL-10): checks the order and the policy before a case exists,
// then writes the case, its items, its first event and its job in one transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors.ts';
import { type IdempotentResult, requestHash, runIdempotent } from '../../shared/idempotency.ts';
import type { Actor } from '../identity/index.ts';
import type { OrderItemFacts } from '../orders/index.ts';
import type { EligibilityDecision } from '../policy/policy.engine.ts';
import { checkEligibility, type ItemEligibility, presentDecision } from './case.eligibility.ts';
import { dedupeKeyOf, findCaseById, findOpenCaseByDedupeKey, insertMessage } from './case.repository.ts';
import { readCustomerText, rerouteIfRaised } from './case.customer-text.ts';
import { assertSelfServiceChannel } from './case.access.ts';
import { recordCaseEvents } from './case.events.ts';
import { type CaseTriage, triageNewCase } from './case.triage.ts';
import { overclaimedItem } from './case.claims.ts';
import type { CreateCaseInput } from './case.schemas.ts';
import { presentCaseSummary, type CaseSummary } from './case.presenter.ts';
import { cachedQueues } from '../routing/routing.repository.ts';


export interface CreateCaseResult extends CaseSummary {
  eligibility: unknown;
  duplicateOf: string | null;
}

export async function createCase(
  deps: AppDeps,
  actor: Actor,
  input: CreateCaseInput,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<CreateCaseResult>> {
  const now = deps.clock.now();
  // Reads and the policy decision happen before the transaction, so it holds locks (and, on
  // PGlite, the engine) only for the writes; the dedupe index and the key keep the writes safe.
  let prepared: PreparedCase | undefined;
  let refusal: unknown;
  try {
    prepared = await prepareCase(deps, actor, input, now);
  } catch (error) {
    // Without a key the refusal is final; with one, a stored first answer must win over it.
    if (!idempotencyKey) throw error;
    refusal = error;
  }
  if (prepared) {
    return deps.intake.submit({
      actor,
      input,
      prepared,
      now,
      claim: idempotencyKey
        ? { principal: actor.userId ?? 'system', key: idempotencyKey, operation: CREATE_OPERATION, hash: requestHash(CREATE_OPERATION, input) }
        : null,
    });
  }
  return deps.database.db.transaction().execute((trx) =>
    runIdempotent(trx, { principal: actor.userId ?? 'system', key: idempotencyKey, operation: CREATE_OPERATION, input, now }, async () => {
      throw refusal;
    }),
  );
}

export const CREATE_OPERATION = 'case.create';

export interface PreparedCase {
  facts: OrderItemFacts[];
  parties: ReturnType<typeof resolveParties>;
  policyVersionId: string | null;
  eligibility: ReturnType<typeof summarizeEligibility>;
  dedupeKey: string | null;
  triage: CaseTriage;
  /** What routing reads about the parties (the customer's tier and language, the seller). */
  routingParties: RoutingParties;
}

export interface RoutingParties {
  customerTier: string | null;
  customerLocale: string | null;
  merchantPlatformOperated: boolean | null;
}

async function prepareCase(deps: AppDeps, actor: Actor, input: CreateCaseInput, now: Date): Promise<PreparedCase> {
  assertSelfServiceChannel(actor, input.channel);
  const db = deps.database.db;
  const { facts, policy, decisions } = await checkEligibility(
    db,
    {
      kind: input.kind,
      reason: input.reason,
      orderItemIds: input.items.map((i) => i.orderItemId),
      condition: input.condition,
      failedRepairs: input.failedRepairs,
      filedByStaff: actor.role !== 'customer',
      merchantId: input.merchantId ?? null,
    },
    now,
    deps.intake.loadFacts,
  );
  const byOrderNo = facts.length === 0 && input.orderNo ? await orderByNo(db, actor, input.orderNo) : null;
  const parties = byOrderNo ?? resolveParties(actor, input, facts);
  const first = facts[0];
  const routingParties: RoutingParties = first
    ? { customerTier: first.customerTier, customerLocale: first.customerLocale, merchantPlatformOperated: first.sellerIsPlatform }
    : await loadParties(db, parties);
  assertEligible(decisions);
  const dedupeKey = dedupeKeyOf(parties.customerId, input.kind, facts.length > 0 ? input.items : [], parties.orderId);
  const overclaim = overclaimedItem({ kind: input.kind, dedupeKey, items: input.items }, facts);
  if (overclaim) {
    throw new AppError({
      status: 409,
      type: 'item-in-open-case',
      field: `items.${overclaim.index}.orderItemId`,
      text: {
        'zh-CN': `该商品已在售后单 ${overclaim.caseNo} 中处理，请在该售后单中继续，或等它结束后再申请`,
        'en-US': `This item is already being handled in case ${overclaim.caseNo}: continue there, or apply again once it has ended`,
      },
      extra: { caseNo: overclaim.caseNo },
    });
  }
  return {
    facts,
    parties,
    policyVersionId: policy.version?.id ?? null,
    routingParties,
    eligibility: summarizeEligibility(decisions),
    // TR-5: the tier counts for requests about a whole order or no order too. TR-2: a customer who
    // came back about the same order twice already is a repeated contact.
    triage: triageNewCase({ ...input, tier: routingParties.customerTier, previousContacts: await earlierContacts(db, parties, first, now) }),
    dedupeKey,
  };
}

/** The customer's cases about the same order in the last 30 days, whatever became of them. */
async function earlierContacts(db: Kysely<DB>, parties: { customerId: string; orderId: string | null }, facts: OrderItemFacts | undefined, now: Date): Promise<number> {
  const since = now.getTime() - REPEAT_WINDOW_MS;
  // A request about items has them with its facts; one about a whole order asks.
  if (facts) return facts.recentCaseTimes.filter((t) => t.getTime() > since).length;
  if (!parties.orderId) return 0;
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('order_id', '=', parties.orderId)
    .where('customer_id', '=', parties.customerId)
    .where('created_at', '>', new Date(since))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
const REPEAT_WINDOW_MS = 30 * 86_400_000;

function resolveParties(actor: Actor, input: CreateCaseInput, facts: OrderItemFacts[]) {
  if (facts.length !== input.items.length) {
    const known = new Set(facts.map((f) => f.orderItemId));
    const index = input.items.findIndex((i) => !known.has(i.orderItemId));
    throw notFound({ 'zh-CN': '订单商品', 'en-US': 'order item' }, `items.${index}.orderItemId`);
  }
  const ordered = new Map(facts.map((f) => [f.orderItemId, f.quantity]));
  const over = input.items.findIndex((i) => i.quantity > (ordered.get(i.orderItemId) ?? 0));
  if (over >= 0) {
    const max = ordered.get(input.items[over]!.orderItemId) ?? 0;
    throw invalid(`items.${over}.quantity`, { 'zh-CN': `数量超过订单购买数量（${max} 件）`, 'en-US': `More than the ${max} ordered` });
  }
  const orderIds = new Set(facts.map((f) => f.orderId));
  if (orderIds.size > 1) {
    throw invalid('items', { 'zh-CN': '一张售后单只能包含同一订单的商品', 'en-US': 'All items of a case must come from one order' });
  }
  const first = facts[0];
  if (first && input.orderNo && first.orderNo !== input.orderNo) {
    throw invalid('orderNo', { 'zh-CN': '订单号与所选商品不一致', 'en-US': 'The order number does not match the items' });
  }
  let customerId = first?.customerId ?? input.customerId ?? null;
  if (actor.role === 'customer') {
    // A customer's own orders only; someone else's order looks like no order at all.
    if (first && first.customerId !== actor.customerId) throw notFound({ 'zh-CN': '订单商品', 'en-US': 'order item' }, 'items.0.orderItemId');
    customerId = actor.customerId;
  } else if (actor.role === 'merchant') {
    throw forbidden({ 'zh-CN': '商家不能代客户提交售后申请', 'en-US': 'Merchants cannot file cases for customers' });
  }
  if (!customerId) throw invalid('customerId', { 'zh-CN': '请指定客户', 'en-US': 'customerId is required without an order' });
  return { customerId, merchantId: first?.merchantId ?? input.merchantId ?? null, orderId: first?.orderId ?? null };
}

/**
 * A request about an order as a whole (a complaint, a question) names it by its number: the case
 * belongs to that order's buyer and seller. A customer may name only their own orders; an order
 * that is not theirs, or does not exist, is refused on the field rather than dropped.
 */
async function orderByNo(db: Kysely<DB>, actor: Actor, orderNo: string) {
  const order = await db.selectFrom('orders').select(['id', 'customer_id', 'merchant_id']).where('order_no', '=', orderNo).executeTakeFirst();
  if (!order || (actor.role === 'customer' && order.customer_id !== actor.customerId)) throw notFound({ 'zh-CN': '订单', 'en-US': 'order' }, 'orderNo');
  if (actor.role === 'merchant') throw forbidden({ 'zh-CN': '商家不能代客户提交售后申请', 'en-US': 'Merchants cannot file cases for customers' });
  return { customerId: order.customer_id, merchantId: order.merchant_id, orderId: order.id };
}

/** Without an order the customer and merchant ids come from the caller: they must name real ones. */
async function loadParties(db: Kysely<DB>, parties: { customerId: string; merchantId: string | null }): Promise<RoutingParties> {
  const [customer, merchant] = await Promise.all([
    db.selectFrom('customers').select(['tier', 'locale']).where('id', '=', parties.customerId).executeTakeFirst(),
    parties.merchantId ? db.selectFrom('merchants').select('platform_operated').where('id', '=', parties.merchantId).executeTakeFirst() : null,
  ]);
  if (!customer) throw notFound({ 'zh-CN': '客户', 'en-US': 'customer' }, 'customerId');
  if (parties.merchantId && !merchant) throw notFound({ 'zh-CN': '商家', 'en-US': 'merchant' }, 'merchantId');
  return { customerTier: customer.tier, customerLocale: customer.locale, merchantPlatformOperated: merchant?.platform_operated ?? null };
}

function assertEligible(decisions: { orderItemId: string; decision: EligibilityDecision }[]): void {
  const refused = decisions.map((d, index) => ({ ...d, index })).filter((d) => !d.decision.eligible);
  if (refused.length === 0) return;
  const first = refused[0]!;
  // Every reason, so the message also says what is still open (an exchange, a repair).
  const reasons = first.decision.reasons.map((r) => r.text);
  const zh = reasons.map((t) => t['zh-CN']).join('；') || '不符合售后政策';
  const en = reasons.map((t) => t['en-US']).join('; ') || 'Not covered by the after-sales policy';
  throw new AppError({
    status: 422,
    type: 'not-eligible',
    field: `items.${first.index}.orderItemId`,
    text: { 'zh-CN': `无法受理：${zh}`, 'en-US': `Not eligible: ${en}` },
    extra: {
      decisions: refused.map((r) => ({
        orderItemId: r.orderItemId,
        path: r.decision.path,
        reasons: r.decision.reasons,
        deadline: r.decision.deadline?.toISOString() ?? null,
        advisedKind: r.decision.advisedKind,
      })),
    },
  });
}

function summarizeEligibility(decisions: ItemEligibility[]) {
  return { items: decisions.map(({ orderItemId, decision }) => presentDecision(orderItemId, decision)) };
}

/** IN-8: a second open request for the same items and kind joins the open case. */
export async function linkDuplicate(
  deps: AppDeps,
  trx: Kysely<DB>,
  actor: Actor,
  input: CreateCaseInput,
  dedupeKey: string | null,
  now: Date,
): Promise<{ status: number; body: CreateCaseResult }> {
  const existing = dedupeKey ? await findOpenCaseByDedupeKey(trx, dedupeKey) : undefined;
  if (!existing) throw new Error('dedupe conflict without an open case');
  const messageId = await insertMessage(trx, { caseId: existing.id, actor, visibility: 'public', channel: input.channel, body: input.description, now });
  // The repeat's text is read as a message is: "it caught fire, I went to 12315" raises the open case.
  const read = actor.role === 'customer' ? await readCustomerText(trx, existing, input.description, input.channel, now, { messageId }) : { changes: {}, events: [] };
  const changes = { ...read.changes, ...(actor.role === 'customer' ? { unanswered_customer_messages: existing.unanswered_customer_messages + 1 } : {}) };
  let version = await recordCaseEvents(
    deps,
    trx,
    existing,
    actor,
    [{ type: 'duplicate_request_linked', fromState: existing.state, toState: existing.state, data: { channel: input.channel } }, ...read.events],
    now,
    changes,
  );
  version = await rerouteIfRaised(deps, trx, existing, changes, version);
  await deps.jobs.send(trx, 'case-event', { caseId: existing.id, seq: version, type: 'duplicate_request_linked' });
  const fresh = await findCaseById(trx, existing.id);
  const queues = await cachedQueues(trx);
  return { status: 200, body: { ...presentCaseSummary(fresh ?? existing, actor, now, queues), eligibility: existing.eligibility, duplicateOf: existing.case_no } };
}

