import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../shared/vocabulary.ts';

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  user: {
    email: string;
    displayName: string;
    role: Exclude<Role, 'system'>;
    passwordHash: string | null;
    customerId?: string | null;
    merchantId?: string | null;
    /** Required for role 'department', refused by the database for any other role. */
    department?: string | null;
    locale?: string;
    /** The command's clock (tests and the demo move it); the database's time otherwise. */
    createdAt?: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email.toLowerCase(),
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      customer_id: user.customerId ?? null,
      merchant_id: user.merchantId ?? null,
      department: user.department ?? null,
      ...(user.locale ? { locale: user.locale } : {}),
      ...(user.createdAt ? { created_at: user.createdAt, updated_at: user.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An API token with every scope (the column's default). */
export async function insertToken(
  db: Kysely<DB>,
  token: { userId: string; name: string; tokenHash: string; expiresAt: Date | null },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, expires_at: token.expiresAt })
    .execute();
}
