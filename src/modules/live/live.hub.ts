// Fans the database's case-change announcements out to the console pages watching a case. One
// LISTEN per process, opened when the first page subscribes; every process sees every commit, so
// it does not matter which process served the command.
import type { Database } from '../../db/database.ts';
import { listenChannel, type Unlisten } from '../../db/listen.ts';

export const CASE_CHANGED_CHANNEL = 'afterdesk_case_changed';
/** Presence changes travel on the same channel, as `presence:<caseId>`. */
const PRESENCE_PREFIX = 'presence:';

export type CaseSignal = 'changed' | 'presence';
type Listener = (signal: CaseSignal) => void;

export interface CaseLiveHub {
  /** Calls the listener when the case changes or someone's presence on it does; returns the unsubscribe. */
  subscribe(caseId: string, listener: Listener): Promise<() => void>;
  close(): Promise<void>;
}

export function presencePayload(caseId: string): string {
  return `${PRESENCE_PREFIX}${caseId}`;
}

export function createCaseLiveHub(database: Database): CaseLiveHub {
  const listeners = new Map<string, Set<Listener>>();
  let listening: Promise<Unlisten> | null = null;

  const deliver = (caseId: string, signal: CaseSignal) => {
    for (const listener of listeners.get(caseId) ?? []) listener(signal);
  };
  const onPayload = (payload: string) => {
    if (payload.startsWith(PRESENCE_PREFIX)) return deliver(payload.slice(PRESENCE_PREFIX.length), 'presence');
    // '*': too many cases changed at once to name them; everyone watching refreshes.
    const ids = payload === '*' ? [...listeners.keys()] : payload.split(',');
    for (const id of ids) deliver(id, 'changed');
  };

  return {
    async subscribe(caseId, listener) {
      listening ??= listenChannel(database, CASE_CHANGED_CHANNEL, onPayload);
      await listening;
      const set = listeners.get(caseId) ?? new Set<Listener>();
      listeners.set(caseId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(caseId);
      };
    },
    async close() {
      listeners.clear();
      const unlisten = await listening?.catch(() => null);
      listening = null;
      await unlisten?.();
    },
  };
}
