import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { Emulator } from '../../src/emulator.js';
import { DEFAULT_SETTINGS } from '../../src/services/sqs/engine/queue-attributes.js';
import { DataDirError } from '../../src/store/data-dir-errors.js';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { ACCOUNT, queueKey, REGION, receive, T0 } from '../support/sqs-engine.js';

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

const schemaOf = (db: Database.Database) => db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY name`).all();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Writes a data directory as a wharf whose newest migration was `version` left it: only the
 * migrations up to it, and rows inserted with that schema's SQL (an SQS queue with a message
 * received once and visible again; from version 3, an SNS topic with the queue subscribed).
 */
function oldDataDir(version: number): string {
  const dir = tempDir();
  const db = new Database(join(dir, 'wharf.db'));
  db.pragma('journal_mode = WAL');
  migrate(db, version);
  const queueId = db
    .prepare(
      `INSERT INTO sqs_queues (account_id, region, name, settings_json, created_at_ms, last_modified_at_ms) VALUES (?, ?, 'orders', ?, ?, ?) RETURNING queue_id`,
    )
    .pluck()
    .get(ACCOUNT, REGION, JSON.stringify(DEFAULT_SETTINGS), T0, T0);
  db.prepare(
    `INSERT INTO sqs_messages (queue_id, message_id, body, md5_of_body, sender_id, sent_at_ms, visible_at_ms, receive_count, first_received_at_ms, received_at_ms, receive_token)
     VALUES (?, 'm-1', 'written by an older wharf', ?, ?, ?, ?, 1, ?, ?, 'old-token')`,
  ).run(queueId, createHash('md5').update('written by an older wharf').digest('hex'), ACCOUNT, T0, T0 + 30_000, T0, T0);
  if (version >= 3) {
    const topicId = db
      .prepare(`INSERT INTO sns_topics (arn, account_id, region, name, attributes_json, created_at_ms) VALUES (?, ?, ?, 'events', '{}', ?) RETURNING topic_id`)
      .pluck()
      .get(`arn:aws:sns:${REGION}:${ACCOUNT}:events`, ACCOUNT, REGION, T0);
    db.prepare(
      `INSERT INTO sns_subscriptions (arn, topic_id, account_id, region, protocol, endpoint, attributes_json, pending, created_at_ms)
       VALUES (?, ?, ?, ?, 'sqs', ?, '{"RawMessageDelivery":"true"}', 0, ?)`,
    ).run(`arn:aws:sns:${REGION}:${ACCOUNT}:events:sub-1`, topicId, ACCOUNT, REGION, `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, T0);
  }
  db.close();
  return dir;
}

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
    first
      .prepare(`INSERT INTO sqs_queues (account_id, region, name, settings_json, created_at_ms, last_modified_at_ms) VALUES ('1', 'r', 'q', '{}', 0, 0)`)
      .run();
    first.close();
    const second = openDatabase(dir);
    expect(second.prepare(`SELECT name FROM sqs_queues`).pluck().all()).toEqual(['q']);
    second.close();
  });

  describe.each(migrations.slice(0, -1).map((m) => m.version))('a data directory an older wharf left at schema version %i', (version) => {
    it('opens in this wharf at the latest version, with the schema a new one gets', () => {
      const dir = oldDataDir(version);
      const upgraded = openDatabase(dir);
      expect(upgraded.pragma('user_version', { simple: true })).toBe(latest);
      const fresh = new Database(':memory:');
      migrate(fresh);
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
      upgraded.close();
    });

    it('keeps its data, which the current engines then use: the message comes back with its receive count, and FIFO works', async () => {
      const emulator = new Emulator({ dataDir: oldDataDir(version), clock: new ManualClock(T0 + 60_000) });
      try {
        const [message] = await receive(emulator.sqs, queueKey('orders'), { systemAttributeNames: ['ApproximateReceiveCount'] });
        expect(message).toMatchObject({ messageId: 'm-1', body: 'written by an older wharf', attributes: { ApproximateReceiveCount: '2' } });
        // A table or column a later migration added is usable at once.
        emulator.sqs.createQueue(queueKey('new.fifo'), { FifoQueue: 'true', ContentBasedDeduplication: 'true' }, {});
        const sent = emulator.sqs.sendMessage(queueKey('new.fifo'), { body: 'x', messageGroupId: 'g', senderId: ACCOUNT });
        expect(emulator.sqs.sendMessage(queueKey('new.fifo'), { body: 'x', messageGroupId: 'g', senderId: ACCOUNT }).messageId).toBe(sent.messageId);
      } finally {
        emulator.close();
      }
    });

    it.runIf(version >= 3)('keeps its SNS subscription, which delivers to the queue', async () => {
      const emulator = new Emulator({ dataDir: oldDataDir(version), clock: new ManualClock(T0) });
      try {
        emulator.sns.publish(`arn:aws:sns:${REGION}:${ACCOUNT}:events`, { message: 'after the upgrade', attributes: {} }, { baseUrl: 'http://localhost:4566' });
        const bodies = (await receive(emulator.sqs, queueKey('orders'))).map((m) => m.body);
        expect(bodies).toEqual(['after the upgrade']);
      } finally {
        emulator.close();
      }
    });
  });

  it('refuses a database written by a newer wharf, naming both versions, and leaves the file byte for byte as it was', () => {
    const dir = tempDir();
    closeDatabase(openDatabase(dir));
    const raw = new Database(join(dir, 'wharf.db'));
    raw.pragma(`user_version = ${latest + 1}`);
    raw.close();
    const before = { hash: sha256(join(dir, 'wharf.db')), files: readdirSync(dir).sort() };

    let refused: unknown;
    try {
      openDatabase(dir);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirError);
    expect((refused as DataDirError).kind).toBe('newer-schema');
    expect((refused as DataDirError).exitCode).toBe(4);
    expect((refused as Error).message).toMatch(
      new RegExp(`its schema version is ${latest + 1}, and this wharf \\(\\S+\\) knows versions up to ${latest}\\. Nothing was changed\\.`),
    );
    expect({ hash: sha256(join(dir, 'wharf.db')), files: readdirSync(dir).sort() }).toEqual(before);
  });
});
