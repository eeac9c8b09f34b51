// Plays one demo case through the real API, step by step, with the clock moved to when each
// step happens: the customer files it, staff acknowledge and investigate, a plan is proposed
// (and approved), accepted, the goods go back, are inspected, tasks are done with their proof,
// the result is notified and confirmed, and old cases are archived. It stops at the case's
// final state; every refusal stops the seed.
import { SELF_SERVICE_CHANNELS } from '../../shared/vocabulary.ts';
import type { CaseState } from '../../modules/cases/case.state.ts';
import { EMPTY_TERMS, type OfferTerms, tasksForTerms } from '../../modules/resolution/resolution.rules.ts';
import type { ManualClock } from '../../shared/clock.ts';
import type { CaseRef, DemoApi } from './api.ts';
import { CARRIERS, type DemoProduct, merchantOf } from './catalog.ts';
import type { CasePlan } from './plan.ts';
import { makePng } from './png.ts';
import type { Random } from './random.ts';
import { type DesiredResolution, type PlanSpec, type RequestText, yuan } from './variant.types.ts';
import {
  ACKNOWLEDGEMENTS,
  ARCHIVE_NOTES,
  CLOSE_NOTES,
  CONFIRM_COMMENTS,
  CUSTOMER_FOLLOW_UPS,
  INTERNAL_NOTES,
  notifyText,
  STAFF_REPLIES,
  WITHDRAW_REASONS,
} from './texts.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DriverDeps {
  api: DemoApi;
  clock: ManualClock;
  rng: Random;
  /** Nothing may happen after this instant. */
  now: Date;
  staff: { agent: string; specialist: string; supervisor: string; finance: string; admin: string };
  merchantToken(merchantNo: number): string;
  customer(index: number): { token: string; id: string };
  orderItemId(orderExternalId: string, itemExternalId: string): string;
  openTasks(caseId: string): Promise<{ id: string; type: string }[]>;
  /** The follow-up job of a new case (the receipt notice), run at the case's own time. */
  afterCreate(caseId: string): Promise<void>;
  /** The shop lowers a product's price (what a price-protection request is about). */
  lowerPrice(product: DemoProduct, priceFen: number): Promise<void>;
}

const TASK_ORDER = ['refund', 'shipping_reimbursement', 'ship_replacement', 'repair', 'ship_back_repaired', 'compensation'];
/** Money tasks, done by finance; the others by whoever ships and repairs (merchant or specialist). */
const FINANCE_TASKS = new Set(['refund', 'shipping_reimbursement', 'compensation']);
const SHIPPING_TASKS = new Set(['ship_replacement', 'ship_back_repaired']);

function terms(spec: Partial<OfferTerms>): OfferTerms {
  return { ...EMPTY_TERMS, ...spec };
}

export class CaseRun {
  readonly refs: CaseRef[] = [];
  #ref: CaseRef | null = null;
  readonly #customer: { token: string; id: string };
  readonly #merchantNo: number | null;
  #handler: string;
  readonly #warehouse: string;
  #photoSeed = 0;
  #request: RequestText | null = null;

  constructor(
    private readonly d: DriverDeps,
    private readonly plan: CasePlan,
  ) {
    this.#customer = d.customer(plan.customerIndex);
    const merchant = plan.product ? merchantOf(plan.product) : null;
    this.#merchantNo = merchant && !merchant.platformOperated ? merchant.no : null;
    const merchantToken = this.#merchantNo ? d.merchantToken(this.#merchantNo) : null;
    this.#handler = merchantToken && d.rng.chance(0.5) ? merchantToken : d.staff.agent;
    this.#warehouse = merchantToken ?? d.staff.specialist;
  }

  get #text(): RequestText {
    if (!this.#request) throw new Error('demo seed: the case has not been created');
    return this.#request;
  }

  get #caseNo(): string {
    if (!this.#ref) throw new Error('demo seed: the case has not been created');
    return this.#ref.caseNo;
  }

