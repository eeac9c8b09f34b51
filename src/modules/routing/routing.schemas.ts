// Request schemas of the routing API, and the stored shape of a rule (rows are parsed with the
// same schema, so a rule always reaches the engine complete).
import { z } from 'zod';
import { CASE_KINDS, CHANNELS, MEMBERSHIP_TIERS, SEVERITIES, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { CASE_SKILL_SOURCES, type RoutingRule } from './routing.rules.ts';
import { checkMessage, matching } from '../../shared/validation.ts';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
/** Roles a rule may notify: the platform's staff, or 'merchant' for the case's merchant's staff. */
export const NOTIFY_ROLES = [...STAFF_ROLES, 'merchant'] as const;
/** Roles that may work a queue. */
export const QUEUE_WORKER_ROLES = [...STAFF_ROLES, 'merchant'] as const;

const word = z.string().trim().min(1).max(64);
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100).optional();
const skillList = z.array(word).max(100).default([]);
const localized = z.object({ 'zh-CN': z.string().trim().min(1).max(200), 'en-US': z.string().trim().min(1).max(200) });

export const queueKey = matching(z.string().trim(), /^[a-z][a-z0-9_-]{1,63}$/, {
  'zh-CN': '须为小写字母开头的小写字母、数字、- 和 _（2-64 位）',
  'en-US': 'lower-case letters, digits, - and _, starting with a letter (2-64)',
});

export const conditionsSchema = z.strictObject({
  severity: list(z.enum(SEVERITIES)),
  kind: list(z.enum(CASE_KINDS)),
  category: list(word),
  channel: list(z.enum(CHANNELS)),
  productCategory: list(word),
  merchantId: list(z.string().uuid()),
  merchantPlatformOperated: z.boolean().optional(),
  customerTier: list(z.enum(MEMBERSHIP_TIERS)),
  language: list(z.enum(LANGUAGES)),
  platformIntervention: z.boolean().optional(),
});

export const skillNeedsSchema = z.strictObject({
  categories: skillList,
  kinds: skillList,
  languages: skillList,
  productCategories: skillList,
  senior: z.boolean().default(false),
});

export const actionsSchema = z.strictObject({
  queue: queueKey,
  requiredSkills: skillNeedsSchema.prefault({}),
  skillsFromCase: z.array(z.enum(CASE_SKILL_SOURCES)).max(CASE_SKILL_SOURCES.length).default([]),
  notifyRoles: z.array(z.enum(NOTIFY_ROLES)).max(NOTIFY_ROLES.length).default([]),
  assign: z.boolean().default(true),
});

export const ruleSchema = z.strictObject({
  key: queueKey,
  name: localized,
  active: z.boolean().default(true),
  conditions: conditionsSchema.prefault({}),
  actions: actionsSchema,
}) satisfies z.ZodType<RoutingRule, unknown>;

export const rulesBody = z
  .object({
    /** The version the editor started from; a newer stored version answers 409. */
    version: z.number().int().min(0).optional(),
    rules: z.array(ruleSchema).min(1).max(200),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.rules.forEach((r, i) => {
      if (seen.has(r.key)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'key'], ...checkMessage({ 'zh-CN': `规则键 ${r.key} 重复`, 'en-US': `Duplicate rule key ${r.key}` }) });
      }
      seen.add(r.key);
    });
  });
export type RulesBody = z.infer<typeof rulesBody>;

export const queueBody = z.object({
  key: queueKey,
  name: localized,
  role: z.enum(QUEUE_WORKER_ROLES),
  active: z.boolean().default(true),
});
export const queueUpdateBody = queueBody.omit({ key: true });
export const queueParams = z.object({ key: queueKey });

export const profileBody = z.strictObject({
  skills: z
    .strictObject({
      categories: z.array(word).max(100).optional(),
      kinds: z.array(word).max(100).optional(),
      languages: z.array(z.enum(LANGUAGES)).max(LANGUAGES.length).optional(),
      productCategories: z.array(word).max(100).optional(),
    })
    .optional(),
  maxOpenCases: z.number().int().min(0).max(10_000).optional(),
  available: z.boolean().optional(),
  senior: z.boolean().optional(),
});
export type ProfileBody = z.infer<typeof profileBody>;
export const userParams = z.object({ userId: z.string().uuid() });

export const factsSchema = z.object({
  severity: z.enum(SEVERITIES),
  kind: z.enum(CASE_KINDS),
  category: word.nullable().default(null),
  channel: z.enum(CHANNELS).default('web'),
  productCategories: z.array(word).max(50).default([]),
  merchantId: z.string().uuid().nullable().default(null),
  /** Read from the merchant when omitted. */
  merchantPlatformOperated: z.boolean().nullable().optional(),
  customerTier: z.enum(MEMBERSHIP_TIERS).nullable().default(null),
  language: z.enum(LANGUAGES).nullable().default('zh-CN'),
  platformIntervention: z.boolean().default(false),
});

export const explainBody = z
  .object({
    caseNo: z.string().trim().min(1).max(32).optional(),
    facts: factsSchema.optional(),
    /** A draft rule list to try instead of the stored one. */
    rules: z.array(ruleSchema).min(1).max(200).optional(),
  })
  .refine((b) => (b.caseNo === undefined) !== (b.facts === undefined), {
    path: ['caseNo'],
    ...checkMessage({ 'zh-CN': '请只提供 caseNo 或 facts 之一', 'en-US': 'Give either caseNo or facts' }),
  });

const note = z.string().trim().max(2000).optional();
export const routingActionSchemas = {
  /** Without userId and queue: the caller takes the case. */
  assign: z.object({ userId: z.string().uuid().optional(), queue: queueKey.optional(), note }),
  unassign: z.object({ note }),
  route: z.object({ note }),
  appeal: z.object({ reason: z.string().trim().min(1).max(2000) }),
};
