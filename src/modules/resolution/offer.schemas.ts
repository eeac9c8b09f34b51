import { z } from 'zod';
import { RESPONSIBILITIES } from '../../shared/vocabulary.ts';
import { EMPTY_TERMS, type OfferTerms, PLAN_TYPES } from './resolution.rules.ts';
import { checkMessage } from '../../shared/validation.ts';

const fen = z.number().int().min(0).max(100_000_000_00);

export const offerTermsSchema = z
  .object({
    refundFen: fen.default(0),
    returnRequired: z.boolean().default(false),
    keepItem: z.boolean().default(false),
    couponFen: fen.default(0),
    cashFen: fen.default(0),
    pointsAwarded: z.number().int().min(0).max(10_000_000).default(0),
    replacement: z.boolean().default(false),
    repair: z.boolean().default(false),
    reshipParts: z.boolean().default(false),
    extendedWarrantyMonths: z.number().int().min(0).max(60).default(0),
    apology: z.boolean().default(false),
    fraudCompensationFen: fen.default(0),
  })
  .superRefine((t, ctx) => {
    if (t.returnRequired && t.keepItem) {
      ctx.addIssue({ code: 'custom', path: ['keepItem'], ...checkMessage({ 'zh-CN': '客户不能既退回商品又保留商品', 'en-US': 'The customer cannot both return and keep the item' }) });
    }
  });

/** Who may own a plan step: the roles that carry out execution tasks (compliance decides plans, it does not execute them). */
export const TASK_OWNER_ROLES = ['agent', 'specialist', 'finance', 'merchant', 'supervisor'] as const;
/** A merchant's plan gives work only to the merchant: it cannot set the platform's staff tasks (RES-4, ORG-3). */
export const MERCHANT_STEP_OWNERS: ReadonlySet<string> = new Set(['merchant']);

export const planStepSchema = z.object({
  task: z.string().trim().min(1).max(64),
  ownerRole: z.enum(TASK_OWNER_ROLES),
  dueInHours: z.number().int().min(1).max(24 * 90),
  verification: z.string().trim().min(1).max(500),
});

export type PlanStep = z.infer<typeof planStepSchema>;

/** A stored offer's steps (validated on the way in). */
export const stepsOf = (offer: { steps: unknown }): PlanStep[] => (Array.isArray(offer.steps) ? (offer.steps as PlanStep[]) : []);

export const proposePlanSchema = z.object({
  planType: z.enum(PLAN_TYPES),
  responsibility: z.enum(RESPONSIBILITIES),
  fraudFound: z.boolean().default(false),
  terms: offerTermsSchema,
  basis: z.string().trim().min(1).max(4000),
  goodwillReason: z.string().trim().min(1).max(2000).optional(),
  expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
  steps: z.array(planStepSchema).max(20).default([]),
});
export type ProposePlanInput = z.infer<typeof proposePlanSchema>;

export const counterOfferSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  planType: z.enum(PLAN_TYPES).default('compensation'),
  terms: offerTermsSchema,
});

export function toTerms(input: Partial<OfferTerms>): OfferTerms {
  return { ...EMPTY_TERMS, ...input };
}
