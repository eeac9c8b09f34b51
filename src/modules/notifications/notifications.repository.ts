// In-app notices for staff and merchants (SLA-15 breach actions, obligation warnings). A notice
// goes to one user, to everyone in a role (for role 'department', in one department), or to a
// merchant's staff; its dedupe key makes a retried job unable to send it twice.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import type { Actor } from '../identity/index.ts';
import { unnestInsert } from '../../db/unnest.ts';

type Db = Kysely<DB>;

export interface NewNotification {
  recipientUserId?: string | null;
  recipientRole?: string | null;
  /** With recipientRole 'department': the department whose users get it. */
  department?: string | null;
  merchantId?: string | null;
  caseId: string | null;
  type: string;
  title: LocalizedText;
  body: LocalizedText;
  dedupeKey: string;
  now: Date;
}

export async function notify(db: Db, n: NewNotification): Promise<void> {
  await notifyMany(db, [n]);
}

/** Many notices with one statement; a notice whose dedupe key was used is not sent again. */
export async function notifyMany(db: Db, notices: NewNotification[]): Promise<void> {
  await notificationsInsert(notices)?.execute(db);
}

/** The insert of these notices, to run with other writes (executeTogether); null when there are none. */
export function notificationsInsert(notices: NewNotification[]) {
  return unnestInsert(
    'notifications',
    {
      recipient_user_id: 'uuid', recipient_role: 'text', department: 'text', merchant_id: 'uuid', case_id: 'uuid', type: 'text', title: 'jsonb', body: 'jsonb',
      dedupe_key: 'text', created_at: 'timestamptz',
    },
    notices.map((n) => ({
      recipient_user_id: n.recipientUserId ?? null,
      recipient_role: n.recipientRole ?? null,
      department: n.department ?? null,
      merchant_id: n.merchantId ?? null,
      case_id: n.caseId,
      type: n.type,
      title: JSON.stringify(n.title),
      body: JSON.stringify(n.body),
      dedupe_key: n.dedupeKey,
      created_at: n.now,
    })),
    { onConflictDoNothing: 'dedupe_key' },
  );
}

/** Notices addressed to the actor: personally, to their role (and department, if the notice names one), or to their merchant. */
function addressedTo(actor: Actor) {
  return sql<boolean>`((n.recipient_role = ${actor.role} and (n.department is null or n.department = ${actor.department}::text))
    or (${actor.userId}::uuid is not null and n.recipient_user_id = ${actor.userId}::uuid)
    or (${actor.role} = 'merchant' and ${actor.merchantId}::uuid is not null and n.merchant_id = ${actor.merchantId}::uuid))`;
}

export async function listNotifications(db: Db, actor: Actor, options: { limit: number; unreadOnly: boolean }) {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.type', 'n.title', 'n.body', 'n.created_at', 'n.read_at', 'c.case_no'])
    .where(addressedTo(actor))
    .orderBy('n.created_at', 'desc')
    .limit(options.limit);
  if (options.unreadOnly) query = query.where('n.read_at', 'is', null);
  return query.execute();
}

export async function markRead(db: Db, actor: Actor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('notifications as n')
    .set({ read_at: sql`coalesce(n.read_at, ${now})` })
    .where('n.id', '=', id)
    .where(addressedTo(actor))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
