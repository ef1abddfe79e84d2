import * as k from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import type { RunningServer } from '../../../src/server.js';
import { errorOf, kinesisClient, useKinesisServer, streamArn, TEST_ACCOUNT } from '../../support/kinesis-clients.js';
import { startTestServer } from '../../support/server.js';

const clock = new ManualClock();
const t = useKinesisServer({ clock });

const create = (name: string, shards = 1) => t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: shards }));
const put = (name: string, key: string, data: string) =>
  t.kinesis.send(new k.PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from(data) }));
const iterator = async (name: string, shardId: string, type: k.ShardIteratorType, extra: Partial<k.GetShardIteratorInput> = {}) =>
  (await t.kinesis.send(new k.GetShardIteratorCommand({ StreamName: name, ShardId: shardId, ShardIteratorType: type, ...extra }))).ShardIterator!;
const read = (it: string, limit?: number) => t.kinesis.send(new k.GetRecordsCommand({ ShardIterator: it, ...(limit ? { Limit: limit } : {}) }));
const text = (r: k._Record) => Buffer.from(r.Data!).toString();

describe('Kinesis records', () => {
  it('routes partition keys by the MD5 of the key, as AWS does', async () => {
    // MD5('a') = 16955237001963240173058271559858726497 → shard 0 of 4; MD5('partitionKey') = 193318062818912349798954611745638949166 → shard 2.
    await create('hashed', 4);
    expect((await put('hashed', 'a', 'x')).ShardId).toBe('shardId-000000000000');
    expect((await put('hashed', 'partitionKey', 'x')).ShardId).toBe('shardId-000000000002');
    expect((await put('hashed', 'hello world', 'x')).ShardId).toBe('shardId-000000000001');
    expect((await put('hashed', '🙂', 'x')).ShardId).toBe('shardId-000000000001');
  });

  it('lets ExplicitHashKey pick the shard, within [0, 2^128-1]', async () => {
    await create('explicit', 2);
    const out = await t.kinesis.send(
      new k.PutRecordCommand({ StreamName: 'explicit', PartitionKey: 'a', ExplicitHashKey: '340282366920938463463374607431768211455', Data: Buffer.from('x') }),
    );
    expect(out.ShardId).toBe('shardId-000000000001');
    expect(
      await errorOf(
        t.kinesis.send(
          new k.PutRecordCommand({
            StreamName: 'explicit',
            PartitionKey: 'a',
            ExplicitHashKey: '340282366920938463463374607431768211456',
            Data: Buffer.from('x'),
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456',
    });
  });

  it('gives strictly increasing 56-digit sequence numbers per shard, and reads records back in order', async () => {
    await create('ordered');
    const seqs = [];
    for (let i = 0; i < 5; i++) seqs.push((await put('ordered', `k${i}`, `r${i}`)).SequenceNumber!);
    for (const s of seqs) expect(s).toMatch(/^\d{56}$/);
    expect([...seqs].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))).toEqual(seqs);
    expect(new Set(seqs).size).toBe(5);
    const out = await read(await iterator('ordered', 'shardId-000000000000', 'TRIM_HORIZON'));
    expect(out.Records!.map(text)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(out.Records!.map((r) => r.SequenceNumber)).toEqual(seqs);
    expect(out.Records![0]).toMatchObject({ PartitionKey: 'k0', ApproximateArrivalTimestamp: new Date(Math.floor(clock.now() / 1000) * 1000) });
    expect(out.MillisBehindLatest).toBe(0);
    expect(out.NextShardIterator).toBeTruthy();
    expect((await read(out.NextShardIterator!)).Records).toEqual([]);
  });

  it('pages with Limit and reports MillisBehindLatest while behind', async () => {
    await create('paged');
    await put('paged', 'a', '1');
    clock.advance(2000);
    await put('paged', 'a', '2');
    const first = await read(await iterator('paged', 'shardId-000000000000', 'TRIM_HORIZON'), 1);
    expect(first.Records!.map(text)).toEqual(['1']);
    expect(first.MillisBehindLatest).toBe(0);
    clock.advance(3000);
    const behind = await read(await iterator('paged', 'shardId-000000000000', 'TRIM_HORIZON'), 1);
    expect(behind.MillisBehindLatest).toBe(3000);
    expect((await read(first.NextShardIterator!)).Records!.map(text)).toEqual(['2']);
  });

  it('starts iterators AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, LATEST and AT_TIMESTAMP', async () => {
    await create('positions');
    const a = await put('positions', 'k', 'a');
    clock.advance(5000);
    const b = await put('positions', 'k', 'b');
    const latest = await iterator('positions', 'shardId-000000000000', 'LATEST');
    await put('positions', 'k', 'c');
    const shard = 'shardId-000000000000';
    expect((await read(await iterator('positions', shard, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: a.SequenceNumber! }))).Records!.map(text)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect((await read(await iterator('positions', shard, 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: a.SequenceNumber! }))).Records!.map(text)).toEqual(
      ['b', 'c'],
    );
    expect((await read(latest)).Records!.map(text)).toEqual(['c']);
    expect((await read(await iterator('positions', shard, 'AT_TIMESTAMP', { Timestamp: new Date(clock.now() - 1000) }))).Records!.map(text)).toEqual([
      'b',
      'c',
    ]);
    expect(b.SequenceNumber).toBeTruthy();
  });

  it('explains iterator misuse with AWS’s messages', async () => {
    await create('strict', 2);
    const seq = (await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'strict', PartitionKey: 'a', Data: Buffer.from('x') }))).SequenceNumber!;
    expect(await errorOf(iterator('strict', 'shardId-000000000000', 'TRIM_HORIZON', { StartingSequenceNumber: seq }))).toEqual({
      name: 'InvalidArgumentException',
      message:
        'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified TRIM_HORIZON and also a StartingSequenceNumber.',
    });
    expect(await errorOf(iterator('strict', 'shardId-000000000001', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: seq }))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001',
    });
    expect(await errorOf(iterator('strict', 'shardId-000000000007', 'LATEST'))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Shard shardId-000000000007 in stream strict under account ${TEST_ACCOUNT} does not exist`,
    });
    expect((await errorOf(iterator('strict', 'shardId-000000000000', 'AT_TIMESTAMP'))).message).toBe(
      'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    );
    expect(await errorOf(read('AAAAAAAAAAFub3RhbGl0ZXJhdG9y'))).toEqual({ name: 'InvalidArgumentException', message: 'Invalid ShardIterator.' });
  });

  it('expires shard iterators after 5 minutes', async () => {
    await create('expiring');
    const it = await iterator('expiring', 'shardId-000000000000', 'TRIM_HORIZON');
    clock.advance(300_000);
    await read(it);
    clock.advance(1);
    const err = await errorOf(read(it));
    expect(err.name).toBe('ExpiredIteratorException');
    expect(err.message).toMatch(
      /^Iterator expired\. The iterator was created at time \w{3} \w{3} \d+ [\d:]{8} UTC \d{4} while right now it is .* which is further in the future than the tolerated delay of 300000 milliseconds\.$/,
    );
  });

  it('trims records older than the retention period', async () => {
    await create('retained');
    await put('retained', 'k', 'old');
    clock.advance(23 * 3_600_000);
    await put('retained', 'k', 'new');
    clock.advance(3_600_000 + 1);
    expect((await read(await iterator('retained', 'shardId-000000000000', 'TRIM_HORIZON'))).Records!.map(text)).toEqual(['new']);
  });

  it('puts a batch with PutRecords, reporting each record’s shard and sequence number', async () => {
    await create('batch', 4);
    const out = await t.kinesis.send(
      new k.PutRecordsCommand({
        StreamARN: streamArn('batch'),
        Records: ['a', 'partitionKey', 'hello world'].map((key) => ({ PartitionKey: key, Data: Buffer.from(key) })),
      }),
    );
    expect(out.FailedRecordCount).toBe(0);
    expect(out.Records!.map((r) => r.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000002', 'shardId-000000000001']);
    expect(out.EncryptionType).toBe('NONE');
  });

  it('validates PutRecords with Coral’s member paths', async () => {
    await create('v');
    expect(await errorOf(t.kinesis.send(new k.PutRecordsCommand({ StreamName: 'v', Records: [{ PartitionKey: '', Data: Buffer.from('x') }] })))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    expect((await errorOf(t.kinesis.send(new k.PutRecordsCommand({ StreamName: 'v', Records: [] })))).message).toBe(
      "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const tooMany = Array.from({ length: 501 }, () => ({ PartitionKey: 'p', Data: Buffer.from('x') }));
    expect((await errorOf(t.kinesis.send(new k.PutRecordsCommand({ StreamName: 'v', Records: tooMany })))).message).toMatch(
      /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/,
    );
    expect((await errorOf(t.kinesis.send(new k.PutRecordCommand({ StreamName: 'v', PartitionKey: 'p'.repeat(257), Data: Buffer.from('x') })))).message).toBe(
      `1 validation error detected: Value '${'p'.repeat(257)}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });

  it('refuses records over the stream’s maximum record size (1 MiB by default)', async () => {
    await create('sized');
    expect((await errorOf(t.kinesis.send(new k.PutRecordCommand({ StreamName: 'sized', PartitionKey: 'p', Data: Buffer.alloc(1024 * 1024) })))).name).toBe(
      'InvalidArgumentException',
    );
  });

  it('answers ResourceNotFoundException for records of a missing stream', async () => {
    expect(await errorOf(put('missing', 'k', 'x'))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Stream missing under account ${TEST_ACCOUNT} not found.`,
    });
  });
});

describe('Kinesis throughput limits (WHARF_KINESIS_ENFORCE_LIMITS)', () => {
  let limited: RunningServer;
  let client: k.KinesisClient;
  beforeAll(async () => {
    limited = await startTestServer({ clock, config: { kinesisEnforceLimits: true } });
    client = kinesisClient(limited);
  });
  afterAll(async () => {
    client.destroy();
    await limited.close();
  });

  it('fails records beyond 1,000 per shard per second, and recovers the next second', async () => {
    await client.send(new k.CreateStreamCommand({ StreamName: 'hot', ShardCount: 1 }));
    const batch = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `p${i}`, Data: Buffer.from('x') }));
    clock.set(Math.ceil(clock.now() / 1000) * 1000);
    await client.send(new k.PutRecordsCommand({ StreamName: 'hot', Records: batch }));
    await client.send(new k.PutRecordsCommand({ StreamName: 'hot', Records: batch }));
    const third = await client.send(new k.PutRecordsCommand({ StreamName: 'hot', Records: batch.slice(0, 2) }));
    expect(third.FailedRecordCount).toBe(2);
    expect(third.Records![0]).toEqual({
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: `Rate exceeded for shard shardId-000000000000 in stream hot under account ${TEST_ACCOUNT}.`,
    });
    expect((await errorOf(client.send(new k.PutRecordCommand({ StreamName: 'hot', PartitionKey: 'p', Data: Buffer.from('x') })))).name).toBe(
      'ProvisionedThroughputExceededException',
    );
    clock.advance(1000);
    expect((await client.send(new k.PutRecordsCommand({ StreamName: 'hot', Records: batch.slice(0, 2) }))).FailedRecordCount).toBe(0);
  });

  it('allows 5 GetRecords calls per shard per second', async () => {
    await client.send(new k.CreateStreamCommand({ StreamName: 'read', ShardCount: 1 }));
    clock.set(Math.ceil(clock.now() / 1000) * 1000);
    const it = (await client.send(new k.GetShardIteratorCommand({ StreamName: 'read', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' })))
      .ShardIterator!;
    for (let i = 0; i < 5; i++) await client.send(new k.GetRecordsCommand({ ShardIterator: it }));
    expect((await errorOf(client.send(new k.GetRecordsCommand({ ShardIterator: it })))).name).toBe('ProvisionedThroughputExceededException');
  });
});
