import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';

const latest = migrations.at(-1)!.version;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-migrate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('schema migrations', () => {
  it('numbers migrations 1, 2, 3… with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('brings an empty database to the latest version, and a second run changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    const schema = db.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all();
    migrate(db);
    expect(db.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all()).toEqual(schema);
  });

  it('keeps state in a data directory across reopen', () => {
    const dir = tempDir();
    const first = openDatabase(dir);
    first.prepare(`INSERT INTO sqs_queues (account_id, region, name, settings_json, created_at_ms, last_modified_at_ms) VALUES ('1', 'r', 'q', '{}', 0, 0)`).run();
    first.close();
    const second = openDatabase(dir);
    expect(second.prepare(`SELECT name FROM sqs_queues`).pluck().all()).toEqual(['q']);
    second.close();
  });

  it('refuses a database written by a newer wharf, without touching it', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const raw = new Database(join(dir, 'wharf.db'));
    raw.pragma(`user_version = ${latest + 1}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/written by a newer wharf/);
    const check = new Database(join(dir, 'wharf.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(latest + 1);
    check.close();
  });
});
