// Group-complaint detection and its effects (TR-6, TR-2, TR-3), run by the 'case-event' job after a
// case was submitted and committed. One transaction per check, serialised per merchant with an
// advisory lock (a partial unique index keeps one open incident per problem as well), so two cases
// submitted at once cannot open two incidents. It is idempotent: a case already in an incident is
// left alone, so a retried job changes nothing, and every notice carries a dedupe key.
//
// Applying an incident to a case: the case joins `incident_cases`, is raised to L1 through
// recordCaseEvents (`incident_joined` with the rule that fired, TR-7, plus `severity_escalated` when
// the severity changed, so the SLA clocks follow the new severity), and is linked ('related') to the
// incident's earliest case. Supervisor and compliance are told once when the incident opens, and
// once per case that joins it later (TR-3: L1 → supervisor + compliance at once).
import { type Kysely, sql } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { IncidentRow } from '../../db/schema.incidents.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, conflict, notFound } from '../../shared/errors.ts';
import { compactLocalDate } from '../../shared/time.ts';
import type { LocalizedText, Severity } from '../../shared/vocabulary.ts';
import { priorityOf } from '../triage/triage.priority.ts';
import { routeCase } from '../routing/routing.service.ts';
import { recordCaseEvents } from '../cases/case.events.ts';
import { type CaseEventInput, insertLink } from '../cases/case.repository.ts';
import { acceptsChanges, type CaseState, isOpenState, OPEN_STATES } from '../cases/case.state.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { notify } from '../notifications/notifications.repository.ts';
import { CATEGORY_LABELS, type Category, type Emotion } from '../triage/triage.vocabulary.ts';
import {
  addIncidentCases, findAnchorCase, findCandidateCases, findCaseFacts, findOpenIncidents, insertIncident,
  loadIncidentSettings, lockMerchantForIncidents, recountCustomers,
} from './incident.repository.ts';
import { decideIncident, GROUP_COMPLAINT_RULE_ID, type IncidentDecision, reportsProblem } from './incident.rules.ts';

export type IncidentDeps = Pick<AppDeps, 'database' | 'clock' | 'sla'>;
type Db = Kysely<DB>;

export interface IncidentCheck {
  outcome: 'none' | 'already' | 'opened' | 'joined';
  incidentNo: string | null;
}

const NOTIFIED_ROLES = ['supervisor', 'compliance'] as const;
const RULE_TEXT: LocalizedText = { 'zh-CN': '群体性投诉（≥5位客户反映同一问题）', 'en-US': 'Group complaint (≥5 customers, same problem)' };

export function categoryLabel(category: string): LocalizedText {
  return CATEGORY_LABELS[category as Category] ?? { 'zh-CN': category, 'en-US': category };
}

/** Detects a group complaint for one case and applies it; safe to run any number of times. */
export async function checkCaseForIncident(deps: IncidentDeps, caseId: string): Promise<IncidentCheck> {
  const db = deps.database.db;
  const first = await findCaseFacts(db, caseId);
  if (!first || !reportsProblem(first)) return { outcome: 'none', incidentNo: null };
  const now = deps.clock.now();
  return db.transaction().execute(async (trx) => {
    await lockMerchantForIncidents(trx, first.merchantId!);
    // Read again under the lock: what an earlier check committed is visible now.
    const subject = await findCaseFacts(trx, caseId);
    if (!subject) return { outcome: 'none', incidentNo: null };
    // A case already ended (withdrawn, closed, archived) by the time it is checked joins nothing.
    const current = await trx.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
    if (!current || !isOpenState(current.state as CaseState)) return { outcome: 'none', incidentNo: null };
    const member = await trx
      .selectFrom('incident_cases as ic')
      .innerJoin('incidents as i', 'i.id', 'ic.incident_id')
      .select('i.incident_no')
      .where('ic.case_id', '=', caseId)
      .executeTakeFirst();
    if (member) return { outcome: 'already', incidentNo: member.incident_no };
    const settings = await loadIncidentSettings(trx);
    const open = subject.merchantId && subject.category ? await findOpenIncidents(trx, subject.merchantId, subject.category) : [];
    const recent = await findCandidateCases(trx, subject, settings.windowHours);
    const decision = decideIncident(subject, recent, open, settings);
    if (decision.action === 'none') return { outcome: 'none', incidentNo: null };
    if (decision.action === 'join') {
      const incident = await trx.selectFrom('incidents').selectAll().where('id', '=', decision.incident.id).executeTakeFirstOrThrow();
      await joinCases(deps, trx, incident, [caseId], false, now);
      const customers = await recountCustomers(trx, incident.id);
      await notifyRoles(trx, incident, caseId, 'incident_case_joined', `case:${caseId}`, joinedText(incident, (await caseNo(trx, caseId)) ?? '', customers), now);
      return { outcome: 'joined', incidentNo: incident.incident_no };
    }
    const incident = await openIncident(trx, decision, now);
    await joinCases(deps, trx, incident, decision.caseIds, true, now);
    const customers = await recountCustomers(trx, incident.id);
    await notifyRoles(trx, incident, caseId, 'incident_opened', 'opened', openedText(incident, decision.caseIds.length, customers), now);
    return { outcome: 'opened', incidentNo: incident.incident_no };
  });
}

