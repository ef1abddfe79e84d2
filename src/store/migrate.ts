import type Database from 'better-sqlite3';
import { WHARF_VERSION } from '../version.js';
import { DataDirError } from './data-dir-errors.js';
import { migrations } from './migrations/index.js';
import { transactionRunner } from './transaction.js';

/** The schema version this wharf writes: the last migration's. */
export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

/**
 * Refuses a database written by a newer wharf. Call before changing anything (journal mode
 * included), so a refused database is left exactly as it was.
 */
export function checkSchemaVersion(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const _inTransaction = transactionRunner(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new DataDirError(
      'newer-schema',
      `this data directory was written by a newer wharf: its schema version is ${current}, and this wharf (${WHARF_VERSION}) knows versions up to ${LATEST_SCHEMA_VERSION}. ` +
        'Nothing was changed. Run a newer wharf on it, or use another WHARF_DATA_DIR.',
    );
  }
}

/**
 * Forward-only migrations keyed on PRAGMA user_version. Each runs in its own immediate
 * transaction with the version bump, so a crash leaves the database at a whole version.
 * A database written by a newer wharf is refused rather than touched. `targetVersion` stops
 * early (tests build a database as an older wharf left it).
 */
export function migrate(db: Database.Database, targetVersion = LATEST_SCHEMA_VERSION): void {
  checkSchemaVersion(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  const inTransaction = transactionRunner(db);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > targetVersion) continue;
    inTransaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
}
