// Moves a case's clocks inside the command's own transaction: the pure plan decides, this writes
// the rows and hands back the timeline events. Targets and calendars are read once every few
// seconds (admin edits call forget()), like policy versions.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { CaseKind } from '../../shared/vocabulary.ts';
import { BusinessCalendar, DEFAULT_CALENDAR_SPEC } from './calendar.ts';
import { HANDED_TO_MERCHANT, type SlaEvent, TAKEN_FROM_MERCHANT } from './sla.lifecycle.ts';
import { nextFireAt } from './sla.clock.ts';
import { type PlanOutput, planDeadlineChanges, type PlannedDeadline, type SlaEventOut } from './sla.plan.ts';
import {
  deadlinesInsert, loadCalendars, loadCollaborationFacts, loadOfferFacts, loadOpenDeadlines, loadTargets, loadTaskFacts, newDeadlineValues, notifySchedulers,
  moveOpenDeadlines, writeDeadlines,
} from './sla.repository.ts';
import { type CaseKey, type SlaTarget, usesTier } from './sla.targets.ts';
import { createConfigCache } from '../../shared/config-cache.ts';
import { cachedQueues } from '../routing/routing.repository.ts';

type Db = Kysely<DB>;

export interface SlaRules {
  targets: SlaTarget[];
  calendarFor(calendarId: string | null): BusinessCalendar;
  defaultCalendarId: string | null;
}

export interface CaseChange {
  row: CaseRow;
  /** The case row's values after the command. */
  after: Pick<CaseRow, 'state' | 'severity' | 'category' | 'channel' | 'merchant_id' | 'queue'>;
  events: SlaEvent[];
  now: Date;
  /** Measure every open clock again (after a calendar change). */
  rebudget?: boolean;
}

export interface NewCaseClocks {
  caseId: string;
  /** The queue intake put the case in: its first clocks are that queue's. */
  queue: string;
  now: Date;
  deadlines: PlannedDeadline[];
  events: SlaEventOut[];
}

export interface SlaService {
  rules(db: Db): Promise<SlaRules>;
  /** Moves the case's clocks for a command and returns the timeline events to append after it. */
  onCaseChange(trx: Db, change: CaseChange): Promise<SlaEventOut[]>;
  /**
   * Plans the first clocks of new cases (intake writes them with the cases). `tier`, when the
   * caller knows the customer's tier already; otherwise it is read when a target needs it.
   */
  planNewCases(
    db: Db,
    cases: { caseId: string; queue: string; key: CaseKey; customerId: string; now: Date; tier?: string | null; withMerchant: boolean; filedByRole: string }[],
  ): Promise<NewCaseClocks[]>;
  /**
   * The deadline rows of new cases, to write with the cases' other rows (executeTogether), and
   * whether one falls due so soon that the schedulers should be woken (notifySchedulers).
   */
  newCaseWrites(planned: NewCaseClocks[]): { deadlines: ReturnType<typeof deadlinesInsert>; wake: boolean };
  forget(): void;
}

/** A clock due this soon is worth waking the schedulers for; later ones they find on their own. */
const WAKE_WITHIN_MS = 2_000;

/** Events after which a plan's answer clock may start, end or move. */
const OFFER_EVENTS = new Set([
  'plan_proposed', 'plan_approved', 'plan_accepted', 'plan_rejected', 'counter_offered', 'counter_offer_accepted', 'plan_expired',
  'request_approved', 'case_withdrawn', 'case_merged', 'case_closed', 'rejected_ineligible', 'escalated_to_compliance',
]);

const TASK_STATES = new Set(['awaiting_return', 'return_in_transit', 'return_received', 'executing', 'resolved', 'inspection_failed']);

function needsWake(deadlines: PlannedDeadline[], now: Date): boolean {
  return deadlines.some((d) => {
    const at = nextFireAt(d.clock);
    return at !== null && at.getTime() - now.getTime() < WAKE_WITHIN_MS;
  });
}

/** SLA-6: L1 and L2 cases are the complex complaints. */
const COMPLEX_SEVERITIES: ReadonlySet<string> = new Set(['L1', 'L2']);

