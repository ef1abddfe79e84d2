import { kinesisError, kinesisErrors } from '../errors.js';
import * as limits from '../limits.js';
import type { ShardRow, StreamRow } from '../store/kinesis-store.js';
import { decimalOfHex, hashKeyOfPartitionKey, hexOfDecimal, shardForHashKey } from './hash-key.js';
import { packRecords, unpackRecords, type BatchRecord } from './record-batch.js';
import { parseSequenceNumber } from './sequence-number.js';
import { decodeShardIterator, encodeShardIterator } from './shard-iterator.js';
import type { StreamAccess } from './stream-access.js';
import { ShardSignals } from './shard-signals.js';
import { Throttle } from './throttle.js';
import {
  shardIdOf,
  shardIndexOf,
  type ChildShardView,
  type EncryptionType,
  type IteratorType,
  type PutResult,
  type RecordToPut,
  type StoredRecord,
  type StreamKey,
} from './types.js';

export interface IteratorRequest {
  shardId: string;
  type: IteratorType;
  startingSequenceNumber?: string;
  timestampMs?: number;
}

/** A read from a position in a shard, shared by GetRecords and SubscribeToShard. */
export interface ShardRead {
  records: StoredRecord[];
  nextSeqIx: number;
  /** True once a closed shard has been read to its end. */
  endOfShard: boolean;
  millisBehindLatest: number;
  childShards: ChildShardView[];
}

/** Writing and reading records: PutRecord(s), GetShardIterator, GetRecords. */
export class RecordLog {
  private readonly throttle = new Throttle();
  readonly signals = new ShardSignals();

  constructor(private readonly access: StreamAccess) {}

  /** Puts each record into the open shard owning its hash key; per-record failures are results, not errors. */
  putRecords(key: StreamKey, records: RecordToPut[]): { results: PutResult[]; encryptionType: EncryptionType } {
    const { store, clock, options } = this.access;
    const touched = new Set<ShardRow>();
    const results = this.access.inTransaction(() => {
      const row = this.access.requireReadable(key);
      const maxBytes = row.max_record_size_kib * 1024;
      const hashKeys = records.map((r) => this.hashKeyOf(r));
      for (const r of records) {
        // Unverified against AWS: the exact wording.
        if (r.data.length + Buffer.byteLength(r.partitionKey) > maxBytes)
          throw kinesisErrors.invalidArgument(
            `Record size exceeds the maximum record size of ${row.max_record_size_kib} KiB for stream ${key.name} under account ${key.accountId}.`,
          );
      }
      const openShards = store.shardsOf(row.stream_id).filter((s) => s.closed_at_ms === null);
      const now = clock.now();
      const batches = new Map<ShardRow, { firstSeqIx: number; records: BatchRecord[] }>();
      const results = records.map((record, i): PutResult => {
        const shard = shardForHashKey(openShards, hashKeys[i]!);
        const bytes = record.data.length + Buffer.byteLength(record.partitionKey);
        if (options.enforceLimits && !this.throttle.allowWrite(shard.shard_row, now, bytes)) {
          return {
            errorCode: 'ProvisionedThroughputExceededException',
            errorMessage: `Rate exceeded for shard ${shardIdOf(shard.shard_index)} in stream ${key.name} under account ${key.accountId}.`,
          };
        }
        const seqIx = shard.next_seq_ix++;
        touched.add(shard);
        const sequenceNumber = this.access.sequenceNumberOf(shard, seqIx, now);
        let batch = batches.get(shard);
        if (!batch) batches.set(shard, (batch = { firstSeqIx: seqIx, records: [] }));
        batch.records.push({ sequenceNumber, partitionKey: record.partitionKey, data: record.data });
        return { shardId: shardIdOf(shard.shard_index), sequenceNumber };
      });
      for (const [shard, batch] of batches) store.insertBatch(shard.shard_row, batch.firstSeqIx, shard.next_seq_ix - 1, now, packRecords(batch.records));
      for (const shard of touched) store.setNextSeqIx(shard.shard_row, shard.next_seq_ix);
      return { results, encryptionType: row.encryption_type as EncryptionType };
    });
    // After commit: subscriptions woken now read what was just written.
    for (const shard of touched) this.signals.notify(shard.stream_id, shard.shard_index);
    return results;
  }

