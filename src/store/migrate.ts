import type Database from 'better-sqlite3';
import { migrations } from './migrations/index.js';

/**
 * Forward-only migrations keyed on PRAGMA user_version. Each runs in its own immediate
 * transaction with the version bump, so a crash leaves the database at a whole version.
 * A database written by a newer wharf is refused rather than touched.
 */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`This data directory was written by a newer wharf (schema version ${current}; this wharf knows up to ${latest}). Upgrade wharf or use another WHARF_DATA_DIR.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
