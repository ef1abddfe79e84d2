import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { reclaimFreePages } from '../../src/store/space.js';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-space-'));
  dirs.push(dir);
  return dir;
}
const fileBytes = (dir: string) => statSync(join(dir, 'wharf.db')).size;

/** ~40 MiB of rows, then all deleted: what a drained queue leaves behind. */
function fillAndDelete(db: Db): void {
  db.exec('CREATE TABLE scratch (body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO scratch (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) insert.run(Buffer.alloc(4096, i));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('DELETE FROM scratch');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function reclaimAll(db: Db): void {
  while (reclaimFreePages(db) > 0);
  db.pragma('wal_checkpoint(TRUNCATE)');
}

describe('disk space given back (incremental vacuum)', () => {
  it('returns the pages of deleted rows to the file system, keeping a little for reuse', () => {
    const dir = dataDir();
    const db = openDatabase(dir);
    open.push(db);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    fillAndDelete(db);
    const before = fileBytes(dir);
    expect(before).toBeGreaterThan(40 * 2 ** 20);
    reclaimAll(db);
    // What stays: the schema and 1024 free pages (4 MiB) kept for reuse.
    expect(fileBytes(dir)).toBeLessThan(6 * 2 ** 20);
  });

  it('converts a data directory written before incremental vacuum, once, keeping its data', () => {
    const dir = dataDir();
    const old = openDatabase(dir);
    old.pragma('auto_vacuum = NONE');
    old.exec('VACUUM');
    old.exec('CREATE TABLE kept (v TEXT)');
    old.prepare('INSERT INTO kept VALUES (?)').run('still here');
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    closeDatabase(old);

    const db = openDatabase(dir);
    open.push(db);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.prepare('SELECT v FROM kept').pluck().get()).toBe('still here');
  });

  it('leaves an in-memory database alone', () => {
    const db = new Database(':memory:');
    expect(reclaimFreePages(db)).toBe(0);
    db.close();
  });
});
