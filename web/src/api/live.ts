// Live case page: follows the case's event stream (refreshing the case when it changes) and, for
// handlers, says every 20 s that the page is open and whether its user is editing, so others
// see who else is on the case.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { dialogOpen } from '../lib/dom.ts';
import { api, openEventStream } from './client.ts';

export interface Presence {
  userId: string;
  displayName: string;
  role: string;
  editing: boolean;
  seenAt: string;
}

const HEARTBEAT_MS = 20_000;
const RECONNECT_MS = 5_000;

/** Someone is editing when a text field has focus or an action form (modal) is open. */
function isEditing(): boolean {
  const active = document.activeElement;
  const typing = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(active.type));
  return typing || dialogOpen();
}

/** Splits an event-stream text into complete events; returns them and the unfinished rest. */
export function parseEvents(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event && data !== undefined) events.push({ event, data });
  }
  return { events, rest };
}

export function useCaseLive(caseNo: string, announce: boolean): Presence[] {
  const queryClient = useQueryClient();
  const [others, setOthers] = useState<Presence[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const path = `/api/v1/cases/${encodeURIComponent(caseNo)}`;
    const follow = async () => {
      try {
        const reader = (await openEventStream(`${path}/live`, abort.signal)).getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
          buffer = parsed.rest;
          for (const { event, data } of parsed.events) {
            if (event === 'changed') void queryClient.invalidateQueries({ queryKey: ['case', caseNo] });
            if (event === 'presence') setOthers((JSON.parse(data) as { others: Presence[] }).others);
          }
        }
      } catch {
        // dropped or refused: try again shortly, unless the page is gone
      }
      if (!abort.signal.aborted) retry = setTimeout(() => void follow(), RECONNECT_MS);
    };
    void follow();
    return () => {
      abort.abort();
      clearTimeout(retry);
    };
  }, [caseNo, queryClient]);

  useEffect(() => {
    if (!announce) return undefined;
    const path = `/api/v1/cases/${encodeURIComponent(caseNo)}/presence`;
    let editing = isEditing();
    let left = false;
    // One call after the other, so the last word (leaving) cannot be overtaken by a heartbeat
    // still on its way, which would show this user on the case for another minute.
    let last: Promise<unknown> = Promise.resolve();
    const send = (method: 'PUT' | 'DELETE') => {
      last = last.then(() => api(method, path, method === 'PUT' ? { body: { editing } } : undefined)).catch(() => undefined);
    };
    const beat = () => {
      if (!left) send('PUT');
    };
    const check = () => {
      const now = isEditing();
      if (now !== editing) {
        editing = now;
        beat();
      }
    };
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    // Focus moves and modals open after the event that caused them; look once things settled.
    const pending = new Set<ReturnType<typeof setTimeout>>();
    const later = () => {
      const id = setTimeout(() => {
        pending.delete(id);
        check();
      }, 50);
      pending.add(id);
    };
    document.addEventListener('focusin', later);
    document.addEventListener('focusout', later);
    document.addEventListener('click', later);
    return () => {
      left = true;
      clearInterval(timer);
      for (const id of pending) clearTimeout(id);
      document.removeEventListener('focusin', later);
      document.removeEventListener('focusout', later);
      document.removeEventListener('click', later);
      send('DELETE');
    };
  }, [caseNo, announce]);

  return others;
}
