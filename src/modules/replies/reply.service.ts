// Suggested replies for one case (AN-5): the templates that fit it, ranked, with the case's own
// values filled in; and the admin's template maintenance (each change bumps the version).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ReplyTemplateRow } from '../../db/schema.templates.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { formatYuan } from '../../shared/money.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { assertCanSeeCase } from '../cases/case.access.ts';
import { findCaseByNo } from '../cases/case.repository.ts';
import type { Actor } from '../identity/index.ts';
import { mostUrgentClocks, partiesVisibleTo } from '../sla/sla.presenter.ts';
import { rankTemplates } from './reply.rank.ts';
import { renderTemplate, type ReplyValues, templateVariables, isReplyVariable } from './reply.render.ts';
import { assertCompliantWording, wordingFlags } from './reply.wording.ts';
import { containing } from '../../db/like.ts';

type Db = Kysely<DB>;
export type Locale = 'zh-CN' | 'en-US';

export const TEMPLATE: { 'zh-CN': string; 'en-US': string } = { 'zh-CN': '回复模板', 'en-US': 'reply template' };

/** The values of the template variables for one case, as the caller may see them. */
export async function replyValuesFor(db: Db, actor: Actor, row: { id: string; case_no: string; customer_id: string; order_id: string | null }) {
  const [customer, order, products, refunds, offer, urgent] = await Promise.all([
    db.selectFrom('customers').select(['name', 'locale']).where('id', '=', row.customer_id).executeTakeFirst(),
    row.order_id ? db.selectFrom('orders').select('order_no').where('id', '=', row.order_id).executeTakeFirst() : undefined,
    db
      .selectFrom('case_items as ci')
      .innerJoin('order_items as oi', 'oi.id', 'ci.order_item_id')
      .innerJoin('products as p', 'p.id', 'oi.product_id')
      .select('p.name')
      .where('ci.case_id', '=', row.id)
      .orderBy('ci.id')
      .execute(),
    db.selectFrom('refunds').select(['amount_fen', 'status']).where('case_id', '=', row.id).where('status', '!=', 'failed').execute(),
    db
      .selectFrom('offers')
      .select('terms')
      .where('case_id', '=', row.id)
      .where('status', 'in', ['open', 'accepted', 'pending_approval'])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    mostUrgentClocks(db, [row.id], partiesVisibleTo(actor)),
  ]);
  const sum = (status: string) => refunds.filter((r) => r.status === status).reduce((s, r) => s + r.amount_fen, 0);
  const offered = Number((offer?.terms as { refundFen?: unknown } | undefined)?.refundFen ?? 0);
  const refundFen = sum('succeeded') || sum('pending') || (Number.isFinite(offered) ? offered : 0);
  const due = urgent.get(row.id)?.dueAt;
  const values: ReplyValues = {
    customerName: customer?.name ?? null,
    orderNo: order?.order_no ?? null,
    caseNo: row.case_no,
    dueAt: due ? formatLocalDateTime(new Date(due)) : null,
    productName: products.length > 0 ? [...new Set(products.map((p) => p.name))].join('、') : null,
    refundAmount: refundFen > 0 ? formatYuan(refundFen) : null,
  };
  return { values, customerLocale: (customer?.locale === 'en-US' ? 'en-US' : 'zh-CN') as Locale };
}

export async function suggestedReplies(deps: AppDeps, actor: Actor, caseNo: string, query: { locale?: Locale | undefined; limit: number }) {
  const db = deps.database.db;
  const row = assertCanSeeCase(actor, await findCaseByNo(db, caseNo));
  const [{ values, customerLocale }, templates] = await Promise.all([
    replyValuesFor(db, actor, row),
    db.selectFrom('reply_templates').selectAll().where('active', '=', true).execute(),
  ]);
  const locale = query.locale ?? customerLocale;
  const ranked = rankTemplates(templates, { category: row.category, severity: row.severity, kind: row.kind, state: row.state }, locale).slice(0, query.limit);
  return {
    caseNo: row.case_no,
    locale,
    variables: values,
    items: ranked.map((r, index) => {
      const rendered = renderTemplate(r.template.body, values);
      return {
        rank: index + 1,
        templateId: r.template.id,
        name: r.template.name,
        locale: r.template.locale,
        category: r.template.category,
        kind: r.template.kind,
        state: r.template.state,
        severity: r.template.severity,
        version: r.template.version,
        match: r.match,
        matched: r.matched,
        text: rendered.text,
        filled: rendered.filled,
        missing: rendered.missing,
      };
    }),
  };
}

