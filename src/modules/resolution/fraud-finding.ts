// RES-1, RES-2: fraud found on a case (假一赔三) stays found. A plan that finds it records the
// finding on the case, with who found it, in an event; every later plan on the case is then held
// to the statutory (or the policy's higher) compensation, whatever it says of fraud itself. Only
// compliance takes a finding back, with its reason on the timeline.
import { z } from 'zod';
import type { CaseRow } from '../../db/schema.ts';
import { conflict, forbidden } from '../../shared/errors.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext, ActionHandler } from '../cases/case.actions.runner.ts';
import type { CaseEventInput } from '../cases/case.repository.ts';

export const FRAUD_FOUND_EVENT = 'fraud_found';
export const FRAUD_FINDING_WITHDRAWN_EVENT = 'fraud_finding_withdrawn';

export const WITHDRAW_FRAUD_FINDING_LABEL: LocalizedText = { 'zh-CN': '撤销欺诈认定', 'en-US': 'withdraw the fraud finding' };

export const fraudFindingSchemas = {
  withdraw_fraud_finding: z.object({ reason: z.string().trim().min(1).max(2000) }),
};
type Input<K extends keyof typeof fraudFindingSchemas> = z.infer<(typeof fraudFindingSchemas)[K]>;

/** A finding binds the seller to 假一赔三: taking it back is a legal assessment, compliance's alone. */
export function mayWithdrawFraudFinding(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'compliance';
}

/** What a plan that finds fraud writes on a case where none was found yet: the finding and its event (before the plan's own). */
export function fraudFinding(ctx: ActionContext, offerId: string): { caseChanges: Pick<CaseRow, 'fraud_found_at' | 'fraud_found_by'>; event: CaseEventInput } {
  return {
    caseChanges: { fraud_found_at: ctx.now, fraud_found_by: ctx.actor.userId },
    event: { type: FRAUD_FOUND_EVENT, fromState: ctx.row.state, toState: ctx.row.state, reason: null, data: { offerId } },
  };
}

export const fraudFindingHandlers: { [K in keyof typeof fraudFindingSchemas]: ActionHandler<Input<K>> } = {
  withdraw_fraud_finding: async (ctx, input) => {
    if (!mayWithdrawFraudFinding(ctx.actor)) {
      throw forbidden({ 'zh-CN': '只有合规专员可以撤销欺诈认定', 'en-US': 'Only compliance can withdraw a fraud finding' });
    }
    if (!ctx.row.fraud_found_at) {
      throw conflict('no-fraud-finding', { 'zh-CN': '该售后单没有欺诈认定', 'en-US': 'No fraud has been found on this case' });
    }
    const found = { foundAt: ctx.row.fraud_found_at.toISOString(), foundBy: ctx.row.fraud_found_by };
    // Plans already made stand as made: the customer answers them, or a new plan replaces them.
    return {
      command: null,
      apply: async () => ({
        eventType: FRAUD_FINDING_WITHDRAWN_EVENT,
        reason: input.reason,
        eventData: found,
        caseChanges: { fraud_found_at: null, fraud_found_by: null },
      }),
    };
  },
};
