// EX-2: the steps of a case as the customer follows them, shared by the case page and the
// self-service progress answer. A case whose goods never come back has no return or inspection
// step; a case that stopped (refused, withdrawn, merged) shows only the steps it really went
// through, then where it stopped: never a refund ticked off that was not paid.
import type { CaseRow } from '../../db/schema.ts';
import type { CaseDetail } from './case.repository.ts';
import type { CaseState, ProgressStage } from './case.state.ts';
import { PROGRESS_STAGES, progressStage } from './case.state.ts';

export type StepStatus = 'done' | 'current' | 'upcoming' | 'stopped';
export interface ProgressStep {
  stage: ProgressStage;
  status: StepStatus;
}

const RETURN_STAGES: readonly ProgressStage[] = ['return_shipment', 'inspection'];
const STOPPED: readonly CaseState[] = ['rejected', 'withdrawn', 'merged'];
/** Offers that no longer ask for anything. */
const SETTLED_OFFERS = new Set(['rejected', 'expired', 'superseded', 'declined']);

export interface ProgressFacts {
  state: CaseState;
  /** The states the case has been in (its events' target states). */
  visited: readonly string[];
  /** The policy decision at intake asked for the goods back. */
  returnAtIntake: boolean;
  /** Offers made on the case: an offer still standing that takes the goods back means a return. */
  offers: readonly { status: string; returnRequired: boolean }[];
  /** A return parcel exists. */
  returnParcel: boolean;
}

export function progressSteps(facts: ProgressFacts): ProgressStep[] {
  const current = progressStage(facts.state);
  // Waiting for the goods is not sending them: a return counts as taken once the parcel left.
  const reached = new Set(facts.visited.filter((s) => s !== 'awaiting_return').map((s) => progressStage(s as CaseState)).filter((s) => s !== undefined));
  reached.add(current);
  // The plan agreed says whether the goods come back (a partial refund keeping them says no), over
  // what intake assumed; before one, intake or an offer still standing says so.
  const agreed = facts.offers.filter((o) => o.status === 'accepted').at(-1);
  const planned = agreed ? agreed.returnRequired : facts.returnAtIntake || facts.offers.some((o) => o.returnRequired && !SETTLED_OFFERS.has(o.status));
  const expectsReturn = RETURN_STAGES.some((s) => reached.has(s)) || facts.returnParcel || planned;
  const stages = PROGRESS_STAGES.filter((s) => expectsReturn || !RETURN_STAGES.includes(s));
  if (STOPPED.includes(facts.state)) {
    return stages
      .filter((s) => s === 'review' || s === 'done' || reached.has(s))
      .map((stage) => ({ stage, status: stage === 'done' ? 'stopped' : 'done' }));
  }
  // A step passed over (a return that lapsed, goods kept after all) is not ticked: it is left out.
  const at = stages.indexOf(current);
  return stages
    .filter((stage, i) => i >= at || stage === 'review' || reached.has(stage))
    .map((stage) => {
      const i = stages.indexOf(stage);
      return { stage, status: i < at || (stage === 'done' && i === at) ? 'done' : i === at ? 'current' : 'upcoming' };
    });
}

/** The facts of a loaded case that its steps depend on. */
export function progressFactsOf(row: Pick<CaseRow, 'state' | 'eligibility'>, detail: Pick<CaseDetail, 'events' | 'offers' | 'shipments'>): ProgressFacts {
  const eligibility = row.eligibility as { items?: { returnRequired?: boolean }[] } | null;
  return {
    state: row.state as CaseState,
    visited: detail.events.map((e) => e.to_state).filter((s): s is string => s !== null),
    returnAtIntake: (eligibility?.items ?? []).some((i) => i.returnRequired === true),
    offers: detail.offers.map((o) => ({ status: o.status, returnRequired: (o.terms as { returnRequired?: boolean } | null)?.returnRequired === true })),
    returnParcel: detail.shipments.some((s) => s.direction === 'return'),
  };
}
