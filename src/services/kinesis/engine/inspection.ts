import { kinesisErrors } from '../errors.js';
import type { ShardRow, StreamRow } from '../store/kinesis-store.js';
import type { Consumers } from './consumers.js';
import type { RecordLog } from './record-log.js';
import { parseSequenceNumber } from './sequence-number.js';
import type { StreamAccess } from './stream-access.js';
import { shardIdOf, type ConsumerView, type ShardView, type StoredRecord, type StreamKey, type StreamView } from './types.js';

export interface StreamSummary {
  key: StreamKey;
  stream: StreamView;
  consumers: ConsumerView[];
}

export interface ShardDetail extends ShardView {
  /** Records still within the retention period. */
  recordCount: number;
}

export interface StreamDetail extends StreamSummary {
  shards: ShardDetail[];
}

export interface ShardRecords {
  records: StoredRecord[];
  /** Where the next page starts (the next record's sequence number); absent once the read caught up. */
  nextSequenceNumber?: string;
}

/**
 * What the dashboard and /_wharf/kinesis show: streams, shards and records as they stand, read
 * without changing anything (records past retention are skipped, not trimmed; no iterator is
 * issued, no throughput is counted).
 */
export class KinesisInspection {
  constructor(
    private readonly access: StreamAccess,
    private readonly records: RecordLog,
    private readonly consumers: Consumers,
  ) {}

  /** Every stream of every account and region that has not finished deleting. */
  streams(): StreamSummary[] {
    return this.access.store
      .allStreams()
      .filter((row) => this.access.statusOf(row) !== 'GONE')
      .map((row) => this.summaryOf(row));
  }

  exists(key: StreamKey): boolean {
    return this.access.find(key) !== undefined;
  }

  stream(key: StreamKey): StreamDetail | undefined {
    const row = this.access.find(key);
    if (!row) return undefined;
    const shards = this.access.liveShards(row).map((shard) => ({ ...this.access.shardView(shard), recordCount: this.recordCount(row, shard) }));
    return { ...this.summaryOf(row), shards };
  }

  /**
   * Up to `limit` records of a shard from the record whose sequence number is `from` (the oldest
   * retained one when absent); undefined when the stream or shard does not exist.
   */
  shardRecords(key: StreamKey, shardId: string, from: string | undefined, limit: number): ShardRecords | undefined {
    const row = this.access.find(key);
    const shard = row ? this.access.findShard(row, shardId) : undefined;
    if (!row || !shard) return undefined;
    const read = this.records.peekShard(row, shard, from === undefined ? 0 : this.seqIxOf(shard, from), limit);
    const result: ShardRecords = { records: read.records };
    const nextArrival = read.nextSeqIx < shard.next_seq_ix ? this.access.store.arrivalOf(shard.shard_row, read.nextSeqIx) : undefined;
    if (nextArrival !== undefined) result.nextSequenceNumber = this.access.sequenceNumberOf(shard, read.nextSeqIx, nextArrival);
    return result;
  }

  private summaryOf(row: StreamRow): StreamSummary {
    return { key: this.access.keyOf(row), stream: this.access.view(row), consumers: this.consumers.viewsOf(row) };
  }

  /** Retention drops whole batches from the oldest on, so the retained records are one run up to the newest. */
  private recordCount(row: StreamRow, shard: ShardRow): number {
    const first = this.access.store.firstSeqIxArrivedFrom(shard.shard_row, this.access.retainedFromMs(row));
    return first === undefined ? 0 : shard.next_seq_ix - first;
  }

  private seqIxOf(shard: ShardRow, sequenceNumber: string): number {
    const parts = parseSequenceNumber(sequenceNumber);
    if (!parts || parts.shardIndex !== shard.shard_index || Math.floor(parts.shardCreatedAtMs / 1000) !== Math.floor(shard.created_at_ms / 1000)) {
      throw kinesisErrors.invalidArgument(`Sequence number ${sequenceNumber} does not belong to ${shardIdOf(shard.shard_index)}.`);
    }
    return parts.seqIx > BigInt(shard.next_seq_ix) ? shard.next_seq_ix : Number(parts.seqIx);
  }
}
