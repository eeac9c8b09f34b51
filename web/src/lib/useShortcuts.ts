// Single-key shortcuts for the pages handlers use all day. Keys are ignored while the user types
// in a field or holds a modifier, so they never eat text.
import { useEffect, useRef } from 'react';
import { dialogOpen } from './dom.ts';

export type ShortcutMap = Record<string, () => void>;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="combobox"]') !== null;
}

export function useShortcuts(map: ShortcutMap, enabled = true): void {
  // The latest handlers without re-binding the listener on every render.
  const current = useRef(map);
  current.current = map;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      // An open dialog owns the keyboard.
      if (dialogOpen()) return;
      const handler = current.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