export interface TemplateInput {
  name: string;
  locale: Locale;
  category: string | null;
  kind: string | null;
  state: string | null;
  severity: string | null;
  body: string;
  active: boolean;
}

export function presentTemplate(t: ReplyTemplateRow) {
  const variables = templateVariables(t.body);
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    locale: t.locale,
    category: t.category,
    kind: t.kind,
    state: t.state,
    severity: t.severity,
    body: t.body,
    active: t.active,
    version: t.version,
    variables,
    unknownVariables: variables.filter((v) => !isReplyVariable(v)),
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

/** RISK-1: a template that promises what cannot be measured, or deflects, is not stored. */
function assertCompliant(input: TemplateInput): void {
  assertCompliantWording(`${input.name}\n${input.body}`, 'body', { 'zh-CN': '模板', 'en-US': 'template' });
}

export async function createTemplate(db: Db, input: TemplateInput, userId: string | null, now: Date): Promise<ReplyTemplateRow> {
  assertCompliant(input);
  return db
    .insertInto('reply_templates')
    .values({ ...input, slug: null, created_at: now, updated_at: now, updated_by: userId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a template (version + 1); `before` is the row as it was, for the audit trail. */
export async function updateTemplate(
  db: Db,
  id: string,
  input: TemplateInput,
  userId: string | null,
  now: Date,
): Promise<{ before: ReplyTemplateRow; row: ReplyTemplateRow }> {
  assertCompliant(input);
  const before = await db.selectFrom('reply_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!before) throw notFound(TEMPLATE, 'id');
  const row = await db
    .updateTable('reply_templates')
    .set((eb) => ({ ...input, version: eb('version', '+', 1), updated_at: now, updated_by: userId }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { before, row };
}

export interface TemplateFilter {
  locale?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  state?: string | undefined;
  severity?: string | undefined;
  active?: boolean | undefined;
  /** Words in the name or the text. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listTemplates(db: Db, f: TemplateFilter): Promise<{ rows: ReplyTemplateRow[]; total: number }> {
  let query = db.selectFrom('reply_templates');
  if (f.locale) query = query.where('locale', '=', f.locale);
  if (f.category) query = query.where('category', '=', f.category);
  if (f.kind) query = query.where('kind', '=', f.kind);
  if (f.state) query = query.where('state', '=', f.state);
  if (f.severity) query = query.where('severity', '=', f.severity);
  if (f.active !== undefined) query = query.where('active', '=', f.active);
  const words = f.q?.trim();
  if (words) {
    const like = containing(words);
    query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('body', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('locale').orderBy('name').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Sample values for the editor's preview when no case is given: what a variable looks like filled in. */
const SAMPLE_VALUES: Record<Locale, ReplyValues> = {
  'zh-CN': { customerName: '张女士', orderNo: 'DD20261110000123', caseNo: 'AS20261110000045', dueAt: '2026-11-12 18:00', productName: '无线蓝牙耳机', refundAmount: '¥299.00' },
  'en-US': { customerName: 'Ms Zhang', orderNo: 'DD20261110000123', caseNo: 'AS20261110000045', dueAt: '2026-11-12 18:00', productName: 'Wireless earbuds', refundAmount: '¥299.00' },
};

/**
 * A template's text rendered as it would reach a customer, without saving it: with the values of a
 * case the caller may see, or with sample values; plus the wording the SOP forbids (RISK-1).
 */
export async function previewTemplate(deps: AppDeps, actor: Actor, input: { body: string; locale: Locale; caseNo?: string | undefined }) {
  let values = SAMPLE_VALUES[input.locale];
  if (input.caseNo) {
    const row = assertCanSeeCase(actor, await findCaseByNo(deps.database.db, input.caseNo));
    values = (await replyValuesFor(deps.database.db, actor, row)).values;
  }
  const rendered = renderTemplate(input.body, values);
  return {
    text: rendered.text,
    filled: rendered.filled,
    missing: rendered.missing,
    unknown: rendered.unknown,
    variables: templateVariables(input.body),
    values,
    source: input.caseNo ? 'case' : 'sample',
    wordingFlags: wordingFlags(input.body),
  };
}
