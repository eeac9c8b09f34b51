// LISTEN on a channel of the database, on PGlite or on PostgreSQL (one pooled connection held for
// as long as the listener lives). NOTIFY is delivered at commit.
import type pg from 'pg';
import type { Database } from './database.ts';

export type Unlisten = () => Promise<void>;

export async function listenChannel(database: Database, channel: string, onPayload: (payload: string) => void): Promise<Unlisten> {
  if (database.pglite) return database.pglite.listen(channel, onPayload);
  if (!database.pool) return async () => undefined;
  const client: pg.PoolClient = await database.pool.connect();
  const handler = (message: pg.Notification) => {
    if (message.channel === channel) onPayload(message.payload ?? '');
  };
  client.on('notification', handler);
  await client.query(`listen ${channel}`);
  return async () => {
    client.removeListener('notification', handler);
    await client.query(`unlisten ${channel}`).catch(() => undefined);
    client.release();
  };
}
