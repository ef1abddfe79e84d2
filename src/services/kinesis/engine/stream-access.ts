import { streamArnOf } from '../../../arn.js';
import type { Clock } from '../../../clock.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';
import { kinesisErrors } from '../errors.js';
import type { KinesisStore, ShardRow, StreamRow } from '../store/kinesis-store.js';
import { decimalOfHex } from './hash-key.js';
import { ENDING_SEQ_IX, formatSequenceNumber } from './sequence-number.js';
import {
  shardIdOf,
  shardIndexOf,
  type EncryptionType,
  type KinesisOptions,
  type ShardLevelMetric,
  type ShardView,
  type StreamKey,
  type StreamMode,
  type StreamStatus,
  type StreamView,
} from './types.js';

/**
 * What every part of the Kinesis engine needs: the store, the clock, the options, one
 * transaction helper, and the rules for finding a stream and reading its status. Status is
 * derived from stored timestamps when read (CREATING/UPDATING end, DELETING streams vanish)
 * rather than changed by timers.
 */
export class StreamAccess {
  readonly inTransaction: InTransaction;

  constructor(
    readonly store: KinesisStore,
    readonly clock: Clock,
    readonly options: KinesisOptions,
  ) {
    this.inTransaction = transactionRunner(store.db);
  }

  statusOf(row: StreamRow): StreamStatus | 'GONE' {
    if (this.clock.now() < row.status_until_ms) return row.status;
    return row.status === 'DELETING' ? 'GONE' : 'ACTIVE';
  }

  /** The stream, unless it does not exist or has finished deleting. */
  find(key: StreamKey): StreamRow | undefined {
    const row = this.store.findStream(key.accountId, key.region, key.name);
    return row && this.statusOf(row) !== 'GONE' ? row : undefined;
  }

  require(key: StreamKey): StreamRow {
    const row = this.find(key);
    if (!row) throw kinesisErrors.streamNotFound(key.name, key.accountId);
    return row;
  }

  /** Control-plane changes need an ACTIVE stream; anything else is ResourceInUseException. */
  requireActive(key: StreamKey): StreamRow {
    const row = this.require(key);
    const status = this.statusOf(row);
    if (status !== 'ACTIVE') throw kinesisErrors.streamNotActive(key.name, key.accountId, status);
    return row;
  }

  /** Reads and writes work while ACTIVE or UPDATING; a CREATING or DELETING stream is "not found" (kinesalite). */
  requireReadable(key: StreamKey): StreamRow {
    const row = this.require(key);
    const status = this.statusOf(row);
    if (status !== 'ACTIVE' && status !== 'UPDATING') throw kinesisErrors.streamNotFound(key.name, key.accountId);
    return row;
  }

  /** Puts the stream in UPDATING for the configured delay (0: it stays ACTIVE). */
  markUpdating(row: StreamRow): void {
    if (this.options.updateDelayMs <= 0) return;
    row.status = 'UPDATING';
    row.status_until_ms = this.clock.now() + this.options.updateDelayMs;
  }

  /** Refuses shards beyond the account's open-shard quota, in kinesalite's wording of AWS's error. */
  checkShardLimit(key: StreamKey, additional: number): void {
    const current = this.store.openShardCount(key.accountId, key.region);
    const limit = this.options.shardLimit;
    if (current + additional > limit) {
      throw kinesisErrors.limitExceeded(
        `This request would exceed the shard limit for the account ${key.accountId} in ${key.region}. Current shard count for the account: ${current}. ` +
          `Limit: ${limit}. Number of additional shards that would have resulted from this request: ${additional}. ` +
          'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
      );
    }
  }

  keyOf(row: StreamRow): StreamKey {
    return { accountId: row.account_id, region: row.region, name: row.name };
  }

  retainedFromMs(row: StreamRow): number {
    return this.clock.now() - row.retention_hours * 3_600_000;
  }

  /** A closed shard is EXPIRED (no longer listed) once the retention period has passed since it closed. */
  isExpired(row: StreamRow, shard: ShardRow): boolean {
    return shard.closed_at_ms !== null && shard.closed_at_ms < this.retainedFromMs(row);
  }

