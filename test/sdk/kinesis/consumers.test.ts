import * as k from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { errorOf, useKinesisServer, streamArn } from '../../support/kinesis-clients.js';

const clock = new ManualClock();
const t = useKinesisServer({ clock, config: { kinesisCreateDelayMs: 1000, kinesisDeleteDelayMs: 1000 } });

/** A stream that is ACTIVE (the create delay has passed). */
async function activeStream(name: string, shards = 1): Promise<string> {
  await t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  clock.advance(1000);
  return streamArn(name);
}

async function activeConsumer(arn: string, name: string): Promise<string> {
  const { Consumer } = await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: name }));
  clock.advance(1000);
  return Consumer!.ConsumerARN!;
}

const put = (name: string, data: string) => t.kinesis.send(new k.PutRecordCommand({ StreamName: name, PartitionKey: data, Data: Buffer.from(data) }));

describe('Kinesis enhanced fan-out consumers', () => {
  it('registers a consumer CREATING, which becomes ACTIVE, and deregisters it through DELETING', async () => {
    const arn = await activeStream('efo');
    const { Consumer } = await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'app' }));
    expect(Consumer).toMatchObject({ ConsumerName: 'app', ConsumerStatus: 'CREATING' });
    expect(Consumer!.ConsumerARN).toBe(`${arn}/consumer/app:${Math.floor(clock.now() / 1000)}`);
    clock.advance(1000);
    const described = await t.kinesis.send(new k.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN! }));
    expect(described.ConsumerDescription).toMatchObject({ ConsumerName: 'app', ConsumerStatus: 'ACTIVE', StreamARN: arn });
    expect((await t.kinesis.send(new k.DescribeStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'app' }))).ConsumerDescription!.ConsumerARN).toBe(
      Consumer!.ConsumerARN,
    );
    expect((await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamARN: arn }))).StreamDescriptionSummary!.ConsumerCount).toBe(1);
    await t.kinesis.send(new k.DeregisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'app' }));
    expect((await t.kinesis.send(new k.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN! }))).ConsumerDescription!.ConsumerStatus).toBe(
      'DELETING',
    );
    clock.advance(1000);
    expect((await errorOf(t.kinesis.send(new k.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN! })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('lists consumers with paging, refuses duplicates, and tags them by ARN', async () => {
    const arn = await activeStream('many');
    for (const name of ['b', 'a', 'c']) await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: name }));
    const first = await t.kinesis.send(new k.ListStreamConsumersCommand({ StreamARN: arn, MaxResults: 2 }));
    expect(first.Consumers!.map((c) => c.ConsumerName)).toEqual(['a', 'b']);
    const rest = await t.kinesis.send(new k.ListStreamConsumersCommand({ StreamARN: arn, NextToken: first.NextToken! }));
    expect(rest.Consumers!.map((c) => c.ConsumerName)).toEqual(['c']);
    expect((await errorOf(t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'a' })))).name).toBe('ResourceInUseException');
    const consumerArn = first.Consumers![0]!.ConsumerARN!;
    await t.kinesis.send(new k.TagResourceCommand({ ResourceARN: consumerArn, Tags: { team: 'x' } }));
    expect((await t.kinesis.send(new k.ListTagsForResourceCommand({ ResourceARN: consumerArn }))).Tags).toEqual([{ Key: 'team', Value: 'x' }]);
    await t.kinesis.send(new k.UntagResourceCommand({ ResourceARN: consumerArn, TagKeys: ['team'] }));
    expect((await t.kinesis.send(new k.ListTagsForResourceCommand({ ResourceARN: consumerArn }))).Tags).toEqual([]);
  });

  it('refuses to delete a stream with consumers unless EnforceConsumerDeletion is set', async () => {
    const arn = await activeStream('owned');
    await activeConsumer(arn, 'app');
    expect((await errorOf(t.kinesis.send(new k.DeleteStreamCommand({ StreamARN: arn })))).name).toBe('ResourceInUseException');
    await t.kinesis.send(new k.DeleteStreamCommand({ StreamARN: arn, EnforceConsumerDeletion: true }));
    expect((await t.kinesis.send(new k.DescribeStreamSummaryCommand({ StreamARN: arn }))).StreamDescriptionSummary!.StreamStatus).toBe('DELETING');
  });

  it('caps a stream at 20 consumers with LimitExceededException', async () => {
    const arn = await activeStream('crowded');
    for (let i = 0; i < 20; i++) await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: `c${i}` }));
    expect((await errorOf(t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'c20' })))).name).toBe('LimitExceededException');
  });
});

