import * as k from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { startTestServer } from '../../support/server.js';
import { streamArn, useKinesisServer } from '../../support/kinesis-clients.js';
import { wharfApi } from '../../support/wharf-api.js';

const clock = new ManualClock();
const iso = () => new Date(clock.now()).toISOString();
const HALF = '170141183460469231731687303715884105728';

/** /_wharf/kinesis: streams, shards and records as they stand, and put record. */
describe('Kinesis inspection API and put record', () => {
  const t = useKinesisServer({ clock });
  const get = (path: string) => wharfApi(t.server, 'GET', `/_wharf/kinesis${path}`);
  const put = (name: string, body: unknown) => wharfApi(t.server, 'POST', `/_wharf/kinesis/streams/000000000000/us-east-1/${name}/records`, body);

  async function readAll(StreamName: string, ShardId: string) {
    const { ShardIterator } = await t.kinesis.send(new k.GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    return (await t.kinesis.send(new k.GetRecordsCommand({ ShardIterator }))).Records ?? [];
  }

  it('lists every stream of every account and region with status, mode, retention, shards and consumers', async () => {
    const createdAt = iso();
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'metrics', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    const other = new k.KinesisClient({
      endpoint: t.server.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: '111111111111', secretAccessKey: 's' },
      maxAttempts: 1,
    });
    await other.send(new k.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    other.destroy();
    const { Consumer } = await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: streamArn('clicks'), ConsumerName: 'analytics' }));

    const { status, body } = await get('/streams');

    expect(status).toBe(200);
    expect(
      body.streams.map((s: Record<string, unknown>) => [s.accountId, s.region, s.name, s.status, s.mode, s.retentionHours, s.shardCount, s.openShardCount]),
    ).toEqual([
      ['000000000000', 'us-east-1', 'clicks', 'ACTIVE', 'PROVISIONED', 24, 2, 2],
      ['000000000000', 'us-east-1', 'metrics', 'ACTIVE', 'ON_DEMAND', 24, 4, 4],
      ['111111111111', 'eu-west-1', 'clicks', 'ACTIVE', 'PROVISIONED', 24, 1, 1],
    ]);
    expect(body.streams[0]).toMatchObject({
      arn: streamArn('clicks'),
      createdAt,
      encryptionType: 'NONE',
      consumers: [{ name: 'analytics', arn: Consumer!.ConsumerARN, status: 'ACTIVE', createdAt }],
    });
  });

  it("shows a stream's shards with their hash key ranges, lineage and record counts, as ListShards does", async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'split', ShardCount: 1 }));
    for (let i = 0; i < 3; i++) await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'split', PartitionKey: `k${i}`, Data: Buffer.from(`r${i}`) }));
    await t.kinesis.send(new k.SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }));
    await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'split', PartitionKey: 'x', Data: Buffer.from('after'), ExplicitHashKey: '1' }));

    const { body } = await get('/streams/000000000000/us-east-1/split');

    const { Shards } = await t.kinesis.send(new k.ListShardsCommand({ StreamName: 'split' }));
    expect(
      body.shards.map((s: Record<string, unknown>) => ({
        shardId: s.shardId,
        parentShardId: s.parentShardId,
        hashKeyRange: s.hashKeyRange,
        sequenceNumberRange: s.sequenceNumberRange,
      })),
    ).toEqual(
      Shards!.map((s) => ({
        shardId: s.ShardId,
        parentShardId: s.ParentShardId,
        hashKeyRange: { startingHashKey: s.HashKeyRange!.StartingHashKey, endingHashKey: s.HashKeyRange!.EndingHashKey },
        sequenceNumberRange: {
          startingSequenceNumber: s.SequenceNumberRange!.StartingSequenceNumber,
          endingSequenceNumber: s.SequenceNumberRange!.EndingSequenceNumber,
        },
      })),
    );
    expect(body.shards.map((s: Record<string, unknown>) => [s.shardId, s.open, s.recordCount])).toEqual([
      ['shardId-000000000000', false, 3],
      ['shardId-000000000001', true, 1],
      ['shardId-000000000002', true, 0],
    ]);
    expect(body.stream).toMatchObject({ name: 'split', shardCount: 3, openShardCount: 2 });
  });

  it("pages through a shard's records with from and nextFrom, the same records GetRecords returns", async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'log', ShardCount: 1 }));
    const sent = [];
    for (let i = 0; i < 5; i++)
      sent.push(await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'log', PartitionKey: `p${i}`, Data: Buffer.from(`{"n":${i}}`) })));
    await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'log', PartitionKey: 'bin', Data: Buffer.from([0, 159, 146, 150]) }));
    const records = '/streams/000000000000/us-east-1/log/shards/shardId-000000000000/records';

    const first = await get(`${records}?limit=2`);
    const second = await get(`${records}?limit=2&from=${first.body.nextFrom}`);
    const rest = await get(`${records}?from=${second.body.nextFrom}`);

    expect(first.body.records.map((r: { text: string }) => r.text)).toEqual(['{"n":0}', '{"n":1}']);
    expect(first.body.nextFrom).toBe(sent[2]!.SequenceNumber);
    expect(second.body.records.map((r: { sequenceNumber: string }) => r.sequenceNumber)).toEqual([sent[2]!.SequenceNumber, sent[3]!.SequenceNumber]);
    expect(rest.body.nextFrom).toBeUndefined();
    const all = [...first.body.records, ...second.body.records, ...rest.body.records];
    const viaSdk = await readAll('log', 'shardId-000000000000');
    expect(all.map((r) => [r.sequenceNumber, r.partitionKey, r.data, r.approximateArrivalTimestamp])).toEqual(
      viaSdk.map((r) => [r.SequenceNumber, r.PartitionKey, Buffer.from(r.Data!).toString('base64'), r.ApproximateArrivalTimestamp!.toISOString()]),
    );
    // Not valid UTF-8: base64 only, no text preview.
    expect(all.at(-1)).toEqual({
      sequenceNumber: expect.any(String),
      partitionKey: 'bin',
      approximateArrivalTimestamp: iso(),
      data: Buffer.from([0, 159, 146, 150]).toString('base64'),
    });
  });

  it('skips records past retention without trimming them', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'old', ShardCount: 1 }));
    await t.kinesis.send(new k.PutRecordCommand({ StreamName: 'old', PartitionKey: 'p', Data: Buffer.from('aged') }));
    clock.advance(25 * 3_600_000);
    const records = '/streams/000000000000/us-east-1/old/shards/shardId-000000000000/records';

    expect((await get(records)).body.records).toEqual([]);
    expect((await get('/streams/000000000000/us-east-1/old')).body.shards[0].recordCount).toBe(0);
    // Had inspection trimmed it, a longer retention could not bring it back.
    await t.kinesis.send(new k.IncreaseStreamRetentionPeriodCommand({ StreamName: 'old', RetentionPeriodHours: 48 }));
    expect((await get(records)).body.records.map((r: { text: string }) => r.text)).toEqual(['aged']);
    expect((await readAll('old', 'shardId-000000000000')).map((r) => Buffer.from(r.Data!).toString())).toEqual(['aged']);
  });

  it('serves a stream with a 128-character name (longer than a default route parameter)', async () => {
    const name = 's'.repeat(128);
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    expect((await put(name, { partitionKey: 'p', text: 'long' })).status).toBe(200);
    const { body } = await get(`/streams/000000000000/us-east-1/${name}/shards/shardId-000000000000/records`);
    expect(body.records.map((r: { text: string }) => r.text)).toEqual(['long']);
  });

  it('answers 404 for an unknown stream or shard and 400 for a sequence number of another shard', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'two', ShardCount: 2 }));
    const { SequenceNumber } = await t.kinesis.send(
      new k.PutRecordCommand({ StreamName: 'two', PartitionKey: 'p', Data: Buffer.from('x'), ExplicitHashKey: '0' }),
    );
    expect(await get('/streams/000000000000/us-east-1/nope')).toMatchObject({
      status: 404,
      body: { error: 'NotFound', message: 'There is no stream nope in account 000000000000, region us-east-1.' },
    });
    expect(await get('/streams/000000000000/eu-west-1/two')).toMatchObject({ status: 404 });
    expect(await get('/streams/000000000000/us-east-1/two/shards/shardId-000000000009/records')).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await get(`/streams/000000000000/us-east-1/two/shards/shardId-000000000001/records?from=${SequenceNumber}`)).toMatchObject({
      status: 400,
      body: { error: 'InvalidArgumentException', message: `Sequence number ${SequenceNumber} does not belong to shardId-000000000001.` },
    });
    expect(await get('/streams/000000000000/us-east-1/two/shards/shardId-000000000000/records?from=abc')).toMatchObject({
      status: 400,
      body: { error: 'ValidationError' },
    });
  });

  it('puts a record as text or base64 that GetRecords then returns', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'in', ShardCount: 2 }));
    const text = await put('in', { partitionKey: 'user-1', text: 'héllo', explicitHashKey: '0' });
    const binary = await put('in', { partitionKey: 'user-2', data: Buffer.from([1, 2, 3]).toString('base64'), explicitHashKey: HALF });

    expect(text).toMatchObject({ status: 200, body: { shardId: 'shardId-000000000000', sequenceNumber: expect.stringMatching(/^\d{56}$/) } });
    expect(binary.body.shardId).toBe('shardId-000000000001');
    const [r0] = await readAll('in', 'shardId-000000000000');
    const [r1] = await readAll('in', 'shardId-000000000001');
    expect([r0!.SequenceNumber, r0!.PartitionKey, Buffer.from(r0!.Data!).toString('utf8')]).toEqual([text.body.sequenceNumber, 'user-1', 'héllo']);
    expect([r1!.SequenceNumber, [...r1!.Data!]]).toEqual([binary.body.sequenceNumber, [1, 2, 3]]);
  });

  it('refuses what PutRecord refuses (400, AWS code), a body without exactly one of data and text, and an unknown stream (404)', async () => {
    await t.kinesis.send(new k.CreateStreamCommand({ StreamName: 'in', ShardCount: 1 }));
    expect(await put('in', { partitionKey: '', text: 'x' })).toMatchObject({ status: 400, body: { error: 'ValidationException' } });
    expect(await put('in', { partitionKey: 'p', text: 'x', explicitHashKey: (2n ** 128n).toString() })).toMatchObject({
      status: 400,
      body: { error: 'InvalidArgumentException' },
    });
    expect(await put('in', { partitionKey: 'p', text: 'x', explicitHashKey: '-1' })).toMatchObject({ status: 400, body: { error: 'ValidationException' } });
    expect(await put('in', { partitionKey: 'p', text: 'x', data: 'eA==' })).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', message: 'give exactly one of data (base64) and text' },
    });
    expect(await put('in', { partitionKey: 'p' })).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    expect(await put('in', { partitionKey: 'p', data: '***' })).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    expect(await put('nope', { partitionKey: 'p', text: 'x' })).toMatchObject({ status: 404, body: { error: 'NotFound' } });
  });
});

describe('Kinesis inspection of a stream still CREATING', () => {
  it('shows it with its status; its shards are there already', async () => {
    const server = await startTestServer({ clock: new ManualClock(), config: { kinesisCreateDelayMs: 500 } });
    try {
      const client = new k.KinesisClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 's' },
        maxAttempts: 1,
      });
      await client.send(new k.CreateStreamCommand({ StreamName: 'new', ShardCount: 1 }));
      client.destroy();
      const { body } = await wharfApi(server, 'GET', '/_wharf/kinesis/streams/000000000000/us-east-1/new');
      expect([body.stream.status, body.shards.length]).toEqual(['CREATING', 1]);
    } finally {
      await server.close();
    }
  });
});
