// Error tallies and latency percentiles.
import { describeFailure, type Reply } from './client.js';

const MAX_DISTINCT_ERRORS = 8;

/** Counts requests and errors, keeping a few distinct error descriptions for the report. */
export class Tally {
  requests = 0;
  errors = 0;
  readonly samples = new Map<string, number>();

  /** @param signal once aborted (scenario time limit), network failures are our doing, not the server's. */
  constructor(private readonly signal?: AbortSignal) {}

  /** Record a reply; returns true when it is an HTTP 200. */
  check(reply: Reply): boolean {
    if (reply.status === 200) {
      this.requests++;
      return true;
    }
    if (reply.status === 0 && this.signal?.aborted) return false;
    this.fail(describeFailure(reply));
    return false;
  }

  /** Record a failure that is not a non-200 (a Failed batch entry, a wrong reply shape...). */
  fail(description: string, countAsRequest = true): void {
    if (countAsRequest) this.requests++;
    this.errors++;
    const key = description.slice(0, 200);
    if (this.samples.has(key) || this.samples.size < MAX_DISTINCT_ERRORS) {
      this.samples.set(key, (this.samples.get(key) ?? 0) + 1);
    }
  }

  errorSummary(): string[] {
    return [...this.samples.entries()].map(([text, count]) => `${count}× ${text}`);
  }
}

/** Nearest-rank percentile of an unsorted sample; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