describe('SubscribeToShard (HTTP/2 event stream, consumed by the SDK’s own event-stream client)', () => {
  it('pushes records as they are put, with continuation sequence numbers', async () => {
    const arn = await activeStream('live');
    await put('live', 'before');
    const consumerArn = await activeConsumer(arn, 'reader');
    const out = await t.kinesis.send(
      new k.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
    );
    const events = out.EventStream![Symbol.asyncIterator]();
    const first = (await events.next()).value as k.SubscribeToShardEventStream;
    expect(first.SubscribeToShardEvent!.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['before']);
    expect(first.SubscribeToShardEvent!.ContinuationSequenceNumber).toBe(first.SubscribeToShardEvent!.Records![0]!.SequenceNumber);
    expect(first.SubscribeToShardEvent!.MillisBehindLatest).toBe(0);
    expect(first.SubscribeToShardEvent!.Records![0]!.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
    const pending = events.next();
    await put('live', 'after');
    const second = (await pending).value as k.SubscribeToShardEventStream;
    expect(second.SubscribeToShardEvent!.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['after']);
    await events.return?.();
  });

  it('sends an empty event every 5 seconds when nothing arrives, and ends after 5 minutes', async () => {
    const arn = await activeStream('quiet');
    const consumerArn = await activeConsumer(arn, 'reader');
    const out = await t.kinesis.send(
      new k.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
    );
    const events = out.EventStream![Symbol.asyncIterator]();
    expect(((await events.next()).value as k.SubscribeToShardEventStream).SubscribeToShardEvent!.Records).toEqual([]);
    let count = 1;
    const drained = (async () => {
      for (let e = await events.next(); !e.done; e = await events.next()) count++;
    })();
    for (let i = 0; i < 60; i++) {
      await until(() => t.server.emulator.clock instanceof ManualClock && (t.server.emulator.clock as ManualClock).pendingSleepers > 0);
      clock.advance(5_000);
    }
    await drained;
    expect(count).toBe(61);
  });

  it('ends at the end of a closed shard with its ChildShards', async () => {
    const arn = await activeStream('closing');
    await put('closing', 'x');
    await t.kinesis.send(
      new k.SplitShardCommand({ StreamARN: arn, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }),
    );
    const consumerArn = await activeConsumer(arn, 'reader');
    const out = await t.kinesis.send(
      new k.SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }),
    );
    const received: k.SubscribeToShardEvent[] = [];
    for await (const e of out.EventStream!) received.push(e.SubscribeToShardEvent!);
    expect(received).toHaveLength(1);
    expect(received[0]!.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['x']);
    expect(received[0]!.ChildShards!.map((c) => c.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
  });

  it('refuses a consumer that is not ACTIVE, and a shard that does not exist', async () => {
    const arn = await activeStream('early');
    const { Consumer } = await t.kinesis.send(new k.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'new' }));
    expect(
      (
        await errorOf(
          t.kinesis.send(
            new k.SubscribeToShardCommand({ ConsumerARN: Consumer!.ConsumerARN!, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
          ),
        )
      ).name,
    ).toBe('ResourceInUseException');
    clock.advance(1000);
    expect(
      (
        await errorOf(
          t.kinesis.send(
            new k.SubscribeToShardCommand({ ConsumerARN: Consumer!.ConsumerARN!, ShardId: 'shardId-000000000009', StartingPosition: { Type: 'LATEST' } }),
          ),
        )
      ).name,
    ).toBe('ResourceNotFoundException');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition not reached');
}
