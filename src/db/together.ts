// Writes that need nothing from one another run as one statement — each a data-modifying WITH
// part, which PostgreSQL executes exactly once whether or not anything reads it — so a batch pays
// one round trip and one plan for them instead of one per table. The parts see the same snapshot:
// none may depend on another's rows. Outside a transaction the statement is one transaction of
// its own: all of its writes are kept, or (on any error) none.
import { type Kysely, type OperationNodeSource, type RawBuilder, sql } from 'kysely';

type Part = OperationNodeSource | null | undefined;

/**
 * The statement running these parts; null when there is nothing to run. A plain select (such as
 * a NOTIFY) only runs as the statement's `finally`: PostgreSQL skips a WITH part that does not
 * modify data when nothing reads it.
 */
export function togetherStatement(parts: readonly Part[], options: { finally?: RawBuilder<unknown> } = {}): RawBuilder<unknown> | null {
  const present = parts.filter((p): p is OperationNodeSource => p != null);
  if (!options.finally) {
    if (present.length === 0) return null;
    if (present.length === 1) return sql`${present[0]}`;
  }
  const last = options.finally ?? sql`select 1`;
  if (present.length === 0) return last;
  const ctes = present.map((part, i) => sql`${sql.ref(`w${i}`)} as (${part})`);
  return sql`with ${sql.join(ctes)} ${last}`;
}

export async function executeTogether(db: Kysely<any>, parts: readonly Part[], options: { finally?: RawBuilder<unknown> } = {}): Promise<void> {
  await togetherStatement(parts, options)?.execute(db);
}