  liveShards(row: StreamRow): ShardRow[] {
    return this.store.shardsOf(row.stream_id).filter((s) => !this.isExpired(row, s));
  }

  /** Accepts `shardId-000000000001`, `shardId-1` or `1`, as AWS does (kinesalite). */
  findShard(row: StreamRow, shardId: string): ShardRow | undefined {
    const index = shardIndexOf(shardId);
    if (index === undefined) return undefined;
    const shard = this.store.shardByIndex(row.stream_id, index);
    return shard && !this.isExpired(row, shard) ? shard : undefined;
  }

  /** A shard of SplitShard/MergeShards: missing, it is named in AWS's normal form (`shardId-000000000005`). */
  requireShard(row: StreamRow, shardId: string): ShardRow {
    const shard = this.findShard(row, shardId);
    const index = shardIndexOf(shardId);
    if (!shard) throw kinesisErrors.shardNotFound(index === undefined ? shardId : shardIdOf(index), row.name, row.account_id);
    return shard;
  }

  /**
   * AWS reads a ShardId before it looks for the stream: an id it cannot read is "Could not find
   * shard <id>" even when the stream does not exist either (kinesalite's recordings).
   */
  requireReadableShardId(key: StreamKey, shardId: string): void {
    if (shardIndexOf(shardId) === undefined) throw kinesisErrors.shardNotFound(shardId, key.name, key.accountId);
  }

  shardView(shard: ShardRow): ShardView {
    const view: ShardView = {
      shardId: shardIdOf(shard.shard_index),
      shardIndex: shard.shard_index,
      startingHashKey: decimalOfHex(shard.starting_hash_key),
      endingHashKey: decimalOfHex(shard.ending_hash_key),
      startingSequenceNumber: this.sequenceNumberOf(shard, 0, shard.created_at_ms),
      createdAtMs: shard.created_at_ms,
    };
    if (shard.parent_shard_index !== null) view.parentShardId = shardIdOf(shard.parent_shard_index);
    if (shard.adjacent_parent_shard_index !== null) view.adjacentParentShardId = shardIdOf(shard.adjacent_parent_shard_index);
    if (shard.closed_at_ms !== null) {
      view.closedAtMs = shard.closed_at_ms;
      view.endingSequenceNumber = formatSequenceNumber({
        shardCreatedAtMs: shard.created_at_ms,
        shardIndex: shard.shard_index,
        seqIx: ENDING_SEQ_IX,
        arrivedAtMs: shard.closed_at_ms,
      });
    }
    return view;
  }

  sequenceNumberOf(shard: ShardRow, seqIx: number, arrivedAtMs: number): string {
    return formatSequenceNumber({ shardCreatedAtMs: shard.created_at_ms, shardIndex: shard.shard_index, seqIx: BigInt(seqIx), arrivedAtMs });
  }

  view(row: StreamRow): StreamView {
    const status = this.statusOf(row);
    const shards = this.liveShards(row).map((s) => this.shardView(s));
    const view: StreamView = {
      name: row.name,
      arn: streamArnOf(this.keyOf(row)),
      status: status === 'GONE' ? 'DELETING' : status,
      createdAtMs: row.created_at_ms,
      retentionHours: row.retention_hours,
      // Only the engine writes these columns, from the same unions.
      mode: row.stream_mode as StreamMode,
      encryptionType: row.encryption_type as EncryptionType,
      shardLevelMetrics: JSON.parse(row.shard_level_metrics_json) as ShardLevelMetric[],
      maxRecordSizeKiB: row.max_record_size_kib,
      shards,
      openShardCount: shards.filter((s) => s.closedAtMs === undefined).length,
      consumerCount: this.store.consumersOf(row.stream_id).length,
    };
    if (row.key_id !== null) view.keyId = row.key_id;
    if (row.warm_throughput_mibps !== null) view.warmThroughputMiBps = row.warm_throughput_mibps;
    return view;
  }
}
