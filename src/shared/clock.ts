// Time is injected everywhere so rules and tests never read the wall clock directly.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and the simulation mode. */
export class ManualClock implements Clock {
  #current: number;
  constructor(start: Date | string) {
    this.#current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#current);
  }
  set(to: Date | string): void {
    this.#current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#current += ms;
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
