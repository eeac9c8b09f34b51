// Where the keys for sensitive personal data come from. With PostgreSQL (DATABASE_URL set: a real
// deployment) they must be configured — PII_KEYS, and PII_ACTIVE_KEY_ID when there are several —
// and the product refuses to start without them. On the embedded database with no keys
// configured, one key is generated once into DATA_DIR/pii-keys (mode 0600), so `npm start`
// works out of the box and the data stays readable across restarts.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { newKeyEntry, parseKeyList, type PiiKey, PiiKeyRing } from './pii.crypto.ts';

export const LOCAL_KEY_FILE = 'pii-keys';

export function loadKeyRing(config: Pick<Config, 'pii' | 'databaseUrl' | 'dataDir'>): PiiKeyRing {
  const { keys, activeKeyId } = config.pii;
  if (keys.length > 0) return new PiiKeyRing(keys, activeKeyId ?? onlyKey(keys));
  if (config.databaseUrl) {
    throw new Error(
      'PII_KEYS is required when DATABASE_URL is set: sensitive personal data (ID and bank card numbers) is encrypted with it. ' +
        'Set PII_KEYS=kid:base64key (32 random bytes, e.g. `openssl rand -base64 32`) and keep it outside the database.',
    );
  }
  const local = localKeys(config.dataDir);
  return new PiiKeyRing(local, activeKeyId ?? local[local.length - 1]!.id);
}

function onlyKey(keys: PiiKey[]): string {
  if (keys.length === 1) return keys[0]!.id;
  throw new Error(`PII_KEYS lists ${keys.length} keys: set PII_ACTIVE_KEY_ID to the one new values are encrypted with`);
}

/** The embedded default's key file: read it, or create it with one fresh key (readable by the owner only). */
function localKeys(dataDir: string): PiiKey[] {
  const file = join(dataDir, LOCAL_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
      writeFileSync(file, `${newKeyEntry('local1')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const keys = parseKeyList(readFileSync(file, 'utf8'));
  if (keys.length === 0) throw new Error(`${file} holds no key`);
  return keys;
}
