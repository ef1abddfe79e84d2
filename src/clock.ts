/**
 * The only place in wharf that reads the wall clock or sets timers. Engines take a Clock, so
 * tests (and users, through the virtual clock) move time instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` of this clock's time, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}

interface Sleeper {
  wakeAtMs: number;
  resolve: () => void;
}

/** A clock that moves only when told to; due sleepers wake in time order as it moves. */
export class ManualClock implements Clock {
  private nowMs: number;
  private sleepers: Sleeper[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper: Sleeper = {
        wakeAtMs: this.nowMs + ms,
        resolve: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener('abort', sleeper.resolve);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', sleeper.resolve, { once: true });
    });
  }

  advance(ms: number): void {
    this.set(this.nowMs + ms);
  }

  set(epochMs: number): void {
    this.nowMs = epochMs;
    const due = this.sleepers.filter((s) => s.wakeAtMs <= epochMs).sort((a, b) => a.wakeAtMs - b.wakeAtMs);
    for (const sleeper of due) sleeper.resolve();
  }

  /** How many sleepers are waiting: lets a test know a long poll has started waiting. */
  get pendingSleepers(): number {
    return this.sleepers.length;
  }
}
