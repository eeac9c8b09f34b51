// RISK-5 by hand: staff flag a case when media or a regulator gets involved outside the case's own
// text (a journalist calls, a regulator's letter arrives); only compliance lifts the flag. Both
// need a reason and are on the timeline; neither changes the case's state.
import { z } from 'zod';
import type { MediaFlag } from '../../db/schema.ts';
import { conflict, forbidden } from '../../shared/errors.ts';
import { STAFF_ROLES } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionHandler } from './case.actions.runner.ts';
import { externalVoiceNotices } from './case.voice.ts';
import { notifyMany } from '../notifications/notifications.repository.ts';
import type { Severity } from '../../shared/vocabulary.ts';
import type { Emotion, Priority } from '../triage/triage.vocabulary.ts';
import { triageForStaffFlag } from './case.triage.ts';

const reason = z.string().trim().min(1).max(2000);

export const voiceActionSchemas = {
  flag_media: z.object({ reason }),
  unflag_media: z.object({ reason }),
};
type Input<K extends keyof typeof voiceActionSchemas> = z.infer<(typeof voiceActionSchemas)[K]>;

/** Staff who handle cases may flag one (finance does not handle cases). */
export function mayFlagMedia(actor: Pick<Actor, 'role'>): boolean {
  return (STAFF_ROLES as readonly string[]).includes(actor.role) && actor.role !== 'finance';
}

export function mayUnflagMedia(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'compliance';
}

export const voiceActionHandlers: { [K in keyof typeof voiceActionSchemas]: ActionHandler<Input<K>> } = {
  flag_media: async (ctx, input) => {
    if (!mayFlagMedia(ctx.actor)) throw forbidden();
    if (ctx.row.media_flag) {
      throw conflict('media-flag-unchanged', { 'zh-CN': '该售后单已标记为媒体/监管介入', 'en-US': 'The case is already flagged for media or regulator involvement' });
    }
    const flag: MediaFlag = { flaggedAt: ctx.now.toISOString(), source: 'staff', signals: [], reason: input.reason };
    const { row } = ctx;
    return {
      command: null,
      apply: async () => {
        await notifyMany(ctx.trx, externalVoiceNotices(row, ctx.now));
        // Involvement learnt by phone or letter grades the case as the words would have (TR-2): L1,
        // routed to supervisors, PR and legal asked, by the same routing as a raise from the text.
        const customer = await ctx.trx.selectFrom('customers').select('tier').where('id', '=', row.customer_id).executeTakeFirst();
        const current = { severity: row.severity as Severity, emotion: row.emotion as Emotion, priority: row.priority as Priority };
        const raised = triageForStaffFlag(current, customer?.tier ?? null, input.reason);
        const before = (row.triage ?? {}) as { reasons?: unknown[] };
        return {
          eventType: 'media_flagged',
          reason: input.reason,
          eventData: { ...flag },
          caseChanges: {
            media_flag: JSON.stringify(flag) as never,
            ...(raised
              ? {
                  severity: raised.severity,
                  priority: raised.priority,
                  triage: JSON.stringify({ ...before, severity: raised.severity, priority: raised.priority, reasons: [...(before.reasons ?? []), ...raised.reasons] }) as never,
                }
              : {}),
          },
          extraEvents: raised
            ? [{
                type: 'triage_raised',
                fromState: row.state,
                toState: row.state,
                reason: null,
                data: { action: 'flag_media', from: current, to: { severity: raised.severity, emotion: raised.emotion, priority: raised.priority }, reasons: raised.reasons },
              }]
            : [],
        };
      },
    };
  },
  unflag_media: async (ctx, input) => {
    if (!mayUnflagMedia(ctx.actor)) {
      throw forbidden({ 'zh-CN': '只有合规专员可以解除媒体/监管标记', 'en-US': 'Only compliance can lift the media or regulator flag' });
    }
    if (!ctx.row.media_flag) {
      throw conflict('media-flag-unchanged', { 'zh-CN': '该售后单没有媒体/监管标记', 'en-US': 'The case is not flagged for media or regulator involvement' });
    }
    return {
      command: null,
      apply: async () => ({ eventType: 'media_unflagged', reason: input.reason, eventData: { previous: ctx.row.media_flag }, caseChanges: { media_flag: null } }),
    };
  },
};
