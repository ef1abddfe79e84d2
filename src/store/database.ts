import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * Opens wharf's database: in memory when `dataDir` is undefined, else `<dataDir>/wharf.db`.
 * WAL lets readers run beside the writer; synchronous=NORMAL keeps every committed transaction
 * across a process crash (an OS crash may lose the last few), which the README states.
 */
export function openDatabase(dataDir: string | undefined): Db {
  let db: Db;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, 'wharf.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  } else {
    db = new Database(':memory:');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
