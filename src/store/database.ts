import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WHARF_VERSION } from '../version.js';
import { unusableDataDir } from './data-dir-errors.js';
import { forgetHolder, lockDataDir } from './data-dir-lock.js';
import { checkSchemaVersion, migrate } from './migrate.js';
import { enableIncrementalVacuum } from './space.js';

export type Db = Database.Database;

/**
 * How hard a commit tries before the request that made it is answered (with a data directory).
 * Both keep the database consistent; they differ in what a crash below the process can undo.
 * - `normal` (synchronous=NORMAL): a commit is in the WAL file, in the OS's page cache, before
 *   the reply. A process crash (kill -9, OOM kill, container stop) loses nothing acknowledged;
 *   an OS crash or power loss may roll back the commits since the WAL was last synced (at each
 *   checkpoint).
 * - `full` (synchronous=FULL): the WAL is fsync'd at every commit, so nothing acknowledged is
 *   lost to an OS crash or power loss either (on storage that honours fsync); one fsync per
 *   write request.
 * https://www.sqlite.org/pragma.html#pragma_synchronous
 */
export type Durability = 'normal' | 'full';

export interface OpenOptions {
  durability?: Durability;
}

const dataDirs = new WeakMap<Db, string>();

/**
 * Opens wharf's database: in memory when `dataDir` is undefined, else `<dataDir>/wharf.db`,
 * locked against every other process (DataDirError 'in-use') and refused, untouched, when a
 * newer wharf wrote it (DataDirError 'newer-schema').
 */
export function openDatabase(dataDir: string | undefined, options: OpenOptions = {}): Db {
  let db: Db;
  if (dataDir) {
    try {
      db = openInDataDir(dataDir, options);
    } catch (err) {
      throw unusableDataDir(dataDir, err);
    }
  } else {
    db = new Database(':memory:');
  }
  db.pragma('foreign_keys = ON');
  try {
    migrate(db);
  } catch (err) {
    closeDatabase(db);
    throw dataDir ? unusableDataDir(dataDir, err) : err;
  }
  return db;
}

function openInDataDir(dataDir: string, options: OpenOptions): Db {
  mkdirSync(dataDir, { recursive: true });
  if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  // Asked up front: SQLite would otherwise open a read-only directory's database read-only and
  // fail later, at the first write, with a less helpful message.
  accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  const db = new Database(join(dataDir, 'wharf.db'));
  try {
    lockDataDir(db, dataDir, WHARF_VERSION);
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
  dataDirs.set(db, dataDir);
  try {
    checkSchemaVersion(db);
    enableIncrementalVacuum(db);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  return db;
}

/** Closes the database and, for a data directory, removes the holder note before the lock goes. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  const dataDir = dataDirs.get(db);
  if (dataDir) forgetHolder(dataDir);
  db.close();
}
