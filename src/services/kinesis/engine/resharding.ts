import { kinesisErrors } from '../errors.js';
import type { ShardRow, StreamRow } from '../store/kinesis-store.js';
import { hashKeyOfHex, hexOfDecimal, hexOfHashKey } from './hash-key.js';
import type { StreamAccess } from './stream-access.js';
import { shardIdOf, type StreamKey } from './types.js';
import { uniformScalingPlan } from './uniform-scaling.js';

/**
 * SplitShard, MergeShards and UpdateShardCount. Parents are closed at once and children created
 * with ParentShardId/AdjacentParentShardId; the stream is UPDATING for the configured delay.
 */
export class Resharding {
  constructor(private readonly access: StreamAccess) {}

  splitShard(key: StreamKey, shardToSplit: string, newStartingHashKey: string): void {
    this.access.inTransaction(() => {
      this.access.requireReadableShardId(key, shardToSplit);
      const row = this.access.require(key);
      const shard = this.access.requireShard(row, shardToSplit);
      const where = `in stream ${key.name} under account ${key.accountId}`;
      const start = hashKeyOfHex(shard.starting_hash_key);
      const end = hashKeyOfHex(shard.ending_hash_key);
      const split = hexOfDecimal(newStartingHashKey);
      const splitAt = split === undefined ? -1n : hashKeyOfHex(split);
      if (splitAt <= start + 1n || splitAt >= end) {
        throw kinesisErrors.invalidArgument(
          `NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardIdOf(shard.shard_index)} ${where} is not both greater than one plus the shard's StartingHashKey ${start} and less than the shard's EndingHashKey ${end}.`,
        );
      }
      this.requireActiveAndOpen(row, [shard]);
      this.access.checkShardLimit(key, 1);
      this.closeAndCreate(
        row,
        [shard],
        [
          { start: shard.starting_hash_key, end: hexOfHashKey(splitAt - 1n), parents: [shard.shard_index] },
          { start: hexOfHashKey(splitAt), end: shard.ending_hash_key, parents: [shard.shard_index] },
        ],
      );
    });
  }

  mergeShards(key: StreamKey, shardToMerge: string, adjacentShardToMerge: string): void {
    this.access.inTransaction(() => {
      this.access.requireReadableShardId(key, shardToMerge);
      this.access.requireReadableShardId(key, adjacentShardToMerge);
      const row = this.access.require(key);
      const first = this.access.requireShard(row, shardToMerge);
      const second = this.access.requireShard(row, adjacentShardToMerge);
      // In the order given: AWS refuses an adjacent pair named high shard first (kinesalite, mergeShards.js).
      const [low, high] = [first, second];
      if (hashKeyOfHex(low.ending_hash_key) + 1n !== hashKeyOfHex(high.starting_hash_key)) {
        throw kinesisErrors.invalidArgument(
          `Shards ${shardIdOf(first.shard_index)} and ${shardIdOf(second.shard_index)} in stream ${key.name} under account ${key.accountId} are not an adjacent pair of shards eligible for merging`,
        );
      }
      this.requireActiveAndOpen(row, [first, second]);
      this.closeAndCreate(
        row,
        [first, second],
        [{ start: low.starting_hash_key, end: high.ending_hash_key, parents: [first.shard_index, second.shard_index] }],
      );
    });
  }

  /**
   * UNIFORM_SCALING, with AWS's lineage (uniform-scaling.ts): every split and merge of the way
   * is recorded, its intermediate shards closed at once. Refused on an ON_DEMAND stream.
   * Limits: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html
   */
  updateShardCount(key: StreamKey, target: number): { current: number } {
    return this.access.inTransaction(() => {
      const row = this.access.requireActive(key);
      if (row.stream_mode === 'ON_DEMAND') throw kinesisErrors.onDemandNotScalable(key.name, key.accountId);
      const open = this.access.store.shardsOf(row.stream_id).filter((s) => s.closed_at_ms === null);
      const current = open.length;
      if (target === current) return { current };
      if (target > current * 2 || target * 2 < current || target > 10_000) {
        throw kinesisErrors.invalidArgument(
          `UpdateShardCount failed for stream ${key.name} under account ${key.accountId}: the target shard count ${target} must be between ${Math.ceil(current / 2)} and ${current * 2} (half and double the current count of ${current}).`,
        );
      }
      if (target > current) this.access.checkShardLimit(key, target - current);
      const plan = uniformScalingPlan(
        open.map((s) => ({ index: s.shard_index, start: hashKeyOfHex(s.starting_hash_key), end: hashKeyOfHex(s.ending_hash_key) })),
        target,
        row.next_shard_index,
      );
      const { store, clock } = this.access;
      const now = clock.now();
      for (const shard of open) if (plan.closedOriginals.includes(shard.shard_index)) store.closeShard(shard.shard_row, now);
      for (const child of plan.created) {
        store.insertShard({
          stream_id: row.stream_id,
          shard_index: child.index,
          parent_shard_index: child.parent,
          adjacent_parent_shard_index: child.adjacentParent ?? null,
          starting_hash_key: hexOfHashKey(child.start),
          ending_hash_key: hexOfHashKey(child.end),
          created_at_ms: now,
        });
        if (child.closed) store.closeShard(store.shardByIndex(row.stream_id, child.index)!.shard_row, now);
      }
      row.next_shard_index += plan.created.length;
      this.access.markUpdating(row);
      store.saveStream(row);
      return { current };
    });
  }

  private requireActiveAndOpen(row: StreamRow, shards: ShardRow[]): void {
    const status = this.access.statusOf(row);
    if (status !== 'ACTIVE') throw kinesisErrors.streamNotActive(row.name, row.account_id, status);
    for (const shard of shards) {
      if (shard.closed_at_ms !== null) {
        // Unverified against AWS: the exact wording.
        throw kinesisErrors.resourceInUse(
          `Shard ${shardIdOf(shard.shard_index)} in stream ${row.name} under account ${row.account_id} has already been merged or split, and thus is not eligible for merging or splitting.`,
        );
      }
    }
  }

  private closeAndCreate(row: StreamRow, parents: ShardRow[], children: { start: string; end: string; parents: number[] }[]): void {
    const { store, clock } = this.access;
    const now = clock.now();
    for (const parent of parents) store.closeShard(parent.shard_row, now);
    for (const child of children) {
      store.insertShard({
        stream_id: row.stream_id,
        shard_index: row.next_shard_index++,
        parent_shard_index: child.parents[0] ?? null,
        adjacent_parent_shard_index: child.parents[1] ?? null,
        starting_hash_key: child.start,
        ending_hash_key: child.end,
        created_at_ms: now,
      });
    }
    this.access.markUpdating(row);
    store.saveStream(row);
  }
}
