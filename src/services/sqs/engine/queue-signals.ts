/**
 * Wakes long-polling receives when a queue may have a message for them. A send notifies the
 * queue's waiters after its transaction commits; waiters then try to claim, so a wake-up that
 * finds nothing (another receive was first) is harmless. No polling of the database.
 */
export class QueueSignals {
  private readonly waiters = new Map<number, Set<() => void>>();

  /** Resolves at the next notify() for this queue, or when `signal` aborts. */
  next(queueId: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      let set = this.waiters.get(queueId);
      if (!set) this.waiters.set(queueId, (set = new Set()));
      const wake = () => {
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(queueId) === set) this.waiters.delete(queueId);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      set.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  notify(queueId: number): void {
    const set = this.waiters.get(queueId);
    if (set) for (const wake of [...set]) wake();
  }

  /** Wakes every waiter (shutdown, reset): they find nothing and return empty. */
  notifyAll(): void {
    for (const queueId of [...this.waiters.keys()]) this.notify(queueId);
  }

  get waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }
}
