import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirError } from '../../src/store/data-dir-errors.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';

const dirs: string[] = [];
const open: Db[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-db-'));
  dirs.push(dir);
  return dir;
};
const opened = (db: Db) => {
  open.push(db);
  return db;
};
afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function refusal(fn: () => unknown): DataDirError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataDirError) return err;
    throw err;
  }
  throw new Error('expected a DataDirError');
}

describe('the database in a data directory', () => {
  it('uses WAL with synchronous=NORMAL by default and FULL with durability full', () => {
    const normal = opened(openDatabase(tempDir()));
    expect(normal.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(normal.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const full = opened(openDatabase(tempDir(), { durability: 'full' }));
    expect(full.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(full.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('holds the file exclusively while open: a second opener is refused, saying who holds it, until the first closes', () => {
    const dir = tempDir();
    const first = openDatabase(dir);
    expect(first.pragma('locking_mode', { simple: true })).toBe('exclusive');
    const holder = JSON.parse(readFileSync(join(dir, 'wharf.lock'), 'utf8')) as Record<string, unknown>;
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() });

    const error = refusal(() => openDatabase(dir));
    expect(error.kind).toBe('in-use');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      `the data directory ${dir} is in use by another wharf process (wharf ${String(holder.version)}, pid ${process.pid} on host ${hostname()}, started ${String(holder.startedAt)}). ` +
        'Two processes must not share one data directory: stop the other one, or give this one another WHARF_DATA_DIR.',
    );

    closeDatabase(first);
    expect(() => readFileSync(join(dir, 'wharf.lock'))).toThrow(/ENOENT/);
    opened(openDatabase(dir));
  });

  it('says so when the holder left no note', () => {
    const dir = tempDir();
    opened(openDatabase(dir));
    rmSync(join(dir, 'wharf.lock'));
    expect(refusal(() => openDatabase(dir)).message).toContain(`is in use by another process (${join(dir, 'wharf.lock')} does not say which)`);
  });

  it('ignores a leftover wharf.lock when nobody holds the database (the note is not the lock)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'wharf.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2020-01-01T00:00:00.000Z', version: '0.0.1' }));
    const db = opened(openDatabase(dir));
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  });

  it('keeps an in-memory database free of all this', () => {
    const db = opened(openDatabase(undefined));
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
  });
});