export function createSlaService(): SlaService {
  const cache = createConfigCache<SlaRules>();

  function rules(db: Db): Promise<SlaRules> {
    return cache.get(db, 'sla', async () => {
      const [targets, calendars] = await Promise.all([loadTargets(db), loadCalendars(db)]);
      const byId = new Map(calendars.map((c) => [c.id, new BusinessCalendar(c.spec)]));
      const fallback = calendars.find((c) => c.isDefault);
      const defaultCalendar = (fallback && byId.get(fallback.id)) ?? new BusinessCalendar(DEFAULT_CALENDAR_SPEC);
      return {
        targets,
        defaultCalendarId: fallback?.id ?? null,
        calendarFor: (id: string | null | undefined) => (id ? byId.get(id) : undefined) ?? defaultCalendar,
      };
    });
  }

  async function tierOf(db: Db, targets: SlaTarget[], customerId: string): Promise<string | null> {
    if (!usesTier(targets)) return null;
    const row = await db.selectFrom('customers').select('tier').where('id', '=', customerId).executeTakeFirst();
    return row?.tier ?? null;
  }


  return {
    rules,
    forget() {
      cache.forget();
    },
    async onCaseChange(trx, change) {
      const { row, after, now } = change;
      const loaded = await rules(trx);
      // A case changing hands between a merchant and the platform (ORG-3), whatever moved it (an
      // appeal, a re-route, an assignment, compliance review): the clocks hear of it as an event.
      const queues = await cachedQueues(trx);
      const withMerchant = queues.get(after.queue)?.role === 'merchant';
      const wasWithMerchant = queues.get(row.queue)?.role === 'merchant';
      const handover: SlaEvent[] = withMerchant === wasWithMerchant
        ? []
        : [{ type: withMerchant ? HANDED_TO_MERCHANT : TAKEN_FROM_MERCHANT, actorRole: 'system', toState: after.state }];
      if (after.queue !== row.queue) await moveOpenDeadlines(trx, row.id, after.queue);
      const open = await loadOpenDeadlines(trx, row.id);
      const touchesTasks =
        open.some((d) => d.metric === 'task_deadline') ||
        change.events.some((e) => TASK_STATES.has(e.toState) || e.type === 'task_completed');
      // Requests are read only when a command is about them or one of their clocks is running.
      const touchesCollaborations =
        open.some((d) => d.metric === 'collaboration_reply') || change.events.some((e) => e.type.startsWith('collaboration_'));
      // Plans are read when one is offered, answered or replaced, or while an answer clock runs.
      const touchesOffers = open.some((d) => d.metric === 'plan_answer') || change.events.some((e) => OFFER_EVENTS.has(e.type));
      const plan: PlanOutput = planDeadlineChanges({
        key: {
          channel: after.channel,
          kind: row.kind as CaseKind,
          category: after.category,
          severity: after.severity,
          tier: await tierOf(trx, loaded.targets, row.customer_id),
          merchantId: after.merchant_id,
        },
        context: { kind: row.kind as CaseKind, merchantId: after.merchant_id, withMerchant, complex: COMPLEX_SEVERITIES.has(after.severity), channel: after.channel },
        state: after.state,
        events: [...handover, ...change.events],
        rebudget: change.rebudget ?? false,
        open,
        tasks: touchesTasks ? await loadTaskFacts(trx, row.id) : null,
        subjects: {
          collaboration_reply: touchesCollaborations ? await loadCollaborationFacts(trx, row.id) : null,
          plan_answer: touchesOffers ? await loadOfferFacts(trx, row.id) : null,
        },
        targets: loaded.targets,
        calendarFor: loaded.calendarFor,
        now,
      });
      if (plan.deadlines.length === 0) return [];
      await writeDeadlines(trx, row.id, after.queue, plan.deadlines, now);
      if (needsWake(plan.deadlines, now)) await notifySchedulers(trx);
      return plan.events;
    },
    async planNewCases(db, cases) {
      const loaded = await rules(db);
      const needsTier = usesTier(loaded.targets);
      const tiers = new Map<string, string>();
      const unknown = cases.filter((c) => c.tier === undefined).map((c) => c.customerId);
      if (needsTier && unknown.length > 0) {
        const rows = await db.selectFrom('customers').select(['id', 'tier']).where('id', 'in', unknown).execute();
        for (const r of rows) tiers.set(r.id, r.tier);
      }
      return cases.map((c) => {
        const key = { ...c.key, tier: needsTier ? (c.tier !== undefined ? c.tier : (tiers.get(c.customerId) ?? null)) : null };
        const plan = planDeadlineChanges({
          key,
          context: { kind: key.kind, merchantId: key.merchantId, withMerchant: c.withMerchant, complex: COMPLEX_SEVERITIES.has(key.severity ?? ''), channel: key.channel },
          state: 'submitted',
          events: [{ type: 'case_submitted', actorRole: c.filedByRole, toState: 'submitted' }],
          open: [],
          tasks: null,
          targets: loaded.targets,
          calendarFor: loaded.calendarFor,
          now: c.now,
        });
        return { caseId: c.caseId, queue: c.queue, now: c.now, deadlines: plan.deadlines, events: plan.events };
      });
    },
    newCaseWrites(planned) {
      return {
        deadlines: deadlinesInsert(planned.flatMap((p) => p.deadlines.map((d) => newDeadlineValues(p.caseId, p.queue, d, p.now)))),
        wake: planned.some((p) => needsWake(p.deadlines, p.now)),
      };
    },
  };
}
