// Writes that need nothing from one another run as one statement — each a data-modifying WITH
// part, which PostgreSQL executes exactly once whether or not anything reads it — so a batch pays
// one round trip and one plan for them instead of one per table. The parts see the same snapshot:
// none may depend on another's rows.
import { type Kysely, type OperationNodeSource, sql } from 'kysely';

export async function executeTogether(db: Kysely<any>, parts: readonly (OperationNodeSource | null | undefined)[]): Promise<void> {
  const present = parts.filter((p): p is OperationNodeSource => p != null);
  if (present.length === 0) return;
  if (present.length === 1) {
    await sql`${present[0]}`.execute(db);
    return;
  }
  const ctes = present.map((part, i) => sql`${sql.ref(`w${i}`)} as (${part})`);
  await sql`with ${sql.join(ctes)} select 1`.execute(db);
}
