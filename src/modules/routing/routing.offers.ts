// Which routing actions a caller may take on a case now (TR-7, ORG-3), for the case's `actions`
// list: the console offers exactly these, so the rules here are the routing handlers' own checks
// that can be answered from the case and its queue. What needs a fresh look at the database
// (the assignee's cap, whether a person has an agent profile) is still checked when the action
// runs. Pure.
import { COMPLIANCE_QUEUE } from '../cases/case.access.ts';
import { type CaseState, isOpenState } from '../cases/case.state.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';

export const ROUTING_STAFF: ReadonlySet<string> = new Set<string>(STAFF_ROLES);
/** Assign anyone, move a case to another queue, release anyone's case. */
export const ROUTING_MANAGERS: ReadonlySet<string> = new Set(['supervisor', 'admin']);
/** Run the routing rules again on a case. */
export const ROUTERS: ReadonlySet<string> = new Set(['agent', 'specialist', 'supervisor', 'compliance', 'admin']);
/** Ask the platform to step in on a case the merchant handles (平台介入). */
/** Who may bring the platform in on a case its merchant holds: the customer, staff, and the merchant itself (a platform error, an abusive request). */
export const APPELLANTS: ReadonlySet<string> = new Set(['customer', 'merchant', 'agent', 'specialist', 'supervisor', 'admin']);

export const ROUTING_ACTIONS = ['assign', 'unassign', 'route', 'appeal'] as const;
export type RoutingAction = (typeof ROUTING_ACTIONS)[number];

export const ROUTING_ACTION_LABELS = {
  assign: { 'zh-CN': '指派或转队列', 'en-US': 'assign or move to a queue' },
  take: { 'zh-CN': '认领', 'en-US': 'take the case' },
  unassign: { 'zh-CN': '释放', 'en-US': 'release the case' },
  route: { 'zh-CN': '重新分派', 'en-US': 'route again' },
  appeal: { 'zh-CN': '申请平台介入', 'en-US': 'ask the platform to intervene' },
} satisfies Record<string, LocalizedText>;

export interface RoutingOffer {
  action: RoutingAction;
  label: LocalizedText;
}

export interface RoutingCase {
  state: string;
  queue: string;
  assignee_id: string | null;
}

export interface RoutingCaller {
  role: string;
  userId: string | null;
}

/**
 * SLA-9: a case in compliance review waits in compliance's queue, where compliance decides its
 * plans; neither running the rules again nor a raised severity takes it out (a supervisor may
 * still move it on purpose, with assign).
 */
export function heldByCompliance(row: Pick<RoutingCase, 'state' | 'queue'>): boolean {
  return row.state === 'compliance_review' && row.queue === COMPLIANCE_QUEUE;
}

/**
 * TR-7: supervisors and admins route any case again; other staff only a case that is theirs, or
 * one waiting unassigned in a queue their role works, so nobody undoes a supervisor's assignment.
 */
export function mayRoute(row: Pick<RoutingCase, 'assignee_id'>, actor: RoutingCaller, queueRole: string | null): boolean {
  if (!ROUTERS.has(actor.role)) return false;
  if (ROUTING_MANAGERS.has(actor.role)) return true;
  if (actor.userId === null) return false;
  return row.assignee_id === actor.userId || (row.assignee_id === null && queueRole !== null && queueRole === actor.role);
}

/**
 * `queueRole` is the role that works the case's queue; null when the caller did not load the
 * queues (then the actions that depend on it, taking and appealing, are not offered).
 * `customerMayAppeal`: the merchant has had its turn (routing.appeal.ts), for a customer caller.
 */
export function routingOffers(row: RoutingCase, actor: RoutingCaller, queueRole: string | null, customerMayAppeal = false): RoutingOffer[] {
  // Every routing action is about an open case (the handlers refuse assign, route and appeal on a
  // closed one; releasing a closed case's holder changes nothing anyone works on).
  if (!isOpenState(row.state as CaseState)) return [];
  const offers: RoutingOffer[] = [];
  const staff = ROUTING_STAFF.has(actor.role) && actor.userId !== null;
  const manager = staff && ROUTING_MANAGERS.has(actor.role);
  if (manager) {
    offers.push({ action: 'assign', label: ROUTING_ACTION_LABELS.assign });
  } else if (staff && row.assignee_id === null && queueRole !== null && queueRole === actor.role) {
    // Others may only take an unassigned case from a queue their role works.
    offers.push({ action: 'assign', label: ROUTING_ACTION_LABELS.take });
  }
  if (staff && row.assignee_id !== null && (manager || row.assignee_id === actor.userId)) {
    offers.push({ action: 'unassign', label: ROUTING_ACTION_LABELS.unassign });
  }
  if (mayRoute(row, actor, queueRole) && !heldByCompliance(row)) offers.push({ action: 'route', label: ROUTING_ACTION_LABELS.route });
  // After the merchant's result, disputing it is the customer's or staff's (the state machine's
  // `appeal`): the merchant has nothing to hand over once it has told its result.
  const merchantMayAsk = actor.role !== 'merchant' || row.state !== 'result_notified';
  if (APPELLANTS.has(actor.role) && queueRole === 'merchant' && merchantMayAsk && (actor.role !== 'customer' || customerMayAppeal)) {
    offers.push({ action: 'appeal', label: ROUTING_ACTION_LABELS.appeal });
  }
  return offers;
}
