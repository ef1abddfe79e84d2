/** One measurement of the wharf under soak. */
export interface Sample {
  /** Seconds since wharf started. */
  atS: number;
  rssMiB: number;
  heapMiB: number;
  /** process.getActiveResourcesInfo().length: sockets, timers, … */
  handles: number;
  /** Event-loop delay since the previous sample. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Event-loop delay p99 since wharf started. */
  wholeRunLoopP99Ms: number;
  /** wharf.db plus its WAL file. */
  dbMiB: number;
}

export type Metric = 'rssMiB' | 'heapMiB' | 'handles' | 'dbMiB';

/** Least-squares slope of `metric` per minute over the samples taken in the second half of the run. */
export function secondHalfSlopePerMinute(samples: Sample[], metric: Metric): number {
  if (samples.length < 2) return 0;
  const endS = samples[samples.length - 1]!.atS;
  const half = samples.filter((s) => s.atS >= endS / 2);
  if (half.length < 2) return 0;
  const xs = half.map((s) => s.atS / 60);
  const ys = half.map((s) => s[metric]);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
