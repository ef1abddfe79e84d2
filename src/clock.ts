/**
 * The only place in wharf that reads the wall clock or sets timers. Engines take a Clock, so
 * tests (and users, through the virtual clock) move time instead of sleeping.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /**
   * Resolves after `ms` of this clock's time, or early (without error) when `signal` aborts.
   * Moving the clock forward uses up sleeps; moving it back neither ends nor stretches them.
   */
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
  wake: () => void;
}

/**
 * Sleepers of a clock that jumps from `fromMs` to `toMs`, and the ones now due, in wake order.
 * A jump back shifts every sleeper back with it: each keeps its remaining time, so a 20 s long
 * poll or a 5 s heartbeat never waits for the distance moved back.
 */
function dueAfterMove<S extends Sleeper>(sleepers: Iterable<S>, fromMs: number, toMs: number): S[] {
  const all = [...sleepers];
  if (toMs < fromMs) for (const s of all) s.wakeAtMs += toMs - fromMs;
  return all.filter((s) => s.wakeAtMs <= toMs).sort((a, b) => a.wakeAtMs - b.wakeAtMs);
}

/** A clock that moves only when told to; due sleepers wake in time order as it moves. */
export class ManualClock implements Clock {
  private nowMs: number;
  private readonly sleepers = new Set<Sleeper>();

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
        wake: () => {
          this.sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
    });
  }

  advance(ms: number): void {
    this.set(this.nowMs + ms);
  }

  set(epochMs: number): void {
    const due = dueAfterMove(this.sleepers, this.nowMs, epochMs);
    this.nowMs = epochMs;
    for (const sleeper of due) sleeper.wake();
  }

  /** How many sleepers are waiting: lets a test know a long poll has started waiting. */
  get pendingSleepers(): number {
    return this.sleepers.size;
  }
}

/** setTimeout's ceiling (about 24.8 days); a longer sleep re-arms when its timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface TimedSleeper extends Sleeper {
  timer?: NodeJS.Timeout;
}

/**
 * The running server's clock: real time plus an offset that only an explicit request changes
 * (POST /_wharf/clock, the test fixture). It keeps flowing at real speed after a move. On every
 * move, sleepers that are now due wake in time order and the rest get real timers for their new
 * remaining time, so long polls, retry backoffs and heartbeats follow the virtual time.
 */
export class VirtualClock implements Clock {
  private offsetMs = 0;
  private readonly sleepers = new Set<TimedSleeper>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far the clock is from real time (0: it follows real time exactly). */
  get offsetMillis(): number {
    return this.offsetMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper: TimedSleeper = {
        wakeAtMs: this.now() + ms,
        wake: () => {
          clearTimeout(sleeper.timer);
          this.sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
      this.arm(sleeper);
    });
  }

  /** Moves the clock forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance takes a finite number of ms ≥ 0, not ${ms}`);
    this.moveOffset(this.offsetMs + ms);
  }

  /** Sets the clock to `epochMs`, forward or back; it keeps flowing from there. */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError(`set takes finite epoch ms, not ${epochMs}`);
    this.moveOffset(epochMs - Date.now());
  }

  /** Back to real time (offset 0). */
  real(): void {
    this.moveOffset(0);
  }

  get pendingSleepers(): number {
    return this.sleepers.size;
  }

  private moveOffset(offsetMs: number): void {
    const realNow = Date.now();
    const due = dueAfterMove(this.sleepers, realNow + this.offsetMs, realNow + offsetMs);
    this.offsetMs = offsetMs;
    for (const sleeper of due) sleeper.wake();
    for (const sleeper of this.sleepers) this.arm(sleeper);
  }

  private arm(sleeper: TimedSleeper): void {
    clearTimeout(sleeper.timer);
    const remainingMs = sleeper.wakeAtMs - this.now();
    sleeper.timer = setTimeout(() => (this.now() >= sleeper.wakeAtMs ? sleeper.wake() : this.arm(sleeper)), Math.min(Math.max(0, remainingMs), MAX_TIMER_MS));
  }
}

/**
 * A span of clock time that only forward movement uses up, for waits a client sees as a
 * duration (a long poll's WaitTimeSeconds, a subscription's 5 minutes): a clock set back
 * neither ends nor stretches it, and a clock moved forward past it ends it.
 */
export class Countdown {
  private lastNowMs: number;
  private leftMs: number;

  constructor(
    private readonly clock: Clock,
    ms: number,
  ) {
    this.lastNowMs = clock.now();
    this.leftMs = ms;
  }

  remainingMs(): number {
    const now = this.clock.now();
    if (now > this.lastNowMs) this.leftMs -= now - this.lastNowMs;
    this.lastNowMs = now;
    return Math.max(0, this.leftMs);
  }
}
