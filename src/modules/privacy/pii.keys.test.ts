import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKeyEntry, parseKeyList } from './pii.crypto.ts';
import { LOCAL_KEY_FILE, loadKeyRing } from './pii.keys.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'afterdesk-pii-'));
const none = { keys: [], activeKeyId: null };

describe('PII keys from configuration', () => {
  it('refuses to start on PostgreSQL without PII_KEYS', () => {
    expect(() => loadKeyRing({ pii: none, databaseUrl: 'postgres://db/afterdesk', dataDir: dir() })).toThrow(/PII_KEYS is required when DATABASE_URL is set/);
  });

  it('uses the configured keys, and needs PII_ACTIVE_KEY_ID when there are several', () => {
    const keys = parseKeyList(`${newKeyEntry('old')},${newKeyEntry('new')}`);
    expect(() => loadKeyRing({ pii: { keys, activeKeyId: null }, databaseUrl: 'postgres://db/x', dataDir: dir() })).toThrow(/set PII_ACTIVE_KEY_ID/);
    const ring = loadKeyRing({ pii: { keys, activeKeyId: 'new' }, databaseUrl: 'postgres://db/x', dataDir: dir() });
    expect(ring.activeKeyId).toBe('new');
    expect(ring.keyIds).toEqual(['old', 'new']);
    expect(loadKeyRing({ pii: { keys: keys.slice(0, 1), activeKeyId: null }, databaseUrl: undefined, dataDir: dir() }).activeKeyId).toBe('old');
  });

  it('on the embedded database, generates one key into DATA_DIR once (owner-only) and keeps using it', () => {
    const dataDir = dir();
    const first = loadKeyRing({ pii: none, databaseUrl: undefined, dataDir });
    const file = join(dataDir, LOCAL_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.encrypt('11010519491231002X', 'customers.id_number');
    const again = loadKeyRing({ pii: none, databaseUrl: undefined, dataDir });
    expect(again.decrypt(sealed, 'customers.id_number')).toBe('11010519491231002X');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
