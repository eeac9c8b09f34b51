// CL-6 purge: when a case's retention period is over and no legal hold stands, its personal data
// and evidence files are removed in one transaction that re-checks the rule on the locked row.
//
// Removed: what the customer and staff wrote (title, description, messages, reasons and data on the
// timeline, offer texts, collaboration questions and answers, notices), the evidence (rows and
// files), the link to the customer and the order (case items, return shipments with tracking numbers,
// refund references, task proofs), and stored API answers about the case.
// Kept, as anonymised statistics: the case row's kind, request reason, channel, category, severity,
// emotion, priority, merchant, queue, assignee, responsibility, plan counts and dates; the shape of
// the timeline (event types, states, staff roles, times, satisfaction ratings); SLA clocks; offers'
// plan types and amounts; tasks; ledger lines and refund amounts; incident membership; and the
// products concerned (in purge_summary). They carry the monthly analysis (AN-1, AN-3, AN-4), SLA and
// per-agent figures (SLA-13, WF-1) and the money each party bore, and no longer lead to a person:
// the case points at one shared "anonymised customer" instead of the real one.
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import type { CaseState } from '../cases/case.state.ts';
import type { Actor } from '../identity/index.ts';
import { type RetentionDecision, retentionDecision } from './retention.rules.ts';

/** The one customer row every purged case points at (created by the first purge). */
export const ANONYMISED_CUSTOMER_ID = '00000000-0000-4000-8000-00000000a000';

/** Timeline data worth keeping as statistics: a satisfaction rating (AN-4) and a channel (SLA-13). */
const KEPT_EVENT_DATA = ['rating', 'channel'] as const;

export interface PurgeSummary {
  caseNo: string;
  purgedAt: string;
  retentionStartedAt: string;
  keepUntil: string;
  by: 'retention-job' | 'admin';
  removed: { messages: number; attachments: number; caseItems: number; shipments: number; notifications: number };
  /** Products the case was about, kept for hotspot statistics (AN-3). */
  productIds: string[];
}

export type PurgeOutcome = { purged: true; summary: PurgeSummary; storageKeys: string[] } | { purged: false; decision: Extract<RetentionDecision, { action: 'keep' }>; row: CaseRow };

export function decisionFor(row: CaseRow, now: Date, retentionYears: number): RetentionDecision {
  return retentionDecision(
    {
      state: row.state as CaseState,
      archivedAt: row.archived_at,
      closedAt: row.closed_at,
      legalHold: row.legal_hold_at !== null,
      purgedAt: row.purged_at,
    },
    now,
    { retentionYears },
  );
}

/**
 * Purges one case if the rule allows it now, in its own transaction (the row is locked first, so
 * a legal hold placed meanwhile wins). Evidence files go after the commit: a rolled-back purge
 * deletes nothing, and the `evidence-purge` job enqueued with it finishes the job after a crash.
 */
export async function purgeCaseIfDue(
  deps: Pick<AppDeps, 'database' | 'clock' | 'config' | 'sla' | 'jobs' | 'evidence'>,
  caseId: string,
  actor: Actor,
  context: { by: PurgeSummary['by']; ip?: string | null; requestId?: string | null },
): Promise<PurgeOutcome | null> {
  const now = deps.clock.now();
  const outcome = await deps.database.db.transaction().execute(async (trx): Promise<PurgeOutcome | null> => {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
    if (!row) return null;
    const decision = decisionFor(row, now, deps.config.retentionYears);
    if (decision.action !== 'purge') return { purged: false, decision, row };
    const { summary, storageKeys } = await erasePersonalData(deps, trx, row, actor, now, decision, context.by);
    await recordAudit(trx, {
      at: now,
      actor,
      action: 'retention.purged',
      subjectType: 'case',
      subjectId: row.case_no,
      ip: context.ip ?? null,
      requestId: context.requestId ?? null,
      detail: { ...summary },
    });
    if (storageKeys.length > 0) await deps.jobs.send(trx, 'evidence-purge', { storageKeys });
    return { purged: true, summary, storageKeys };
  });
  if (outcome?.purged) await removeFiles(deps, outcome.storageKeys);
  return outcome;
}

export async function removeFiles(deps: Pick<AppDeps, 'evidence'>, storageKeys: readonly string[]): Promise<void> {
  for (const key of storageKeys) await deps.evidence.remove(key);
}

