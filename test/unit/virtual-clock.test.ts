import { describe, expect, it } from 'vitest';
import { Countdown, ManualClock, VirtualClock } from '../../src/clock.js';

/** Records the order in which sleeps end. */
function tracked(clock: { sleep(ms: number, signal?: AbortSignal): Promise<void> }, ms: number, woke: number[], signal?: AbortSignal) {
  return clock.sleep(ms, signal).then(() => woke.push(ms));
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('VirtualClock', () => {
  it('follows real time until moved, then keeps its offset', () => {
    const clock = new VirtualClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    expect(clock.offsetMillis).toBe(0);
    clock.advance(30_000);
    expect(clock.offsetMillis).toBe(30_000);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(30_000 - 5);
    clock.set(Date.UTC(2030, 0, 1));
    expect(Math.abs(clock.now() - Date.UTC(2030, 0, 1))).toBeLessThan(50);
    clock.real();
    expect(clock.offsetMillis).toBe(0);
  });

  it('wakes the sleepers an advance makes due, in time order, and leaves the rest asleep', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    void tracked(clock, 60_000, woke);
    void tracked(clock, 20_000, woke);
    void tracked(clock, 3_600_000, woke);
    clock.advance(60_000);
    await settle();
    expect(woke).toEqual([20_000, 60_000]);
    expect(clock.pendingSleepers).toBe(1);
    clock.advance(3_600_000);
    await settle();
    expect(woke).toEqual([20_000, 60_000, 3_600_000]);
    expect(clock.pendingSleepers).toBe(0);
  });

  it('re-arms a sleeper for its remaining time: after an advance it wakes by real time', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    const sleep = tracked(clock, 60_000, woke);
    clock.advance(59_950);
    await settle();
    expect(woke).toEqual([]);
    await sleep; // about 50 ms of real time
    expect(woke).toEqual([60_000]);
  });

  it("keeps each sleeper's remaining time when set back, so no wait stretches by the distance moved", async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    const sleep = tracked(clock, 20_000, woke);
    clock.set(clock.now() - 3_600_000);
    await settle();
    expect(woke).toEqual([]);
    // Real time flows too: a margin of a second, not a millisecond.
    clock.advance(19_000);
    await settle();
    expect(woke).toEqual([]);
    clock.advance(1_000);
    await sleep;
    expect(woke).toEqual([20_000]);
  });

  it('wakes sleepers when set forward past them, as an advance does', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    void tracked(clock, 5_000, woke);
    clock.set(clock.now() + 10_000);
    await settle();
    expect(woke).toEqual([5_000]);
  });

  it('ends a sleep early when its signal aborts, and drops it', async () => {
    const clock = new VirtualClock();
    const stop = new AbortController();
    const woke: number[] = [];
    const sleep = tracked(clock, 60_000, woke, stop.signal);
    stop.abort();
    await sleep;
    expect(woke).toEqual([60_000]);
    expect(clock.pendingSleepers).toBe(0);
  });

  it('refuses to advance by a negative or non-finite amount', () => {
    const clock = new VirtualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.offsetMillis).toBe(0);
  });
});

describe('ManualClock', () => {
  it("keeps sleepers' remaining time when set back, like the VirtualClock", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const woke: number[] = [];
    void tracked(clock, 20_000, woke);
    clock.set(Date.UTC(2025, 0, 1));
    clock.advance(19_999);
    await settle();
    expect(woke).toEqual([]);
    clock.advance(1);
    await settle();
    expect(woke).toEqual([20_000]);
  });
});

describe('Countdown', () => {
  it('is used up by the clock moving forward, not stretched by it moving back', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const wait = new Countdown(clock, 20_000);
    clock.advance(5_000);
    expect(wait.remainingMs()).toBe(15_000);
    clock.set(Date.UTC(2025, 0, 1));
    expect(wait.remainingMs()).toBe(15_000);
    clock.advance(15_000);
    expect(wait.remainingMs()).toBe(0);
    clock.advance(60_000);
    expect(wait.remainingMs()).toBe(0);
  });
});
