// Field encryption for sensitive personal data (RISK-2): AES-256-GCM with a key ring. Each
// ciphertext names the key that sealed it — `v1.<kid>.<iv>.<tag>.<ct>`, base64url parts — so keys
// can be rotated while old ciphertexts still open, and a wrong or missing key fails loudly instead
// of returning garbage. The context (e.g. "customers.id_number") is authenticated with the data,
// so a ciphertext copied into another column does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Key ids travel inside ciphertexts, between dots: letters, digits, '_' and '-'. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface PiiKey {
  id: string;
  key: Buffer;
}

/** Why a ciphertext did not open: unknown key id, wrong key or altered data, or not a ciphertext. */
export class PiiDecryptError extends Error {
  readonly reason: 'malformed' | 'unknown-key' | 'not-authentic';
  readonly keyId: string | null;
  constructor(reason: PiiDecryptError['reason'], message: string, keyId: string | null = null) {
    super(message);
    this.name = 'PiiDecryptError';
    this.reason = reason;
    this.keyId = keyId;
  }
}

/** "kid:base64key,kid2:base64key" → keys; throws a message naming the bad entry. */
export function parseKeyList(text: string): PiiKey[] {
  const keys: PiiKey[] = [];
  for (const entry of text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new Error(`PII key "${entry.slice(0, 12)}…": expected kid:base64key with a kid of letters, digits, _ or - (at most 32)`);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`PII key "${id}": the key must be ${KEY_BYTES} bytes in base64 (got ${key.length})`);
    if (keys.some((k) => k.id === id)) throw new Error(`PII key "${id}" is listed twice`);
    keys.push({ id, key });
  }
  return keys;
}

/** A fresh random key as PII_KEYS lists it. */
export function newKeyEntry(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export class PiiKeyRing {
  readonly activeKeyId: string;
  readonly #keys: Map<string, Buffer>;

  constructor(keys: readonly PiiKey[], activeKeyId: string) {
    if (keys.length === 0) throw new Error('the PII key ring is empty');
    this.#keys = new Map(keys.map((k) => [k.id, k.key]));
    if (!this.#keys.has(activeKeyId)) throw new Error(`PII_ACTIVE_KEY_ID "${activeKeyId}" is not one of the keys in PII_KEYS (${[...this.#keys.keys()].join(', ')})`);
    this.activeKeyId = activeKeyId;
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** Seals a value with the active key. */
  encrypt(plain: string, context: string): string {
    const key = this.#keys.get(this.activeKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(this.activeKeyId, context));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.activeKeyId, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join('.');
  }

  /** Opens a value sealed with any key of the ring; throws PiiDecryptError otherwise. */
  decrypt(ciphertext: string, context: string): string {
    const { keyId, iv, tag, ct } = parseCiphertext(ciphertext);
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new PiiDecryptError('unknown-key', `the value was encrypted with key "${keyId}", which is not in PII_KEYS (known: ${this.keyIds.join(', ')})`, keyId);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(aad(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiDecryptError('not-authentic', `the value does not open with key "${keyId}": a different key under that id, another field's value, or altered data`, keyId);
    }
  }

  /** True when the value was sealed with another key than the active one (rotation rewrites it). */
  isStale(ciphertext: string): boolean {
    return keyIdOf(ciphertext) !== this.activeKeyId;
  }
}

/** The key id a ciphertext names (no key needed). */
export function keyIdOf(ciphertext: string): string {
  return parseCiphertext(ciphertext).keyId;
}

function parseCiphertext(text: string): { keyId: string; iv: Buffer; tag: Buffer; ct: Buffer } {
  const parts = text.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID.test(parts[1] ?? '')) {
    throw new PiiDecryptError('malformed', 'not an encrypted value (expected v1.<kid>.<iv>.<tag>.<ciphertext>)');
  }
  const iv = Buffer.from(parts[2]!, 'base64url');
  const tag = Buffer.from(parts[3]!, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new PiiDecryptError('malformed', 'not an encrypted value (bad iv or tag length)');
  return { keyId: parts[1]!, iv, tag, ct: Buffer.from(parts[4]!, 'base64url') };
}

const b64 = (b: Buffer) => b.toString('base64url');
const aad = (keyId: string, context: string) => Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8');
