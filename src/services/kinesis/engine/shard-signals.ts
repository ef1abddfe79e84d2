/**
 * Wakes SubscribeToShard subscriptions when records arrive in their shard, so pushes follow puts
 * within milliseconds instead of on a polling timer.
 */
export class ShardSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves at the next put into the shard, or when `signal` aborts. */
  nextPut(streamId: number, shardIndex: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const key = `${streamId}/${shardIndex}`;
      const set = this.waiters.get(key) ?? new Set();
      this.waiters.set(key, set);
      const wake = () => {
        set.delete(wake);
        if (set.size === 0) this.waiters.delete(key);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      set.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  notify(streamId: number, shardIndex: number): void {
    for (const wake of [...(this.waiters.get(`${streamId}/${shardIndex}`) ?? [])]) wake();
  }

  notifyAll(): void {
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }

  /** Subscriptions waiting for a put: none may outlive its request. */
  get waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }
}
