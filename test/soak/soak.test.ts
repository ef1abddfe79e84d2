import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak/run.js';

/**
 * The soak (scripts/soak.ts, `npm run soak`) for 60 s: the same load, sampling and checks as a
 * long run. A minute is mostly warm-up, so the growth bounds are loose here: it catches a fast
 * leak and any acknowledged message or record lost; the long run (RELIABILITY.md) shows flatness.
 */
describe('soak, 60 seconds (npm run soak runs it for 30 minutes)', () => {
  it('loses nothing acknowledged and does not grow fast under steady mixed load on all three services', async () => {
    const result = await runSoak({
      durationMs: 60_000,
      sampleEveryMs: 2_000,
      maxSlopePerMinute: { rssMiB: 40, heapMiB: 20, handles: 20, dbMiB: 20 },
      // Generous: the CI machine is shared; this catches a blocked loop, not jitter.
      maxLoopP99Ms: 1_000,
      log: () => {},
    });
    expect(result.load.errors).toBe(0);
    expect(Object.values(result.load.acknowledged).every((n) => n > 0)).toBe(true);
    expect(result.failures).toEqual([]);
  }, 240_000);
});
