import { z } from 'zod';
import { CASE_KINDS, CHANNELS, REQUEST_REASONS } from '../../shared/vocabulary.ts';
import { CATEGORIES } from '../triage/triage.vocabulary.ts';
import { checkMessage } from '../../shared/validation.ts';

export const KINDS_NEEDING_ITEMS = ['return_refund', 'refund_only', 'exchange', 'repair', 'reship', 'price_protection'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const itemConditionSchema = z.object({
  opened: z.boolean().optional(),
  trialUse: z.boolean().optional(),
  damagedByCustomer: z.boolean().optional(),
  accessoriesComplete: z.boolean().optional(),
  packagingComplete: z.boolean().optional(),
});

export const createCaseSchema = z
  .object({
    kind: z.enum(CASE_KINDS),
    reason: z.enum(REQUEST_REASONS),
    channel: z.enum(CHANNELS).default('web'),
    orderNo: z.string().trim().min(1).max(64).optional(),
    items: z
      .array(z.object({ orderItemId: z.string().uuid(), quantity: z.number().int().min(1).max(10_000).default(1) }))
      .max(50)
      .default([]),
    title: text(200).optional(),
    description: text(5000),
    desiredResolution: z.enum(['refund', 'exchange', 'repair', 'compensation', 'apology', 'reship', 'information', 'other']).optional(),
    condition: itemConditionSchema.optional(),
    /** Staff filing on a customer's behalf (phone, email) without an order. */
    customerId: z.string().uuid().optional(),
    merchantId: z.string().uuid().optional(),
    failedRepairs: z.number().int().min(0).max(20).default(0),
  })
  .superRefine((value, ctx) => {
    if ((KINDS_NEEDING_ITEMS as readonly string[]).includes(value.kind) && value.items.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        ...checkMessage({ 'zh-CN': '该类申请须至少选择一件订单商品', 'en-US': `A ${value.kind} request needs at least one order item` }),
      });
    }
    const ids = value.items.map((i) => i.orderItemId);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], ...checkMessage({ 'zh-CN': '同一件订单商品只能出现一次', 'en-US': 'Each order item may appear once' }) });
    }
  });
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export const messageSchema = z.object({
  body: text(5000),
  visibility: z.enum(['public', 'internal']).default('public'),
  channel: z.enum(CHANNELS).default('web'),
});
export type MessageInput = z.infer<typeof messageSchema>;

export const listCasesQuerySchema = z.object({
  state: z.string().max(40).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  severity: z.enum(['L1', 'L2', 'L3']).optional(),
  channel: z.enum(CHANNELS).optional(),
  queue: z.string().max(64).optional(),
  /** Cases with an open SLA clock in this state (breached: overdue; warning: past its warning point). */
  slaState: z.enum(['breached', 'warning', 'running', 'paused']).optional(),
  orderNo: z.string().max(64).optional(),
  category: z.enum(CATEGORIES).optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  emotion: z.enum(['normal', 'high']).optional(),
  /** Staff: the cases of one merchant. */
  merchantId: z.uuid().optional(),
  /** `me`, `unassigned`, or a user id. */
  assignee: z.union([z.enum(['me', 'unassigned']), z.uuid()]).optional(),
  /**
   * `me`: cases with an open task of the caller's role that can be done now (finance: refunds,
   * compensation, return fees paid back; a merchant: its shipments and repairs; a plan's steps).
   */
  taskOwner: z.enum(['me']).optional(),
  /** `in_doubt`: cases with a refund sent to the payment provider whose outcome is not known. */
  refund: z.enum(['in_doubt']).optional(),
  /** `true`: only cases still being handled (not closed, archived, rejected, withdrawn or merged). */
  open: z.enum(['true', 'false']).optional(),
  /** newest first (default), oldest first, most urgent clock first, or highest priority first. */
  sort: z.enum(['newest', 'oldest', 'urgent', 'priority']).default('newest'),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const caseNoParams = z.object({ caseNo: z.string().trim().min(1).max(32) });