async function caseNo(db: Db, caseId: string): Promise<string | undefined> {
  return (await db.selectFrom('cases').select('case_no').where('id', '=', caseId).executeTakeFirst())?.case_no;
}

async function openIncident(trx: Db, d: Extract<IncidentDecision, { action: 'open' }>, now: Date): Promise<IncidentRow> {
  const [product, merchant] = await Promise.all([
    d.productId ? trx.selectFrom('products').select('name').where('id', '=', d.productId).executeTakeFirst() : undefined,
    trx.selectFrom('merchants').select('name').where('id', '=', d.merchantId).executeTakeFirst(),
  ]);
  const label = categoryLabel(d.category);
  const subjectZh = d.scope === 'product' ? `商品「${product?.name ?? ''}」` : `商家「${merchant?.name ?? ''}」`;
  const subjectEn = d.scope === 'product' ? `Product "${product?.name ?? ''}"` : `Merchant "${merchant?.name ?? ''}"`;
  const summary: LocalizedText = {
    'zh-CN': `${subjectZh}${label['zh-CN']}问题：${d.customers} 位客户在 ${d.windowHours} 小时内反映同一问题`,
    'en-US': `${subjectEn}, ${label['en-US'].toLowerCase()}: ${d.customers} customers reported the same problem within ${d.windowHours} h`,
  };
  return insertIncident(trx, {
    prefix: `GC${compactLocalDate(now)}`,
    scope: d.scope,
    productId: d.productId,
    merchantId: d.merchantId,
    category: d.category,
    threshold: d.threshold,
    windowHours: d.windowHours,
    summary,
    now,
  });
}

/** Puts cases into the incident: membership, L1, the timeline, and a link to the earliest case. */
async function joinCases(deps: IncidentDeps, trx: Db, incident: IncidentRow, caseIds: string[], founding: boolean, now: Date): Promise<void> {
  const anchorBefore = await findAnchorCase(trx, incident.id);
  // Cases are locked in one order (by id), like every command that touches several.
  const ids = [...new Set([...caseIds, ...(anchorBefore ? [anchorBefore] : [])])];
  const rows = await trx.selectFrom('cases').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const added = await addIncidentCases(trx, incident.id, caseIds, founding, now);
  const joining = rows.filter((r) => added.has(r.id)).sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
  const anchor = anchorBefore ?? joining[0]?.id;
  const anchorState = rows.find((r) => r.id === anchor)?.state as CaseState | undefined;
  for (const row of joining) {
    // An archived case (withdrawn in the window, say) still counts towards the group, but is a
    // record that no longer changes: it is not raised, re-routed or linked.
    if (!acceptsChanges(row.state as CaseState)) continue;
    await raiseToL1(deps, trx, row, incident, now);
    if (anchor && row.id !== anchor) {
      await insertLink(trx, row.id, anchor, 'related', SYSTEM_ACTOR, now);
      if (anchorState && acceptsChanges(anchorState)) await insertLink(trx, anchor, row.id, 'related', SYSTEM_ACTOR, now);
    }
  }
}

async function raiseToL1(deps: IncidentDeps, trx: Db, row: CaseRow, incident: IncidentRow, now: Date): Promise<void> {
  const from = row.severity as Severity;
  const to: Severity = 'L1';
  const why = { rule: GROUP_COMPLAINT_RULE_ID, text: RULE_TEXT };
  const events: CaseEventInput[] = [
    {
      type: 'incident_joined',
      fromState: row.state,
      toState: row.state,
      data: { incidentNo: incident.incident_no, incidentId: incident.id, scope: incident.scope, from, to, ...why },
    },
  ];
  let changes: Partial<CaseRow> = {};
  if (from !== to) {
    // TR-5: priority follows severity (an L1 case is always P1, whatever the tier or emotion).
    const customer = await trx.selectFrom('customers').select('tier').where('id', '=', row.customer_id).executeTakeFirst();
    const priority = priorityOf(to, row.emotion as Emotion, customer?.tier ?? null).priority;
    changes = { severity: to, priority };
    events.push({
      type: 'severity_escalated',
      fromState: row.state,
      toState: row.state,
      data: { from, to, priority: { from: row.priority, to: priority }, incidentNo: incident.incident_no, ...why },
    });
  }
  await recordCaseEvents(deps, trx, row, SYSTEM_ACTOR, events, now, changes);
  if (from === to) return;
  // TR-3: L1 goes to supervisors and compliance at once.
  const fresh = await trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  await routeCase(deps, trx, fresh, { reason: 'severity_changed', now });
}

