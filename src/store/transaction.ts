import type { Db } from './database.js';

/** Runs `fn` in one SQLite transaction and returns its result. `fn` is synchronous: never an await inside. */
export type InTransaction = <T>(fn: () => T) => T;

/**
 * The one way wharf opens a transaction. `immediate` (writes) takes the write lock at BEGIN, so
 * a transaction never fails half-way upgrading a read lock; `deferred` (reads) only ever reads
 * and gives a consistent snapshot. Nested calls become savepoints (better-sqlite3).
 */
export function transactionRunner(db: Db, mode: 'immediate' | 'deferred' = 'immediate'): InTransaction {
  const transaction = db.transaction((fn: () => unknown) => fn());
  const begin = mode === 'immediate' ? transaction.immediate : transaction.deferred;
  return <T>(fn: () => T) => begin(fn) as T;
}
