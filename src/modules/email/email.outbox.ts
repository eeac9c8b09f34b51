// Queues a customer-visible message for e-mail in the transaction that wrote it. One statement:
// only public messages not written by the customer, only to customers with an e-mail address,
// and at most once per message.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const MAIL_CHANNEL = 'afterdesk_mail';

export async function queueCustomerEmail(db: Kysely<DB>, messageId: string, now: Date): Promise<void> {
  const queued = await sql`
    insert into email_outbox (message_id, case_id, to_address, locale, next_attempt_at, created_at)
    select m.id, c.id, cu.email, cu.locale, ${now}, ${now}
    from messages m
    join cases c on c.id = m.case_id
    join customers cu on cu.id = c.customer_id
    where m.id = ${messageId} and m.visibility = 'public' and m.author_role <> 'customer'
      and cu.email is not null and cu.email <> ''
    on conflict (message_id) do nothing`.execute(db);
  if (Number(queued.numAffectedRows ?? 0) > 0) await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(db);
}
