/**
 * Wakes long-polling receives when a queue may have a message for them. A send notifies the
 * queue after its transaction commits. A notify wakes one waiter, the longest waiting; it claims,
 * or goes back to sleep with its timer set for the queue's next delayed or in-flight message.
 * A receive that leaves (it claimed messages and more may be left, its wait ended, its client
 * went) wakes the next, so the wake-up and the watch on the next visible message are never lost
 * with it. A send thus costs the claims it needs plus one, not one per waiter: 1,000 long polls
 * woken by every send would run 1,000 claims each time. No polling of the database.
 */
export class QueueSignals {
  private readonly waiters = new Map<number, Set<() => void>>();

  /** Resolves when this waiter's turn comes at a notify for this queue, or when `signal` aborts. */
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

  /** Wakes the longest-waiting receive on the queue (a Set iterates in insertion order). */
  notify(queueId: number): void {
    const first = this.waiters.get(queueId)?.values().next();
    if (first && !first.done) first.value();
  }

  /** Wakes every receive waiting on the queue (it was deleted): they find it gone and return empty. */
  notifyQueue(queueId: number): void {
    const set = this.waiters.get(queueId);
    if (set) for (const wake of [...set]) wake();
  }

  /** Wakes every waiter (shutdown, reset): they find nothing and return empty. */
  notifyAll(): void {
    for (const queueId of [...this.waiters.keys()]) this.notifyQueue(queueId);
  }

  get waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  /** Queues with a waiter: back to 0 once every receive has returned (a leak check for tests). */
  get queuesWaitedOn(): number {
    return this.waiters.size;
  }
}
