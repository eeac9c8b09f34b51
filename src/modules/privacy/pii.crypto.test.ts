import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyIdOf, newKeyEntry, parseKeyList, PiiDecryptError, PiiKeyRing } from './pii.crypto.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('PII field encryption', () => {
  it('opens what it sealed, for any text, and never leaves the text readable in the ciphertext', () => {
    const ring = new PiiKeyRing([key('k1')], 'k1');
    fc.assert(
      fc.property(fc.string({ minLength: 4 }), (plain) => {
        const sealed = ring.encrypt(plain, 'customers.id_number');
        expect(sealed).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/);
        expect(sealed).not.toContain(plain);
        expect(ring.decrypt(sealed, 'customers.id_number')).toBe(plain);
      }),
    );
    // Same value twice: different ciphertexts (fresh IV), so equal values cannot be spotted.
    expect(ring.encrypt('11010519491231002X', 'c')).not.toBe(ring.encrypt('11010519491231002X', 'c'));
  });

  it('fails clearly with an unknown key id, a different key under the same id, another context or altered data', () => {
    const k1 = key('k1');
    const ring = new PiiKeyRing([k1], 'k1');
    const sealed = ring.encrypt('6222021234567890123', 'customers.refund_card');

    const stranger = new PiiKeyRing([key('k2')], 'k2');
    const unknown = (() => {
      try {
        stranger.decrypt(sealed, 'customers.refund_card');
      } catch (error) {
        return error;
      }
    })();
    expect(unknown).toBeInstanceOf(PiiDecryptError);
    expect(unknown).toMatchObject({ reason: 'unknown-key', keyId: 'k1' });
    expect((unknown as Error).message).toContain('"k1", which is not in PII_KEYS');

    const impostor = new PiiKeyRing([key('k1')], 'k1');
    expect(() => impostor.decrypt(sealed, 'customers.refund_card')).toThrow(/does not open with key "k1"/);
    expect(() => ring.decrypt(sealed, 'customers.id_number')).toThrow(/does not open with key "k1"/);

    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => ring.decrypt(parts.join('.'), 'customers.refund_card')).toThrow(PiiDecryptError);
    expect(() => ring.decrypt('6222021234567890123', 'customers.refund_card')).toThrow(/not an encrypted value/);
  });

  it('keeps old keys readable after the active key changes', () => {
    const k1 = key('k1');
    const k2 = key('k2');
    const before = new PiiKeyRing([k1], 'k1').encrypt('secret', 'c');
    const rotated = new PiiKeyRing([k1, k2], 'k2');
    expect(rotated.decrypt(before, 'c')).toBe('secret');
    expect(rotated.isStale(before)).toBe(true);
    const after = rotated.encrypt('secret', 'c');
    expect(keyIdOf(after)).toBe('k2');
    expect(rotated.isStale(after)).toBe(false);
  });

  it('parses PII_KEYS and refuses bad entries with a message that names them', () => {
    const entry = newKeyEntry('2026-a');
    expect(parseKeyList(`${entry}, ${newKeyEntry('b')}`).map((k) => k.id)).toEqual(['2026-a', 'b']);
    expect(parseKeyList('')).toEqual([]);
    expect(() => parseKeyList('k1:c2hvcnQ=')).toThrow(/"k1": the key must be 32 bytes/);
    expect(() => parseKeyList('no-colon')).toThrow(/expected kid:base64key/);
    expect(() => parseKeyList(`a.b:${entry.split(':')[1]}`)).toThrow(/expected kid:base64key/);
    expect(() => parseKeyList(`${entry},${entry}`)).toThrow(/listed twice/);
    expect(() => new PiiKeyRing(parseKeyList(entry), 'other')).toThrow(/PII_ACTIVE_KEY_ID "other" is not one of the keys/);
  });
});
