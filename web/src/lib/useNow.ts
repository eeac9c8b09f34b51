// The current time on the server's clock, re-rendering the caller every `intervalMs` (countdowns)
// and as soon as an answer shows the server's clock differs from what was assumed.
import { useEffect, useState } from 'react';
import { onServerClockChange, serverNow } from './serverClock.ts';

export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const tick = () => setNow(serverNow());
    const timer = setInterval(tick, intervalMs);
    const unsubscribe = onServerClockChange(tick);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [intervalMs]);
  return now;
}
