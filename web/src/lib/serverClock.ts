// The server's time as this page sees it. Deadlines, countdowns and "expired" are the server's
// to decide: a browser whose clock is off (or a server on a simulated clock) would otherwise show
// a case as overdue that is not. Every API answer carries the server's time; the difference to
// the browser's clock is kept and applied.
let offsetMs = 0;
const listeners = new Set<() => void>();
// Below this the difference is the answer's own travel time, not worth a re-render.
const NOTICEABLE_MS = 1_000;

/** Called with the `x-server-time` header (epoch ms) of an API answer. */
export function noteServerTime(header: string | null): void {
  const serverMs = header === null ? Number.NaN : Number(header);
  if (!Number.isFinite(serverMs)) return;
  const next = serverMs - Date.now();
  if (Math.abs(next - offsetMs) < NOTICEABLE_MS) return;
  offsetMs = next;
  for (const listener of listeners) listener();
}

/** A moment the browser recorded (a query's dataUpdatedAt), on the server's clock; 0 stays 0 (never fetched). */
export function onServerClock(browserMs: number): number {
  return browserMs > 0 ? browserMs + offsetMs : browserMs;
}

/** Now, on the server's clock (epoch ms). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Calls `listener` whenever the server's clock turns out to differ from what was assumed. */
export function onServerClockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
