// Searching the audit trail: filters, keyset pagination (newest first, by id), and each row's
// standing on the hash chain — its own seal checked against the row and the seal before it, which
// costs two index lookups and one hash per row.
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { canonicalSql, rowSealStatus } from './audit.chain.ts';

type Db = Kysely<DB>;

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

export const auditFiltersSchema = z.object({
  from: instant.optional().describe('At or after this instant (ISO 8601)'),
  to: instant.optional().describe('Before this instant (ISO 8601)'),
  actorUserId: z.string().uuid().optional(),
  actorRole: z.string().trim().min(1).max(32).optional(),
  action: z.string().trim().min(1).max(100).optional().describe('Action prefix, e.g. "pii." or "case.state_changed"'),
  subjectType: z.string().trim().min(1).max(50).optional(),
  subjectId: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const auditSearchSchema = auditFiltersSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional().describe('nextCursor of the previous page'),
});

interface AuditRowWithSeal {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor_role: string;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
  canonical: string;
  position: number | null;
  prev_hash: string | null;
  hash: string | null;
  previous_seal_hash: string | null;
}

/** Rows matching the filters with id below `before`, newest first. */
export async function auditPage(db: Db, filters: AuditFilters, limit: number, before?: number): Promise<AuditRowWithSeal[]> {
  const where = [
    before !== undefined ? sql`a.id < ${before}` : null,
    filters.from ? sql`a.at >= ${filters.from}` : null,
    filters.to ? sql`a.at < ${filters.to}` : null,
    filters.actorUserId ? sql`a.actor_user_id = ${filters.actorUserId}::uuid` : null,
    filters.actorRole ? sql`a.actor_role = ${filters.actorRole}` : null,
    filters.action ? sql`starts_with(a.action, ${filters.action})` : null,
    filters.subjectType ? sql`a.subject_type = ${filters.subjectType}` : null,
    filters.subjectId ? sql`a.subject_id = ${filters.subjectId}` : null,
    filters.outcome ? sql`a.outcome = ${filters.outcome}` : null,
  ].filter((c) => c !== null);
  const result = await sql<AuditRowWithSeal>`
    select a.*, ${canonicalSql('a')} as canonical, s.position, s.prev_hash, s.hash, p.hash as previous_seal_hash
    from audit_log a
    left join audit_seals s on s.audit_id = a.id
    left join audit_seals p on p.position = s.position - 1
    ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by a.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}

export function presentAuditRow(r: AuditRowWithSeal) {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: { userId: r.actor_user_id, role: r.actor_role, label: r.actor_label },
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    outcome: r.outcome,
    ip: r.ip,
    requestId: r.request_id,
    detail: r.detail,
    /** verified: sealed and intact; pending: not sealed yet; broken: the row or its seal was tampered with. */
    seal: rowSealStatus({
      canonical: r.canonical,
      position: r.position === null ? null : Number(r.position),
      prevHash: r.prev_hash,
      hash: r.hash,
      previousSealHash: r.previous_seal_hash,
    }),
    chainPosition: r.position === null ? null : Number(r.position),
  };
}
export type AuditRecord = ReturnType<typeof presentAuditRow>;

export async function searchAudit(db: Db, query: z.infer<typeof auditSearchSchema>) {
  const rows = await auditPage(db, query, query.limit + 1, query.cursor);
  const items = rows.slice(0, query.limit).map(presentAuditRow);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

/** Every matching row, page by page (for the export stream). */
export async function* allAuditRows(db: Db, filters: AuditFilters, pageSize = 1_000): AsyncGenerator<AuditRecord> {
  let before: number | undefined;
  for (;;) {
    const rows = await auditPage(db, filters, pageSize, before);
    for (const r of rows) yield presentAuditRow(r);
    if (rows.length < pageSize) return;
    before = Number(rows[rows.length - 1]!.id);
  }
}

const CSV_COLUMNS = ['id', 'at', 'actorRole', 'actorUserId', 'actorLabel', 'action', 'subjectType', 'subjectId', 'outcome', 'ip', 'requestId', 'seal', 'chainPosition', 'detail'] as const;

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** One CSV line; a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvLine(r: AuditRecord): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: r.id,
    at: r.at,
    actorRole: r.actor.role,
    actorUserId: r.actor.userId,
    actorLabel: r.actor.label,
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    outcome: r.outcome,
    ip: r.ip,
    requestId: r.requestId,
    seal: r.seal,
    chainPosition: r.chainPosition,
    detail: JSON.stringify(r.detail),
  };
  return `${CSV_COLUMNS.map((c) => csvCell(values[c])).join(',')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
