// TR-2, RISK-5: whatever a customer writes is read the same way, wherever they write it (a
// message, a duplicate request, a reopen, an evidence note, a rejected plan, an appeal): media or
// a regulator now involved puts the case under one voice, and a safety word, a threat or anger
// raises it. Nothing here lowers anything.
import type { Kysely } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { Severity } from '../../shared/vocabulary.ts';
import { SYSTEM_ACTOR } from '../identity/index.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import { routeCase } from '../routing/routing.service.ts';
import type { Emotion, Priority } from '../triage/triage.vocabulary.ts';
import { findCaseById, type CaseEventInput } from './case.repository.ts';
import { triageMessage } from './case.triage.ts';
import { externalVoiceNotices, mediaFlagFromMessage } from './case.voice.ts';

type CaseChanges = Partial<Omit<CaseRow, 'id' | 'version'>>;

/** Free-text fields of a customer's command that are read like a message. */
export const CUSTOMER_TEXT_FIELDS = ['reason', 'note', 'comment', 'description'] as const;

export function customerTextOf(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const record = input as Record<string, unknown>;
  return CUSTOMER_TEXT_FIELDS.map((f) => record[f]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n');
}

/**
 * The changes and events a customer's text causes on the case (none for empty text). `source`
 * names where it was written (a message id, an action), for the events. Notices to PR and
 * compliance are sent here, in the caller's transaction.
 */
export async function readCustomerText(
  trx: Kysely<DB>,
  row: CaseRow,
  text: string,
  channel: string,
  now: Date,
  source: Record<string, unknown>,
): Promise<{ changes: CaseChanges; events: CaseEventInput[] }> {
  const changes: CaseChanges = {};
  const events: CaseEventInput[] = [];
  if (text.trim() === '') return { changes, events };
  const mediaFlag = !row.media_flag ? mediaFlagFromMessage(text, now) : null;
  if (mediaFlag) {
    changes.media_flag = JSON.stringify(mediaFlag) as never;
    events.push({ type: 'media_flagged', fromState: row.state, toState: row.state, data: { ...source, ...mediaFlag }, actor: SYSTEM_ACTOR });
    await notifyMany(trx, externalVoiceNotices(row, now));
  }
  const customer = await trx.selectFrom('customers').select('tier').where('id', '=', row.customer_id).executeTakeFirst();
  const raised = triageMessage(
    { severity: row.severity as Severity, emotion: row.emotion as Emotion, priority: row.priority as Priority },
    { body: text, channel, tier: customer?.tier ?? null },
  );
  if (raised) {
    const before = (row.triage ?? {}) as { reasons?: unknown[] };
    const triage = { ...before, severity: raised.severity, emotion: raised.emotion, priority: raised.priority, reasons: [...(before.reasons ?? []), ...raised.reasons] };
    Object.assign(changes, { severity: raised.severity, emotion: raised.emotion, priority: raised.priority, triage: JSON.stringify(triage) });
    events.push({
      type: 'triage_raised',
      fromState: row.state,
      toState: row.state,
      data: { ...source, from: { severity: row.severity, emotion: row.emotion, priority: row.priority }, to: { severity: raised.severity, emotion: raised.emotion, priority: raised.priority }, reasons: raised.reasons },
      actor: SYSTEM_ACTOR,
    });
  }
  return { changes, events };
}

/** A case whose severity the text raised is routed again (L1 to supervisors, L2 to specialists; one in compliance review stays with compliance); returns the latest version. */
export async function rerouteIfRaised(deps: Pick<AppDeps, 'sla' | 'clock'>, trx: Kysely<DB>, row: CaseRow, changes: CaseChanges, version: number): Promise<number> {
  if (!changes.severity || changes.severity === row.severity) return version;
  const fresh = await findCaseById(trx, row.id);
  if (!fresh) return version;
  return (await routeCase(deps, trx, fresh, { reason: 'severity_changed' })).version ?? version;
}
