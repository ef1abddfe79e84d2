import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator } from '../../../src/emulator.js';

const key = { accountId: '000000000000', region: 'us-east-1', name: 'log' };
const emulators: Emulator[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const e of emulators.splice(0)) e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function emulator(options: ConstructorParameters<typeof Emulator>[0] = {}): Emulator {
  const e = new Emulator({ clock: new ManualClock(), ...options });
  emulators.push(e);
  return e;
}

const put = (e: Emulator, keys: string[]) =>
  e.kinesis.records.putRecords(
    key,
    keys.map((k) => ({ partitionKey: k, data: Buffer.from(k) })),
  ).results;
const readAll = (e: Emulator, limit = 10_000) => {
  const iterator = e.kinesis.records.getShardIterator(key, { shardId: 'shardId-000000000000', type: 'TRIM_HORIZON' });
  return e.kinesis.records.getRecords(iterator, limit, key.accountId).read.records.map((r) => r.partitionKey);
};

describe('Kinesis record log (engine, in process)', () => {
  it('reads across batch boundaries from any position, with Limit splitting a batch', () => {
    const e = emulator();
    e.kinesis.createStream(key, { shardCount: 1, mode: 'PROVISIONED', tags: {} });
    put(e, ['a', 'b', 'c']);
    put(e, ['d', 'e']);
    let iterator = e.kinesis.records.getShardIterator(key, { shardId: '0', type: 'TRIM_HORIZON' });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { read, nextIterator } = e.kinesis.records.getRecords(iterator, 2, key.accountId);
      seen.push(read.records.map((r) => r.partitionKey).join(''));
      iterator = nextIterator!;
    }
    expect(seen).toEqual(['ab', 'cd', 'e', '']);
  });

  it('skips a trimmed batch and keeps reading the next', () => {
    const clock = new ManualClock();
    const e = emulator({ clock });
    e.kinesis.createStream(key, { shardCount: 1, mode: 'PROVISIONED', tags: {} });
    const [old2] = put(e, ['old1', 'old2']).slice(1);
    clock.advance(12 * 3_600_000);
    put(e, ['new']);
    clock.advance(12 * 3_600_000 + 1);
    // A position inside the trimmed batch (at old2) resumes at the first record still kept.
    const iterator = e.kinesis.records.getShardIterator(key, {
      shardId: '0',
      type: 'AT_SEQUENCE_NUMBER',
      startingSequenceNumber: (old2 as { sequenceNumber: string }).sequenceNumber,
    });
    expect(e.kinesis.records.getRecords(iterator, 10, key.accountId).read.records.map((r) => r.partitionKey)).toEqual(['new']);
  });

  it('keeps streams and records in a data directory across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-kinesis-'));
    dirs.push(dir);
    const first = new Emulator({ clock: new ManualClock(), dataDir: dir });
    first.kinesis.createStream(key, { shardCount: 1, mode: 'PROVISIONED', tags: {} });
    const [written] = put(first, ['kept']);
    first.close();
    const second = emulator({ dataDir: dir });
    expect(readAll(second)).toEqual(['kept']);
    const iterator = second.kinesis.records.getShardIterator(key, {
      shardId: '0',
      type: 'AT_SEQUENCE_NUMBER',
      startingSequenceNumber: (written as { sequenceNumber: string }).sequenceNumber,
    });
    expect(second.kinesis.records.getRecords(iterator, 10, key.accountId).read.records).toHaveLength(1);
  });
});