  /** Moves the clock forward by a random span, never past the seed's "now". */
  #wait(minMinutes: number, maxMinutes: number): void {
    const now = this.d.clock.now().getTime();
    const cap = this.d.now.getTime() - MINUTE;
    let next = now + Math.round((minMinutes + this.d.rng.next() * (maxMinutes - minMinutes)) * MINUTE);
    if (next > cap) next = Math.max(now + 1_000, now + Math.floor((cap - now) / 3));
    this.d.clock.set(new Date(next));
  }

  async #act(token: string, action: string, body: object, expect: CaseState): Promise<void> {
    this.#ref = await this.d.api.action(token, this.#caseNo, action, body, expect);
  }

  async run(): Promise<CaseRef[]> {
    const { target } = this.plan;
    this.d.clock.set(this.plan.startAt);
    if (target === 'merged') {
      await this.#runTo('investigating');
      await this.#mergeDuplicate();
    } else {
      await this.#runTo(target);
    }
    if (this.#ref) this.refs.push(this.#ref);
    return this.refs;
  }

  async #runTo(target: CaseState): Promise<void> {
    const rng = this.d.rng;
    const variant = this.plan.variant;
    await this.#create();
    if (target === 'submitted') return;
    if (target === 'withdrawn' && rng.chance(0.3)) return this.#withdraw();
    this.#wait(5, 50);
    await this.#act(this.#handler, 'acknowledge', { message: rng.pick(ACKNOWLEDGEMENTS) }, 'acknowledged');
    if (target === 'acknowledged') return;
    if (target === 'rejected' && rng.chance(0.25)) return this.#reject();
    if (target === 'withdrawn' && rng.chance(0.4)) return this.#withdraw();
    this.#wait(10, 120);
    await this.#act(this.#handler, 'start_investigation', { note: '开始核实订单、物流与凭证' }, 'investigating');
    if (rng.chance(0.3)) {
      this.#wait(5, 60);
      await this.d.api.message(this.d.staff.agent, this.#caseNo, rng.pick(INTERNAL_NOTES), 'internal');
    }
    if (target === 'awaiting_customer' || rng.chance(0.3)) {
      this.#wait(10, 90);
      const text = this.#text;
      await this.#act(this.#handler, 'request_evidence', { question: text.evidenceQuestion }, 'awaiting_customer');
      if (target === 'awaiting_customer') return;
      if (target === 'rejected' && rng.chance(0.3)) return this.#reject();
      this.#wait(60, 20 * 60);
      if (rng.chance(0.6)) {
        await this.d.api.upload(this.#customer.token, this.#caseNo, this.#photo('evidence'), { purpose: 'evidence' });
      }
      await this.#act(this.#customer.token, 'provide_evidence', { note: text.evidenceReply }, 'investigating');
    }
    if (target === 'investigating') return;
    if (target === 'rejected') return this.#reject();
    if (target === 'withdrawn') return this.#withdraw();
    if (target === 'compliance_review') return this.#complianceRounds();
    if (rng.chance(0.3)) {
      this.#wait(30, 300);
      await this.d.api.message(this.#customer.token, this.#caseNo, rng.pick(CUSTOMER_FOLLOW_UPS));
      this.#wait(5, 60);
      await this.d.api.message(this.#handler, this.#caseNo, rng.pick(STAFF_REPLIES));
    }
    const paid = this.#paidFen();
    const spec = variant.plan(paid, rng);
    this.#wait(60, 6 * 60);
    await this.#propose(spec, target === 'plan_proposed' ? 120 : 72, variant.approval ? 'plan_pending_approval' : 'plan_proposed');
    if (target === 'plan_pending_approval') return;
    if (variant.approval) {
      this.#wait(30, 180);
      await this.#act(this.d.staff.supervisor, 'approve_plan', { note: '同意，补偿金额与客户损失相当，注意安抚。' }, 'plan_proposed');
    }
    if (target === 'plan_proposed') return;
    this.#wait(30, 16 * 60);
    let accepted = terms(spec.terms);
    if (variant.counter && rng.chance(0.4)) {
      const counter = variant.counter(paid);
      await this.#act(this.#customer.token, 'counter_offer', counter, 'investigating');
      accepted = terms(counter.terms);
      this.#wait(30, 240);
      await this.#act(this.#handler, 'accept_counter_offer', {}, this.#afterAcceptance(accepted));
    } else {
      await this.#act(this.#customer.token, 'accept_plan', {}, this.#afterAcceptance(accepted));
    }
    if (accepted.returnRequired) {
      if (target === 'awaiting_return') return;
      this.#wait(4 * 60, 40 * 60);
      const carrier = rng.pick(CARRIERS);
      await this.#act(this.#customer.token, 'ship_return', { carrier: carrier.name, trackingNo: carrier.tracking((n) => rng.digits(n)), shippingFeeFen: rng.pick([0, 1_000, 1_200, 1_500]) }, 'return_in_transit');
      if (target === 'return_in_transit') return;
      this.#wait(24 * 60, 60 * 60);
      await this.#act(this.#warehouse, 'receive_return', { note: '退货已签收入库，外包装完好' }, 'return_received');
      if (target === 'return_received') return;
      this.#wait(60, 5 * 60);
      if (target === 'inspection_failed') return this.#failInspection(variant.inspectionFailure ?? '商品有明显使用痕迹，影响二次销售。');
      const open = tasksForTerms(accepted).length;
      await this.#act(this.#warehouse, 'inspect', { passed: true, reason: '质检通过：商品及配件齐全，符合退换条件' }, open > 0 ? 'executing' : 'resolved');
    }
    if (this.#ref?.state === 'executing') {
      await this.#completeTasks(target === 'executing', spec);
      if (target === 'executing') return;
    }
    if (target === 'resolved') return;
    this.#wait(30, 180);
    await this.#act(this.#handler, 'notify_result', { message: notifyText({ ...spec, terms: accepted }, rng), channel: this.plan.order ? 'app' : 'web' }, 'result_notified');
    if (target === 'result_notified') return;
    this.#wait(2 * 60, 40 * 60);
    if (rng.chance(0.8)) {
      const [rating, comment] = rng.pick(CONFIRM_COMMENTS);
      await this.#act(this.#customer.token, 'confirm_resolution', { rating, comment }, 'closed');
    } else {
      this.#wait(24 * 60, 72 * 60);
      await this.#act(this.d.staff.agent, 'close', { note: rng.pick(CLOSE_NOTES) }, 'closed');
    }
    if (target === 'closed') return;
    this.#wait(16 * 24 * 60, 22 * 24 * 60);
    await this.#act(this.d.staff.agent, 'archive', { note: rng.pick(ARCHIVE_NOTES) }, 'archived');
  }

  async #create(): Promise<void> {
    const rng = this.d.rng;
    const { variant, order, product } = this.plan;
    const item = order?.items[0];
    // Price protection is asked after the price fell below what was paid (8 % or more, never back up).
    if (variant.kind === 'price_protection' && product && item) {
      const unitPaid = item.paidFen / item.quantity;
      await this.d.lowerPrice(product, Math.floor((unitPaid * 0.92) / 100) * 100);
    }
    const text = variant.request(rng, product, item?.sku ?? null);
    this.#request = text;
    const channel = rng.pick(variant.channels);
    const body = {
      kind: variant.kind,
      reason: variant.reason,
      channel,
      ...(order && item ? { orderNo: order.orderNo, items: [{ orderItemId: this.d.orderItemId(order.externalId, item.externalId), quantity: item.quantity }] } : {}),
      ...(text.title ? { title: text.title } : {}),
      description: text.description,
      desiredResolution: text.desiredResolution,
      ...(text.condition ? { condition: text.condition } : {}),
    };
    // Phone, email, chat and social-media requests are logged by an agent on the customer's behalf.
    const byAgent = !(SELF_SERVICE_CHANNELS as readonly string[]).includes(channel);
    const ref = await this.d.api.createCase(byAgent ? this.d.staff.agent : this.#customer.token, byAgent && !order ? { ...body, customerId: this.#customer.id } : body);
    this.#ref = ref;
    // A merchant decides only the cases it holds (ORG-3): one routed to the platform is the agent's.
    if (this.#handler !== this.d.staff.agent) {
      const routed = (await this.d.api.request(this.d.staff.agent, 'GET', `/api/v1/cases/${ref.caseNo}`)) as { queue?: string };
      if (routed.queue !== 'merchant') this.#handler = this.d.staff.agent;
    }
    await this.d.afterCreate(ref.id);
  }

  #paidFen(): number {
    return this.plan.order?.items[0]?.paidFen ?? 0;
  }

  #photo(purpose: string) {
    this.#photoSeed += 1;
    return { fileName: `${purpose}-${this.plan.seq}-${this.#photoSeed}.png`, contentType: 'image/png', bytes: makePng(this.plan.seq * 7 + this.#photoSeed) };
  }

  #afterAcceptance(t: OfferTerms): CaseState {
    if (t.returnRequired) return 'awaiting_return';
    return tasksForTerms(t).length + this.#steps(t, false).length > 0 ? 'executing' : 'resolved';
  }

  async #propose(spec: PlanSpec, expiresInHours: number, expect: CaseState, token = this.#handler): Promise<void> {
    // The platform's own fault is found by the platform's staff, never by a merchant.
    if (spec.responsibility === 'platform_error' && token === this.#handler) token = this.d.staff.agent;
    const byMerchant = this.#merchantNo !== null && token === this.d.merchantToken(this.#merchantNo);
    await this.#act(token, 'propose_plan', { ...spec, fraudFound: spec.fraudFound ?? false, expiresInHours, steps: this.#steps(terms(spec.terms), byMerchant) }, expect);
  }

  /**
   * RES-4: the terms already make their own tasks (refund, replacement, repair, compensation, each
   * with owner, deadline and verification); a plan adds steps only for what the terms do not cover.
   * Plans that give nothing but an answer get a follow-up call when they promise more (a coupon).
   * The call is made by whoever proposes: a merchant's plan names only the merchant's steps.
   */
  #steps(t: OfferTerms, byMerchant: boolean) {
    return t.apology && tasksForTerms(t).length > 0
      ? [{ task: '致歉回访，确认客户满意', ownerRole: byMerchant ? ('merchant' as const) : ('agent' as const), dueInHours: 48, verification: '回访记录（电话或在线）' }]
      : [];
  }

  async #completeTasks(leaveOneOpen: boolean, spec: PlanSpec): Promise<void> {
    const rng = this.d.rng;
    const tasks = (await this.d.openTasks(this.#ref?.id ?? '')).sort((a, b) => TASK_ORDER.indexOf(a.type) - TASK_ORDER.indexOf(b.type));
    const count = leaveOneOpen ? rng.int(0, tasks.length - 1) : tasks.length;
    for (const [index, task] of tasks.slice(0, count).entries()) {
      const remaining = tasks.length - index - 1;
      const finance = FINANCE_TASKS.has(task.type);
      this.#wait(finance ? 60 : 4 * 60, finance ? 20 * 60 : (task.type === 'repair' ? 72 : 30) * 60);
      const carrier = rng.pick(CARRIERS);
      const proof =
        task.type === 'refund' || task.type === 'shipping_reimbursement'
          ? { note: task.type === 'refund' ? '已原路退回' : '退货运费已退还客户' }
          : task.type === 'compensation'
            ? { reference: `CPN${rng.digits(10)}`, note: (spec.terms.cashFen ?? 0) + (spec.terms.fraudCompensationFen ?? 0) > 0 ? '赔偿款已转账' : '优惠券已发放至客户账户' }
            : task.type === 'repair'
              ? { reference: `WX${rng.digits(8)}`, note: rng.pick(['维修报告：更换主板，功能测试通过', '维修报告：更换电机与传感器，72 小时老化测试通过', '维修报告：更换按键排线，测试正常']) }
              : SHIPPING_TASKS.has(task.type)
                ? { carrier: carrier.name, trackingNo: carrier.tracking((n) => rng.digits(n)), note: task.type === 'ship_back_repaired' ? '维修完成已寄回' : '新品/配件已发出' }
                : { note: task.type === 'plan_step' ? '已电话回访，客户表示满意' : '已完成' };
      // Each task by its owner: finance pays, the follow-up call is the agent's, goods move at the warehouse.
      const by = finance ? this.d.staff.finance : task.type === 'plan_step' ? this.d.staff.agent : this.#warehouse;
      await this.#act(by, 'complete_task', { taskId: task.id, proof }, remaining > 0 ? 'executing' : 'resolved');
    }
  }

  async #reject(): Promise<void> {
    this.#wait(30, 8 * 60);
    await this.#act(this.#handler, 'reject_ineligible', { reason: this.plan.variant.rejectReason }, 'rejected');
  }

  async #withdraw(): Promise<void> {
    this.#wait(20, 20 * 60);
    await this.#act(this.#customer.token, 'withdraw', { reason: this.d.rng.pick(WITHDRAW_REASONS) }, 'withdrawn');
  }

  async #failInspection(reason: string): Promise<void> {
    const id = await this.d.api.upload(this.#warehouse, this.#caseNo, this.#photo('inspection'), { purpose: 'inspection' });
    await this.#act(this.#warehouse, 'inspect', { passed: false, reason, photoAttachmentIds: [id] }, 'inspection_failed');
  }

  /** SLA-9: the original plan and two revisions are rejected; the case goes to compliance. */
  async #complianceRounds(): Promise<void> {
    const rounds = this.plan.variant.compliance;
    if (!rounds) throw new Error(`demo seed: variant ${this.plan.variant.id} has no compliance rounds`);
    const paid = this.#paidFen();
    for (const [index, makePlan] of rounds.plans.entries()) {
      this.#wait(60, 4 * 60);
      await this.#propose(makePlan(paid), 72, 'plan_proposed', index === 0 ? this.#handler : this.d.staff.specialist);
      this.#wait(30, 10 * 60);
      const last = index === rounds.plans.length - 1;
      await this.#act(this.#customer.token, 'reject_plan', { reason: rounds.rejections[index] ?? '不接受该方案。' }, last ? 'compliance_review' : 'investigating');
    }
  }

  /** The customer rings up about the same order; the agent merges the duplicate into the open case. */
  async #mergeDuplicate(): Promise<void> {
    const primary = this.#ref;
    const { order } = this.plan;
    const item = order?.items[0];
    if (!primary || !order || !item) throw new Error('demo seed: a merge needs an open case with an order');
    this.refs.push(primary);
    this.#wait(60, 12 * 60);
    const desired: DesiredResolution = 'other';
    const duplicate = await this.d.api.createCase(this.d.staff.agent, {
      kind: 'complaint',
      reason: this.plan.variant.reason,
      channel: 'phone',
      orderNo: order.orderNo,
      items: [{ orderItemId: this.d.orderItemId(order.externalId, item.externalId), quantity: item.quantity }],
      title: '来电催促售后进度',
      description: `客户来电：${primary.caseNo} 这个售后一直没处理完，要求尽快给结果，否则要投诉。`,
      desiredResolution: desired,
    });
    await this.d.afterCreate(duplicate.id);
    this.#wait(5, 40);
    const merged = await this.d.api.action(this.d.staff.agent, duplicate.caseNo, 'merge_into', { targetCaseNo: primary.caseNo, reason: `与 ${primary.caseNo} 为同一诉求，合并处理` }, 'merged');
    this.refs.push(merged);
    this.#ref = null;
  }
}