  private hashKeyOf(record: RecordToPut): string {
    if (record.explicitHashKey === undefined) return hashKeyOfPartitionKey(record.partitionKey);
    const hex = hexOfDecimal(record.explicitHashKey);
    if (hex === undefined) {
      throw kinesisErrors.invalidArgument(
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${record.explicitHashKey}`,
      );
    }
    return hex;
  }

  getShardIterator(key: StreamKey, request: IteratorRequest): string {
    return this.access.inTransaction(() => {
      // AWS's order (kinesalite): the shard id is read first; then a missing stream or shard is
      // "Shard shardId-000000000005 in stream … does not exist", the id in its normal form.
      this.access.requireReadableShardId(key, request.shardId);
      const shardId = shardIdOf(shardIndexOf(request.shardId)!);
      const row = this.access.find(key);
      const status = row && this.access.statusOf(row);
      const shard = row && (status === 'ACTIVE' || status === 'UPDATING') ? this.access.findShard(row, request.shardId) : undefined;
      if (!row || !shard) throw kinesisErrors.shardDoesNotExist(shardId, key.name, key.accountId);
      const seqIx = this.startingSeqIx(row, shard, request);
      return encodeShardIterator({ streamId: row.stream_id, streamName: row.name, shardIndex: shard.shard_index, seqIx, issuedAtMs: this.access.clock.now() });
    });
  }

  /** Where an iterator of the requested type starts, with kinesalite's wording of AWS's errors. */
  private startingSeqIx(row: StreamRow, shard: ShardRow, request: IteratorRequest): number {
    const shardId = shardIdOf(shard.shard_index);
    const where = `in stream ${row.name} under account ${row.account_id}`;
    const bySequence = request.type === 'AT_SEQUENCE_NUMBER' || request.type === 'AFTER_SEQUENCE_NUMBER';
    if (request.startingSequenceNumber !== undefined && !bySequence) {
      throw kinesisErrors.invalidArgument(
        'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
          `Request specified ${request.type} and also a StartingSequenceNumber.`,
      );
    }
    if (bySequence) {
      if (request.startingSequenceNumber === undefined) {
        throw kinesisErrors.invalidArgument(
          'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
            `Request specified ${request.type} and no StartingSequenceNumber.`,
        );
      }
      const parts = parseSequenceNumber(request.startingSequenceNumber);
      if (!parts)
        throw kinesisErrors.invalidArgument(
          `StartingSequenceNumber ${request.startingSequenceNumber} used in GetShardIterator on shard ${shardId} ${where} is invalid.`,
        );
      if (parts.shardIndex !== shard.shard_index) {
        throw kinesisErrors.invalidArgument(
          `Invalid StartingSequenceNumber. It encodes ${shardIdOf(parts.shardIndex)}, while it was used in a call to a shard with ${shardId}`,
        );
      }
      if (Math.floor(parts.shardCreatedAtMs / 1000) !== Math.floor(shard.created_at_ms / 1000)) {
        throw kinesisErrors.invalidArgument(
          `StartingSequenceNumber ${request.startingSequenceNumber} used in GetShardIterator on shard ${shardId} ${where} is invalid because it did not come from this stream.`,
        );
      }
      const at = parts.seqIx >= BigInt(shard.next_seq_ix) ? shard.next_seq_ix : Number(parts.seqIx);
      return request.type === 'AT_SEQUENCE_NUMBER' ? at : Math.min(at + 1, shard.next_seq_ix);
    }
    if (request.type === 'TRIM_HORIZON') return 0;
    if (request.type === 'LATEST') return shard.next_seq_ix;
    // AT_TIMESTAMP
    const now = this.access.clock.now();
    if (request.timestampMs === undefined) {
      throw kinesisErrors.invalidArgument(
        'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
      );
    }
    if (request.timestampMs > now) {
      throw kinesisErrors.invalidArgument(
        `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${request.timestampMs}, currentTimestampInMillis: ${now}`,
      );
    }
    return this.access.store.firstSeqIxArrivedFrom(shard.shard_row, request.timestampMs) ?? shard.next_seq_ix;
  }

  getRecords(iterator: string, limit: number, accountId: string): { read: ShardRead; nextIterator?: string } {
    const position = decodeShardIterator(iterator);
    const now = this.access.clock.now();
    if (!position) throw kinesisErrors.invalidShardIterator();
    // An iterator issued "later" than now (the virtual clock was set back) is fresh, not expired.
    if (now - position.issuedAtMs > limits.ITERATOR_TTL_MS) {
      throw kinesisError(
        'ExpiredIteratorException',
        `Iterator expired. The iterator was created at time ${amzUtc(position.issuedAtMs)} while right now it is ${amzUtc(now)} which is further in the future than the tolerated delay of ${limits.ITERATOR_TTL_MS} milliseconds.`,
      );
    }
    return this.access.inTransaction(() => {
      const row = this.access.store.streamById(position.streamId);
      const shard = row && this.access.statusOf(row) !== 'GONE' ? this.access.store.shardByIndex(row.stream_id, position.shardIndex) : undefined;
      if (!row || !shard) throw kinesisErrors.shardDoesNotExist(shardIdOf(position.shardIndex), position.streamName, accountId);
      if (this.access.options.enforceLimits && !this.throttle.allowReadCall(shard.shard_row, now)) {
        throw kinesisErrors.throughputExceeded(
          `Rate exceeded for shard ${shardIdOf(shard.shard_index)} in stream ${row.name} under account ${row.account_id}.`,
        );
      }
      const read = this.readShard(row, shard, position.seqIx, limit);
      if (this.access.options.enforceLimits)
        this.throttle.recordRead(
          shard.shard_row,
          now,
          read.records.reduce((n, r) => n + r.data.length, 0),
        );
      if (read.endOfShard) return { read };
      const nextIterator = encodeShardIterator({ ...position, seqIx: read.nextSeqIx, issuedAtMs: now });
      return { read, nextIterator };
    });
  }

  /** Where a SubscribeToShard subscription starts: the same rules and errors as GetShardIterator. */
  openSubscription(key: StreamKey, request: IteratorRequest): { streamId: number; shardIndex: number; seqIx: number } {
    const position = decodeShardIterator(this.getShardIterator(key, request))!;
    return { streamId: position.streamId, shardIndex: position.shardIndex, seqIx: position.seqIx };
  }

  /**
   * The next batch for a subscription, with the ContinuationSequenceNumber to resume after it
   * (undefined once a closed shard is exhausted). ResourceNotFoundException once the stream is gone.
   */
  readSubscription(streamId: number, shardIndex: number, seqIx: number, limit: number, accountId: string): ShardRead & { continuationSequenceNumber?: string } {
    return this.access.inTransaction(() => {
      const row = this.access.store.streamById(streamId);
      const shard = row && this.access.statusOf(row) !== 'GONE' ? this.access.store.shardByIndex(streamId, shardIndex) : undefined;
      if (!row || !shard) throw kinesisErrors.shardDoesNotExist(shardIdOf(shardIndex), row?.name ?? String(streamId), accountId);
      const read = this.readShard(row, shard, seqIx, limit);
      if (read.endOfShard) return read;
      const last = read.records.at(-1);
      return {
        ...read,
        continuationSequenceNumber: last?.sequenceNumber ?? this.access.sequenceNumberOf(shard, Math.max(0, read.nextSeqIx - 1), shard.created_at_ms),
      };
    });
  }

  /** Reads up to `limit` records (and 10 MiB) from seqIx; trims what the retention period dropped. */
  readShard(row: StreamRow, shard: ShardRow, seqIx: number, limit: number): ShardRead {
    this.access.store.trimRecords(shard.shard_row, this.access.retainedFromMs(row));
    return this.peekShard(row, shard, seqIx, limit);
  }

  /** The same read, changing nothing: records past retention are skipped, not deleted (inspection). */
  peekShard(row: StreamRow, shard: ShardRow, seqIx: number, limit: number): ShardRead {
    const { store, clock } = this.access;
    const retainedFrom = this.access.retainedFromMs(row);
    const records: StoredRecord[] = [];
    let bytes = 0;
    let nextSeqIx = seqIx;
    for (const batch of store.batchesFrom(shard.shard_row, seqIx, retainedFrom)) {
      // A batch trimmed away leaves a gap: reading resumes at the next one.
      const from = Math.max(nextSeqIx, batch.first_seq_ix);
      const before = records.length;
      bytes = unpackRecords(batch.records, from - batch.first_seq_ix, batch.arrived_at_ms, records, limit, bytes, limits.MAX_GET_RECORDS_BYTES);
      if (records.length > before) nextSeqIx = from + (records.length - before);
      if (bytes < 0 || records.length >= limit) break;
    }
    const caughtUp = nextSeqIx >= shard.next_seq_ix;
    const endOfShard = caughtUp && shard.closed_at_ms !== null;
    const nextArrival = caughtUp ? undefined : store.arrivalOf(shard.shard_row, nextSeqIx);
    return {
      records,
      nextSeqIx,
      endOfShard,
      millisBehindLatest: nextArrival === undefined ? 0 : Math.max(0, clock.now() - nextArrival),
      childShards: endOfShard ? this.childShardsOf(row, shard) : [],
    };
  }

  private childShardsOf(row: StreamRow, parent: ShardRow): ChildShardView[] {
    return this.access.store
      .shardsOf(row.stream_id)
      .filter((s) => s.parent_shard_index === parent.shard_index || s.adjacent_parent_shard_index === parent.shard_index)
      .map((s) => ({
        shardId: shardIdOf(s.shard_index),
        parentShards: [s.parent_shard_index, s.adjacent_parent_shard_index].filter((i): i is number => i !== null).map(shardIdOf),
        startingHashKey: decimalOfHex(s.starting_hash_key),
        endingHashKey: decimalOfHex(s.ending_hash_key),
      }));
  }
}

/** AWS's date format in ExpiredIteratorException: `Thu Jan 22 01:22:02 UTC 2015`. */
function amzUtc(epochMs: number): string {
  const match = /^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/.exec(new Date(epochMs).toUTCString())!;
  return `${match[1]} ${match[3]} ${match[2]} ${match[5]} UTC ${match[4]}`;
}
