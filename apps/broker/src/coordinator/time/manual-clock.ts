import type { CancelTimer, Clock } from './clock';

interface Entry {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when told to. Timers fire in deadline order (then scheduling order) as `advance` passes
 * them, including timers scheduled by the callbacks themselves, so state-machine tests are exact and instant.
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly entries: Entry[] = [];

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, callback: () => void): CancelTimer {
    const entry: Entry = { at: this.current + Math.max(0, delayMs), seq: this.seq++, callback, cancelled: false };
    this.entries.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const next = this.nextDue(until);
      if (!next) break;
      this.current = next.at;
      next.callback();
    }
    this.current = until;
  }

  /** Number of timers still waiting. */
  get pending(): number {
    return this.entries.filter((e) => !e.cancelled).length;
  }

  private nextDue(until: number): Entry | undefined {
    let best = -1;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      if (e.cancelled || e.at > until) continue;
      if (best < 0 || e.at < this.entries[best].at || (e.at === this.entries[best].at && e.seq < this.entries[best].seq)) best = i;
    }
    if (best < 0) return undefined;
    const [entry] = this.entries.splice(best, 1);
    return entry;
  }
}