async function erasePersonalData(
  deps: Pick<AppDeps, 'sla'>,
  trx: Kysely<DB>,
  row: CaseRow,
  actor: Actor,
  now: Date,
  decision: Extract<RetentionDecision, { action: 'purge' }>,
  by: PurgeSummary['by'],
): Promise<{ summary: PurgeSummary; storageKeys: string[] }> {
  const caseId = row.id;
  // The timeline may be rewritten (never shortened) by this transaction only: see 0016_retention.sql.
  await sql`select set_config('afterdesk.purging', 'on', true)`.execute(trx);
  const [files, products] = await Promise.all([
    trx.selectFrom('attachments').select('storage_key').where('case_id', '=', caseId).execute(),
    trx
      .selectFrom('case_items as ci')
      .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
      .select('oi.product_id')
      .distinct()
      .where('ci.case_id', '=', caseId)
      .execute(),
  ]);
  const count = (result: { numDeletedRows: bigint }[]) => Number(result[0]?.numDeletedRows ?? 0n);
  const attachments = count(await trx.deleteFrom('attachments').where('case_id', '=', caseId).execute());
  // E-mails carry the customer's address and the message text; who had the page open goes too.
  await trx.deleteFrom('email_outbox').where('case_id', '=', caseId).execute();
  await trx.deleteFrom('case_presence').where('case_id', '=', caseId).execute();
  const messages = count(await trx.deleteFrom('messages').where('case_id', '=', caseId).execute());
  const caseItems = count(await trx.deleteFrom('case_items').where('case_id', '=', caseId).execute());
  const shipmentIds = trx.selectFrom('shipments').select('id').where('case_id', '=', caseId);
  await trx.deleteFrom('shipment_events').where('shipment_id', 'in', shipmentIds).execute();
  const shipments = count(await trx.deleteFrom('shipments').where('case_id', '=', caseId).execute());
  const notifications = count(await trx.deleteFrom('notifications').where('case_id', '=', caseId).execute());
  await trx
    .deleteFrom('idempotency_keys')
    .where((eb) =>
      eb.or([
        eb('operation', 'like', `%:${row.case_no}`),
        eb.and([eb('operation', '=', 'case.create'), eb(sql`response->>'caseNo'`, '=', row.case_no)]),
      ]),
    )
    .execute();
  await trx
    .updateTable('collaboration_requests')
    .set({ question: '', answer: sql`case when answer is null then null else '' end` })
    .where('case_id', '=', caseId)
    .execute();
  await trx.updateTable('offers').set({ basis: null, goodwill_reason: null, answer_reason: null }).where('case_id', '=', caseId).execute();
  await trx.updateTable('execution_tasks').set({ proof: null }).where('case_id', '=', caseId).execute();
  await trx.updateTable('refunds').set({ provider_ref: null, failure_reason: null }).where('case_id', '=', caseId).execute();
  const keptData = sql.join(KEPT_EVENT_DATA.map((key) => sql.lit(key)));
  await trx
    .updateTable('case_events')
    .set({
      reason: null,
      data: sql`coalesce((select jsonb_object_agg(k, v) from jsonb_each(data) as e(k, v) where k in (${keptData})), '{}'::jsonb)`,
      actor_id: sql`case when actor_role = 'customer' then null else actor_id end`,
    })
    .where('case_id', '=', caseId)
    .execute();
  await trx
    .insertInto('customers')
    .values({ id: ANONYMISED_CUSTOMER_ID, external_id: 'afterdesk:anonymised', name: '（已匿名）' })
    .onConflict((oc) => oc.doNothing())
    .execute();

  const summary: PurgeSummary = {
    caseNo: row.case_no,
    purgedAt: now.toISOString(),
    retentionStartedAt: decision.retentionStartedAt.toISOString(),
    keepUntil: decision.keepUntil.toISOString(),
    by,
    removed: { messages, attachments, caseItems, shipments, notifications },
    productIds: products.map((p) => p.product_id),
  };
  await recordCaseEvents(deps, trx, row, actor, [{ type: 'case_purged', fromState: row.state, toState: row.state, data: { ...summary } }], now, {
    title: '',
    description: '',
    description_contact: '',
    description_masked: '',
    desired_resolution: null,
    eligibility: null,
    triage: JSON.stringify(anonymisedTriage(row.triage)) as never,
    customer_id: ANONYMISED_CUSTOMER_ID,
    order_id: null,
    pending_counter_offer_id: null,
    purged_at: now,
    purge_summary: JSON.stringify(summary) as never,
  });
  return { summary, storageKeys: files.map((f) => f.storage_key) };
}

/** Triage without the customer's words: the decisions and which rules made them, nothing quoted. */
function anonymisedTriage(triage: unknown): Record<string, unknown> | null {
  if (!triage || typeof triage !== 'object') return null;
  const t = triage as Record<string, unknown>;
  const reasons = Array.isArray(t.reasons) ? t.reasons : [];
  const keep = ['category', 'categoryConfidence', 'suggestedKind', 'severity', 'emotion', 'priority', 'priorityScore', 'source'];
  return {
    ...Object.fromEntries(keep.filter((k) => k in t).map((k) => [k, t[k]])),
    reasons: reasons.map((r) => ({ rule: (r as { rule?: unknown }).rule ?? null, field: (r as { field?: unknown }).field ?? null })),
  };
}
