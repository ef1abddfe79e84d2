import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator } from '../../../src/emulator.js';
import { uniformScalingPlan } from '../../../src/services/kinesis/engine/uniform-scaling.js';
import { expectAwsError } from '../../support/sqs-engine.js';

/**
 * Resharding in process with the manual clock: the lineage UpdateShardCount leaves, MergeShards'
 * order, and shard ids read before streams. The wire adds nothing here beyond the encoding,
 * which test/sdk/fidelity/kinesis.test.ts covers.
 */
const key = { accountId: '000000000000', region: 'us-east-1', name: 'scaled' };
const emulators: Emulator[] = [];
afterEach(() => {
  for (const e of emulators.splice(0)) e.close();
});

function withStream(shardCount: number, mode: 'PROVISIONED' | 'ON_DEMAND' = 'PROVISIONED'): { e: Emulator; clock: ManualClock } {
  const clock = new ManualClock();
  const e = new Emulator({ clock });
  emulators.push(e);
  e.kinesis.createStream(key, { shardCount, mode, tags: {} });
  return { e, clock };
}

const shards = (e: Emulator) => e.kinesis.describeStream(key).shards;

describe('Kinesis UpdateShardCount (engine)', () => {
  it.each([
    [4, 5, 15],
    [10, 13, 37],
    [5, 3, 7],
    [2, 4, 6],
    [4, 2, 6],
  ])('from %i to %i shards leaves %i shards, AWS’s totals [KIN-UPDATE-SHARD-COUNT]', (from, to, total) => {
    const { e } = withStream(from);
    expect(e.kinesis.resharding.updateShardCount(key, to)).toEqual({ current: from });
    const all = shards(e);
    expect(all).toHaveLength(total);
    expect(all.filter((s) => s.closedAtMs === undefined)).toHaveLength(to);
  });

  it('leaves open shards that cover the whole hash key space without gaps or overlaps', () => {
    const { e } = withStream(10);
    e.kinesis.resharding.updateShardCount(key, 13);
    const open = shards(e)
      .filter((s) => s.closedAtMs === undefined)
      .map((s) => [BigInt(s.startingHashKey), BigInt(s.endingHashKey)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(open[0]![0]).toBe(0n);
    expect(open.at(-1)![1]).toBe((1n << 128n) - 1n);
    for (let i = 1; i < open.length; i++) expect(open[i]![0]).toBe(open[i - 1]![1] + 1n);
  });

  it('names each intermediate shard’s parents: splits have one parent, merges two', () => {
    const plan = uniformScalingPlan(
      [
        { index: 0, start: 0n, end: 99n },
        { index: 1, start: 100n, end: 199n },
      ],
      3,
      2,
    );
    expect(plan.closedOriginals).toEqual([0, 1]);
    expect(
      plan.created.map((s) => ({ index: s.index, parent: s.parent, adjacentParent: s.adjacentParent, closed: s.closed, range: [s.start, s.end] })),
    ).toEqual([
      { index: 2, parent: 0, adjacentParent: undefined, closed: true, range: [0n, 49n] },
      { index: 3, parent: 0, adjacentParent: undefined, closed: true, range: [50n, 99n] },
      { index: 4, parent: 1, adjacentParent: undefined, closed: false, range: [100n, 149n] },
      { index: 5, parent: 1, adjacentParent: undefined, closed: false, range: [150n, 199n] },
      { index: 6, parent: 2, adjacentParent: 3, closed: false, range: [0n, 99n] },
    ]);
  });

  it('closes every shard of the lineage at the moment of the call, and opens new ones then', () => {
    const { e, clock } = withStream(2);
    clock.advance(60_000);
    e.kinesis.resharding.updateShardCount(key, 3);
    const now = clock.now();
    expect(
      new Set(
        shards(e)
          .filter((s) => s.closedAtMs !== undefined)
          .map((s) => s.closedAtMs),
      ),
    ).toEqual(new Set([now]));
    expect(
      shards(e)
        .filter((s) => s.closedAtMs === undefined)
        .every((s) => s.createdAtMs === now),
    ).toBe(true);
  });

  it('is refused on an ON_DEMAND stream [KIN-UPDATE-SHARD-COUNT]', () => {
    const { e } = withStream(4, 'ON_DEMAND');
    expectAwsError(
      () => e.kinesis.resharding.updateShardCount(key, 8),
      'ValidationException',
      'Request is invalid. Stream scaled under account 000000000000 is in On-Demand mode.',
    );
  });
});

describe('Kinesis MergeShards and shard ids (engine)', () => {
  it('merges an adjacent pair named low shard first, and refuses it high shard first [KIN-MERGE-ORDER]', () => {
    const { e } = withStream(2);
    expectAwsError(
      () => e.kinesis.resharding.mergeShards(key, 'shardId-000000000001', 'shardId-000000000000'),
      'InvalidArgumentException',
      'Shards shardId-000000000001 and shardId-000000000000 in stream scaled under account 000000000000 are not an adjacent pair of shards eligible for merging',
    );
    e.kinesis.resharding.mergeShards(key, 'shardId-000000000000', 'shardId-000000000001');
    expect(
      shards(e)
        .filter((s) => s.closedAtMs === undefined)
        .map((s) => [s.shardId, s.parentShardId, s.adjacentParentShardId]),
    ).toEqual([['shardId-000000000002', 'shardId-000000000000', 'shardId-000000000001']]);
  });

  it('reads a shard id before it looks for the stream [KIN-SHARD-ID-ORDER]', () => {
    const { e } = withStream(1);
    const absent = { ...key, name: 'absent' };
    expectAwsError(
      () => e.kinesis.resharding.splitShard(absent, 'shard.odd', '5'),
      'ResourceNotFoundException',
      'Could not find shard shard.odd in stream absent under account 000000000000.',
    );
    expectAwsError(
      () => e.kinesis.resharding.splitShard(absent, 'shardId-1', '5'),
      'ResourceNotFoundException',
      'Stream absent under account 000000000000 not found.',
    );
    expectAwsError(
      () => e.kinesis.records.getShardIterator(absent, { shardId: '7', type: 'LATEST' }),
      'ResourceNotFoundException',
      'Shard shardId-000000000007 in stream absent under account 000000000000 does not exist',
    );
  });
});
