// Who has a case open in the console, and whether they are editing it (a reply or an action form),
// so a second handler is warned before two people answer the customer at once.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../identity/index.ts';
import { presencePayload } from './live.hub.ts';

/** A page that has not said it is still open for this long has gone (it says so every 20 s). */
export const PRESENCE_TTL_MS = 60_000;

export interface Presence {
  userId: string;
  displayName: string;
  role: string;
  editing: boolean;
  seenAt: string;
}

export async function markPresent(db: Kysely<DB>, caseId: string, actor: Actor, editing: boolean, now: Date): Promise<void> {
  if (!actor.userId) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_presence')
      .values({ case_id: caseId, user_id: actor.userId as string, display_name: actor.displayName, role: actor.role, editing, seen_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doUpdateSet({ editing, seen_at: now, display_name: actor.displayName, role: actor.role }))
      .execute();
    await sql`select pg_notify('afterdesk_case_changed', ${presencePayload(caseId)})`.execute(trx);
  });
}

export async function markGone(db: Kysely<DB>, caseId: string, actor: Actor): Promise<void> {
  if (!actor.userId) return;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('case_presence').where('case_id', '=', caseId).where('user_id', '=', actor.userId as string).execute();
    await sql`select pg_notify('afterdesk_case_changed', ${presencePayload(caseId)})`.execute(trx);
  });
}

/** Everyone else with the case open now, editors first. */
export async function othersPresent(db: Kysely<DB>, caseId: string, viewer: Actor, now: Date): Promise<Presence[]> {
  const rows = await db
    .selectFrom('case_presence')
    .select(['user_id', 'display_name', 'role', 'editing', 'seen_at'])
    .where('case_id', '=', caseId)
    .where('seen_at', '>', new Date(now.getTime() - PRESENCE_TTL_MS))
    .$if(viewer.userId !== null, (q) => q.where('user_id', '<>', viewer.userId as string))
    .orderBy('editing', 'desc')
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    editing: r.editing,
    seenAt: new Date(r.seen_at).toISOString(),
  }));
}