async function notifyRoles(
  trx: Db,
  incident: IncidentRow,
  caseId: string,
  type: string,
  purpose: string,
  text: { title: LocalizedText; body: LocalizedText },
  now: Date,
): Promise<void> {
  for (const role of NOTIFIED_ROLES) {
    await notify(trx, { recipientRole: role, caseId, type, ...text, dedupeKey: `incident:${incident.id}:${purpose}:${role}`, now });
  }
}

function summaryOf(incident: IncidentRow): LocalizedText {
  const s = incident.summary as Partial<LocalizedText> | null;
  return { 'zh-CN': s?.['zh-CN'] ?? '', 'en-US': s?.['en-US'] ?? '' };
}

function openedText(incident: IncidentRow, cases: number, customers: number) {
  const summary = summaryOf(incident);
  return {
    title: { 'zh-CN': `群体性投诉 ${incident.incident_no}（一级）`, 'en-US': `Group complaint ${incident.incident_no} (L1)` },
    body: {
      'zh-CN': `${summary['zh-CN']}。已将 ${cases} 张售后单（${customers} 位客户）关联并升级为一级（L1），请在 2 小时内组织跨部门会议。`,
      'en-US': `${summary['en-US']}. ${cases} cases (${customers} customers) were linked and raised to L1; hold a cross-department meeting within 2 hours.`,
    },
  };
}

function joinedText(incident: IncidentRow, caseNo: string, customers: number) {
  return {
    title: { 'zh-CN': `群体性投诉 ${incident.incident_no} 新增售后单`, 'en-US': `New case in group complaint ${incident.incident_no}` },
    body: {
      'zh-CN': `售后单 ${caseNo} 反映同一问题，已并入群体性投诉 ${incident.incident_no} 并升级为一级（L1）；目前共 ${customers} 位客户。`,
      'en-US': `Case ${caseNo} reports the same problem; it joined group complaint ${incident.incident_no} and was raised to L1. ${customers} customers so far.`,
    },
  };
}

/** A supervisor closes the incident; later matching cases may then open a new one. */
/**
 * TR-6: a group complaint is resolved once every case in it has ended. Resolving it with cases
 * still open would take it off the open list while customers still wait, so that is refused, with
 * how many are open; the incident is locked so no case joins it meanwhile.
 */
export async function resolveIncident(db: Db, incidentNo: string, userId: string | null, note: string, now: Date): Promise<IncidentRow> {
  return db.transaction().execute(async (trx) => {
    const incident = await trx.selectFrom('incidents').select(['id', 'status']).where('incident_no', '=', incidentNo).forUpdate().executeTakeFirst();
    if (!incident) throw notFound(INCIDENT, 'incidentNo');
    if (incident.status !== 'open') {
      throw new AppError({ status: 409, type: 'incident-already-resolved', text: { 'zh-CN': '该群体性投诉已处理完毕', 'en-US': 'This incident is already resolved' } });
    }
    const { n: openCases } = await trx
      .selectFrom('incident_cases as ic')
      .innerJoin('cases as c', 'c.id', 'ic.case_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ic.incident_id', '=', incident.id)
      .where('c.state', 'in', [...OPEN_STATES])
      .executeTakeFirstOrThrow();
    if (openCases > 0) {
      throw conflict('incident-cases-open', {
        'zh-CN': `该群体性投诉仍有 ${openCases} 个售后单未结束，全部处理完毕后才能标记为已解决`,
        'en-US': `${openCases} case(s) of this incident are still open; it can be resolved once every one has ended`,
      }, { openCases });
    }
    return trx
      .updateTable('incidents')
      .set({ status: 'resolved', resolved_at: now, resolved_by: userId, resolution_note: note })
      .where('id', '=', incident.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export const INCIDENT: LocalizedText = { 'zh-CN': '群体性投诉', 'en-US': 'incident' };
