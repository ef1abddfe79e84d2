import * as k from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { errorOf, useKinesisServer, TEST_ACCOUNT } from '../../support/kinesis-clients.js';

const clock = new ManualClock();
const t = useKinesisServer({ clock });

const create = (name: string, shards: number) => t.kinesis.send(new k.CreateStreamCommand({ StreamName: name, ShardCount: shards }));
const shards = async (name: string, filter?: k.ShardFilter) =>
  (await t.kinesis.send(new k.ListShardsCommand({ StreamName: name, ...(filter ? { ShardFilter: filter } : {}) }))).Shards!;
const putMany = async (name: string, from: number, count: number) => {
  const records = Array.from({ length: count }, (_, i) => ({ PartitionKey: `key-${from + i}`, Data: Buffer.from(String(from + i)) }));
  const out = await t.kinesis.send(new k.PutRecordsCommand({ StreamName: name, Records: records }));
  expect(out.FailedRecordCount).toBe(0);
};

/**
 * Reads a stream the way KCL does: start at the shards open at the trim horizon, read each to its
 * end (NextShardIterator null), and only then its children, once all of a child's parents are done.
 */
async function readAll(name: string): Promise<{ values: number[]; perShard: Map<string, number[]> }> {
  const all = await shards(name);
  const done = new Set<string>();
  const perShard = new Map<string, number[]>();
  const ready = (s: k.Shard) => [s.ParentShardId, s.AdjacentParentShardId].every((p) => p === undefined || done.has(p) || !all.some((x) => x.ShardId === p));
  while (done.size < all.length) {
    const next = all.find((s) => !done.has(s.ShardId!) && ready(s));
    if (!next) throw new Error('no shard is ready to read');
    const values: number[] = [];
    let it: string | undefined = (
      await t.kinesis.send(new k.GetShardIteratorCommand({ StreamName: name, ShardId: next.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    let emptyReads = 0;
    while (it && emptyReads < 2) {
      const out: k.GetRecordsCommandOutput = await t.kinesis.send(new k.GetRecordsCommand({ ShardIterator: it, Limit: 7 }));
      values.push(...out.Records!.map((r) => Number(Buffer.from(r.Data!).toString())));
      emptyReads = out.Records!.length === 0 ? emptyReads + 1 : 0;
      it = out.NextShardIterator;
    }
    perShard.set(next.ShardId!, values);
    done.add(next.ShardId!);
  }
  return { values: [...perShard.values()].flat(), perShard };
}

describe('Kinesis resharding', () => {
  it('splits a shard: the parent closes, two children cover its range', async () => {
    await create('split', 1);
    await t.kinesis.send(
      new k.SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }),
    );
    const list = await shards('split');
    expect(list.map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey])).toEqual([
      ['shardId-000000000000', undefined, '0', '340282366920938463463374607431768211455'],
      ['shardId-000000000001', 'shardId-000000000000', '0', '170141183460469231731687303715884105727'],
      ['shardId-000000000002', 'shardId-000000000000', '170141183460469231731687303715884105728', '340282366920938463463374607431768211455'],
    ]);
    expect(list[0]!.SequenceNumberRange!.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(list[1]!.SequenceNumberRange!.EndingSequenceNumber).toBeUndefined();
  });

  it('refuses a split key outside the shard with kinesalite’s recorded message', async () => {
    await create('badsplit', 2);
    expect(
      await errorOf(t.kinesis.send(new k.SplitShardCommand({ StreamName: 'badsplit', ShardToSplit: 'shardId-000000000001', NewStartingHashKey: '1' }))),
    ).toEqual({
      name: 'InvalidArgumentException',
      message:
        `NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000001 in stream badsplit under account ${TEST_ACCOUNT} is not both greater than one plus the shard's StartingHashKey ` +
        "170141183460469231731687303715884105728 and less than the shard's EndingHashKey 340282366920938463463374607431768211455.",
    });
    expect(
      await errorOf(t.kinesis.send(new k.SplitShardCommand({ StreamName: 'badsplit', ShardToSplit: 'shardId-000000000009', NewStartingHashKey: '5' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: `Could not find shard shardId-000000000009 in stream badsplit under account ${TEST_ACCOUNT}.`,
    });
  });

  it('merges adjacent shards only', async () => {
    await create('merge', 3);
    expect(
      await errorOf(
        t.kinesis.send(new k.MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000002' })),
      ),
    ).toEqual({
      name: 'InvalidArgumentException',
      message: `Shards shardId-000000000000 and shardId-000000000002 in stream merge under account ${TEST_ACCOUNT} are not an adjacent pair of shards eligible for merging`,
    });
    await t.kinesis.send(new k.MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }));
    const child = (await shards('merge')).at(-1)!;
    expect(child).toMatchObject({ ShardId: 'shardId-000000000003', ParentShardId: 'shardId-000000000001', AdjacentParentShardId: 'shardId-000000000002' });
    expect(child.HashKeyRange!.EndingHashKey).toBe('340282366920938463463374607431768211455');
    expect(
      (
        await errorOf(
          t.kinesis.send(new k.MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' })),
        )
      ).name,
    ).toBe('ResourceInUseException');
  });

  it('scales uniformly with UpdateShardCount, between half and double the open shards', async () => {
    await create('scale', 2);
    const out = await t.kinesis.send(new k.UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    expect(out).toMatchObject({ StreamName: 'scale', CurrentShardCount: 2, TargetShardCount: 4 });
    const open = await shards('scale', { Type: 'AT_LATEST' });
    expect(open.map((s) => s.HashKeyRange!.StartingHashKey)).toEqual([
      '0',
      '85070591730234615865843651857942052864',
      '170141183460469231731687303715884105728',
      '255211775190703847597530955573826158592',
    ]);
    expect(
      (await errorOf(t.kinesis.send(new k.UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 9, ScalingType: 'UNIFORM_SCALING' })))).name,
    ).toBe('InvalidArgumentException');
  });

  it('filters ListShards by AT_LATEST, AT_TRIM_HORIZON, AFTER_SHARD_ID, AT_TIMESTAMP and FROM_TIMESTAMP, and pages with NextToken', async () => {
    await create('filtered', 2);
    const beforeSplit = clock.now();
    clock.advance(1000);
    await t.kinesis.send(new k.SplitShardCommand({ StreamName: 'filtered', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }));
    const ids = (list: k.Shard[]) => list.map((s) => s.ShardId!.slice(-1));
    expect(ids(await shards('filtered', { Type: 'AT_LATEST' }))).toEqual(['1', '2', '3']);
    expect(ids(await shards('filtered', { Type: 'AT_TRIM_HORIZON' }))).toEqual(['0', '1']);
    expect(ids(await shards('filtered', { Type: 'FROM_TRIM_HORIZON' }))).toEqual(['0', '1', '2', '3']);
    expect(ids(await shards('filtered', { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000001' }))).toEqual(['2', '3']);
    expect(ids(await shards('filtered', { Type: 'AT_TIMESTAMP', Timestamp: new Date(beforeSplit) }))).toEqual(['0', '1']);
    expect(ids(await shards('filtered', { Type: 'FROM_TIMESTAMP', Timestamp: new Date(clock.now()) }))).toEqual(['0', '1', '2', '3']);
    const page = await t.kinesis.send(new k.ListShardsCommand({ StreamName: 'filtered', MaxResults: 3 }));
    expect(ids(page.Shards!)).toEqual(['0', '1', '2']);
    const rest = await t.kinesis.send(new k.ListShardsCommand({ NextToken: page.NextToken! }));
    expect(ids(rest.Shards!)).toEqual(['3']);
    expect(rest.NextToken).toBeUndefined();
    expect(await errorOf(t.kinesis.send(new k.ListShardsCommand({ StreamName: 'filtered', NextToken: page.NextToken! })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'NextToken and StreamName cannot be provided together.',
    });
    clock.advance(300_001);
    expect((await errorOf(t.kinesis.send(new k.ListShardsCommand({ NextToken: page.NextToken! })))).name).toBe('ExpiredNextTokenException');
  });

  it('ends a closed shard with a null NextShardIterator and its ChildShards', async () => {
    await create('ending', 1);
    await putMany('ending', 0, 3);
    await t.kinesis.send(
      new k.SplitShardCommand({ StreamName: 'ending', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }),
    );
    const it = (
      await t.kinesis.send(new k.GetShardIteratorCommand({ StreamName: 'ending', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator!;
    const out = await t.kinesis.send(new k.GetRecordsCommand({ ShardIterator: it }));
    expect(out.Records).toHaveLength(3);
    expect(out.NextShardIterator).toBeUndefined();
    expect(out.ChildShards!.map((c) => [c.ShardId, c.ParentShards])).toEqual([
      ['shardId-000000000001', ['shardId-000000000000']],
      ['shardId-000000000002', ['shardId-000000000000']],
    ]);
  });

  it('reads every record exactly once, in order within each shard, across splits, merges and rescaling', async () => {
    await create('lineage', 2);
    await putMany('lineage', 0, 40);
    await t.kinesis.send(
      new k.SplitShardCommand({ StreamName: 'lineage', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '42535295865117307932921825928971026432' }),
    );
    await putMany('lineage', 40, 40);
    await t.kinesis.send(
      new k.MergeShardsCommand({ StreamName: 'lineage', ShardToMerge: 'shardId-000000000002', AdjacentShardToMerge: 'shardId-000000000003' }),
    );
    await putMany('lineage', 80, 40);
    await t.kinesis.send(new k.UpdateShardCountCommand({ StreamName: 'lineage', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    await putMany('lineage', 120, 40);
    const { values, perShard } = await readAll('lineage');
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 160 }, (_, i) => i));
    // Each shard hands out its records in the order they were put.
    for (const list of perShard.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
  });
});
