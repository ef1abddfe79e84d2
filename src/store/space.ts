import type { Db } from './database.js';

/**
 * Giving disk space back. SQLite reuses the pages of deleted rows (messages deleted or past
 * their retention, trimmed Kinesis records, the capped SNS delivery log) but never returns them
 * to the file system by itself; with auto_vacuum=INCREMENTAL, `incremental_vacuum` moves free
 * pages to the end of the file and truncates it. https://www.sqlite.org/pragma.html#pragma_auto_vacuum
 */

/** The WAL file is truncated to this after a checkpoint, instead of keeping its largest size. */
const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;
/** Free pages kept for reuse (4 MiB at 4 KiB pages): a queue that empties and refills does not shrink and regrow the file each time. */
const KEEP_FREE_PAGES = 1024;
/** Pages returned per call: a short pause (a few ms), not one long one. */
const PAGES_PER_STEP = 4096;

/**
 * Turns on incremental auto-vacuum. A database made without it is rebuilt once with VACUUM (the
 * only way to change the setting; instant for a new file, once per existing data directory).
 */
export function enableIncrementalVacuum(db: Db): void {
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const INCREMENTAL = 2;
  if (db.pragma('auto_vacuum', { simple: true }) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  // Needed even for a new file once its first page is written (the data-dir lock writes it).
  db.exec('VACUUM');
}

/** Returns free pages beyond KEEP_FREE_PAGES to the file system; the number of pages returned. */
export function reclaimFreePages(db: Db): number {
  if (!db.open) return 0;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  const surplus = free - KEEP_FREE_PAGES;
  if (surplus <= 0) return 0;
  const pages = Math.min(surplus, PAGES_PER_STEP);
  db.pragma(`incremental_vacuum(${pages})`);
  return pages;
}
