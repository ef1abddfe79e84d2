import type Database from 'better-sqlite3';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataDirError } from './data-dir-errors.js';

/** Who holds a data directory: written beside the database only to explain a refusal. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  version: string;
}

export const LOCK_FILE = 'wharf.lock';

/**
 * Makes this connection the only one that can use `<dataDir>/wharf.db`, for as long as it is
 * open. The lock is SQLite's own (a POSIX advisory lock on the database file, taken by
 * `BEGIN EXCLUSIVE` and kept by `locking_mode=EXCLUSIVE`), so the kernel drops it the moment the
 * process dies, even by kill -9: no stale lock survives to block a restart, and no pid has to be
 * checked (a pid means nothing in another container sharing the volume). In exclusive mode WAL
 * keeps its index in process memory instead of a `-shm` file, which no other process needs.
 * https://www.sqlite.org/pragma.html#pragma_locking_mode, https://www.sqlite.org/wal.html#noshm
 *
 * Must run before anything else reads the database. Throws DataDirError('in-use'), after
 * closing `db`, when another process holds it.
 */
export function lockDataDir(db: Database.Database, dataDir: string, version: string): void {
  db.pragma('locking_mode = EXCLUSIVE');
  // Ask once, do not wait: a holder keeps the lock for its whole life.
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw err;
    db.close();
    throw new DataDirError('in-use', inUseMessage(dataDir, readHolder(dataDir)));
  }
  writeHolder(dataDir, { pid: process.pid, host: hostname(), startedAt: new Date(performance.timeOrigin).toISOString(), version });
}

/** Removes the holder note; call while the lock is still held, so it never removes a successor's note. */
export function forgetHolder(dataDir: string): void {
  rmSync(join(dataDir, LOCK_FILE), { force: true });
}

function writeHolder(dataDir: string, holder: LockHolder): void {
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(holder)}\n`);
  renameSync(`${path}.tmp`, path);
}

function readHolder(dataDir: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.startedAt !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt, version: String(parsed.version ?? 'unknown') };
  } catch {
    return undefined;
  }
}

function inUseMessage(dataDir: string, holder: LockHolder | undefined): string {
  const who = holder
    ? `another wharf process (wharf ${holder.version}, pid ${holder.pid} on host ${holder.host}, started ${holder.startedAt})`
    : `another process (${join(dataDir, LOCK_FILE)} does not say which)`;
  return (
    `the data directory ${dataDir} is in use by ${who}. ` +
    'Two processes must not share one data directory: stop the other one, or give this one another WHARF_DATA_DIR.'
  );
}
