// Configuration that changes rarely but is read on every request (policy versions, SLA targets,
// routing rules and queues) is kept in-process for a few seconds. A change committed by this
// process forgets it at once; another process sees the change within the time to live.

import type { Kysely } from 'kysely';

export const CONFIG_TTL_MS = 5_000;

export interface ConfigCache<T> {
  /** The kept value for this database and key, or a fresh load (concurrent callers share one load). */
  get(db: Kysely<any>, key: string, load: () => Promise<T>): Promise<T>;
  /** Forgets everything kept: call after the change committed. */
  forget(): void;
}

export function createConfigCache<T>(ttlMs = CONFIG_TTL_MS): ConfigCache<T> {
  let generation = 0;
  // Per database, so two installations in one process (tests) never share values. A transaction
  // shares its database's adapter object, so reads inside one find what the database keeps.
  const perDb = new WeakMap<object, Map<string, { value: Promise<T>; until: number; generation: number }>>();
  return {
    get(db, key, load) {
      const owner = db.getExecutor().adapter;
      let entries = perDb.get(owner);
      if (!entries) {
        entries = new Map();
        perDb.set(owner, entries);
      }
      const hit = entries.get(key);
      if (hit && hit.generation === generation && hit.until > performance.now()) return hit.value;
      const started = generation;
      const value = load();
      const entry = { value, until: performance.now() + ttlMs, generation: started };
      entries.set(key, entry);
      // A failed load is not kept; the next caller tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    forget() {
      generation += 1;
    },
  };
}
