// What a demo case is about: the request the customer files and the plan staff propose.
import type { OfferTerms, PlanType } from '../../modules/resolution/resolution.rules.ts';
import type { CaseKind, Channel, RequestReason, Responsibility } from '../../shared/vocabulary.ts';
import type { DemoProduct } from './catalog.ts';
import type { Random } from './random.ts';

export type DesiredResolution = 'refund' | 'exchange' | 'repair' | 'compensation' | 'apology' | 'reship' | 'information' | 'other';

export interface PlanSpec {
  planType: PlanType;
  responsibility: Responsibility;
  fraudFound?: boolean;
  terms: Partial<OfferTerms>;
  basis: string;
  goodwillReason?: string;
}

export interface CounterSpec {
  reason: string;
  planType: PlanType;
  terms: Partial<OfferTerms>;
}

export interface ItemCondition {
  opened?: boolean;
  trialUse?: boolean;
  packagingComplete?: boolean;
  accessoriesComplete?: boolean;
}

export interface RequestText {
  title?: string;
  description: string;
  desiredResolution: DesiredResolution;
  condition?: ItemCondition;
  /** What staff ask for when they need more evidence, and the customer's answer. */
  evidenceQuestion: string;
  evidenceReply: string;
}

/** When the request comes relative to the order: after sign-off, while stuck in transit, or after ordering. */
export type Timing =
  | { kind: 'signed'; days: readonly [number, number] }
  | { kind: 'stuck'; days: readonly [number, number] }
  | { kind: 'placed'; days: readonly [number, number] };

export interface Variant {
  id: string;
  kind: CaseKind;
  reason: RequestReason;
  channels: readonly Channel[];
  /** Which products the request can be about; null: a question without an order. */
  products: ((p: DemoProduct) => boolean) | null;
  timing: Timing | null;
  request(rng: Random, product: DemoProduct | null, sku: string | null): RequestText;
  plan(paidFen: number, rng: Random): PlanSpec;
  /** The plan's goodwill is above the approval threshold: a supervisor approves it. */
  approval?: boolean;
  /** Three plans the customer rejects in turn (SLA-9), sending the case to compliance. */
  compliance?: { plans: readonly ((paidFen: number) => PlanSpec)[]; rejections: readonly string[] };
  counter?: (paidFen: number) => CounterSpec;
  /** Why the returned goods fail inspection (return plans only). */
  inspectionFailure?: string;
  rejectReason: string;
}

export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
