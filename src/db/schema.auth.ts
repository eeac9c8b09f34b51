// Table types of sign-ins and sign-in throttling (migration 0015_sign_in.sql), beside the core ones in schema.ts.
import type { Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

export interface SignInsTable {
  id: Generated<string>;
  user_id: string;
  /** SHA-256 (hex) of the cookie value or bearer token; the secret itself is never stored. */
  secret_hash: string;
  delivery: 'cookie' | 'token';
  csrf_token: string | null;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ended_reason: 'signed_out' | 'signed_out_everywhere' | 'ended' | 'replaced' | null;
}

export interface SignInFailuresTable {
  /** `account:<sha256 of the email as typed>` or `ip:<client address>`. */
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}
