/** One batch a mapping handed to its function, for inspection and tests. */
export interface InvocationRecord {
  atMs: number;
  /** Records handed to the function (after filtering). */
  batchSize: number;
  /** ok: all processed; partial: some reported as failures; error: a function error; filtered: nothing matched, no invocation. */
  outcome: 'ok' | 'partial' | 'error' | 'filtered';
  durationMs: number;
  error?: string;
  /** Identifiers the function reported as failed (ReportBatchItemFailures). */
  failedItems?: string[];
}

const KEPT_PER_MAPPING = 100;

/** The recent invocations of each mapping, newest last, in memory (bounded). */
export class InvocationLog {
  private readonly byMapping = new Map<string, InvocationRecord[]>();
  /** Total records per mapping (the kept list is bounded), for waiters. */
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<{ uuid: string; count: number; wake: () => void }>();

  /** Resolves once the mapping has recorded `count` invocations in all (a test's sync point: no sleeping). */
  waitFor(uuid: string, count: number): Promise<void> {
    if ((this.counts.get(uuid) ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ uuid, count, wake: resolve }));
  }

  record(uuid: string, invocation: InvocationRecord): void {
    let list = this.byMapping.get(uuid);
    if (!list) this.byMapping.set(uuid, (list = []));
    list.push(invocation);
    if (list.length > KEPT_PER_MAPPING) list.shift();
    const total = (this.counts.get(uuid) ?? 0) + 1;
    this.counts.set(uuid, total);
    for (const waiter of [...this.waiters]) {
      if (waiter.uuid === uuid && total >= waiter.count) {
        this.waiters.delete(waiter);
        waiter.wake();
      }
    }
  }

  of(uuid: string): readonly InvocationRecord[] {
    return this.byMapping.get(uuid) ?? [];
  }

  clear(): void {
    this.byMapping.clear();
    this.counts.clear();
  }
}
