import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfigCache } from './config-cache.ts';

const pglite = new PGlite();
const db = new Kysely<Record<string, never>>({ dialect: new PGliteDialect({ pglite }) });
const other = new Kysely<Record<string, never>>({ dialect: new PGliteDialect({ pglite }) });
afterAll(() => db.destroy());

describe('createConfigCache', () => {
  it('loads once for concurrent and later readers, inside a transaction too, until forgotten', async () => {
    const cache = createConfigCache<number>(60_000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get(db, 'k', load), cache.get(db, 'k', load)])).toEqual([1, 1]);
    expect(await db.transaction().execute((trx) => cache.get(trx, 'k', load))).toBe(1);
    expect(await cache.get(db, 'other key', load)).toBe(2);
    cache.forget();
    expect(await cache.get(db, 'k', load)).toBe(3);
  });

  it('keeps values per database and drops them after the time to live', async () => {
    const cache = createConfigCache<string>(0);
    expect(await cache.get(db, 'k', async () => 'a')).toBe('a');
    expect(await cache.get(other, 'k', async () => 'b')).toBe('b');
    expect(await cache.get(db, 'k', async () => 'c')).toBe('c');
  });

  it('does not keep a failed load', async () => {
    const cache = createConfigCache<string>(60_000);
    await expect(cache.get(db, 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get(db, 'k', async () => 'up')).toBe('up');
  });
});
