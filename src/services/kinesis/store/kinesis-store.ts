import type { Db } from '../../../store/database.js';

export type StoredStreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

export interface StreamRow {
  stream_id: number;
  account_id: string;
  region: string;
  name: string;
  status: StoredStreamStatus;
  status_until_ms: number;
  created_at_ms: number;
  retention_hours: number;
  stream_mode: string;
  mode_changed_at_ms: number | null;
  encryption_type: string;
  key_id: string | null;
  shard_level_metrics_json: string;
  tags_json: string;
  max_record_size_kib: number;
  warm_throughput_mibps: number | null;
  next_shard_index: number;
}

export interface ShardRow {
  shard_row: number;
  stream_id: number;
  shard_index: number;
  parent_shard_index: number | null;
  adjacent_parent_shard_index: number | null;
  starting_hash_key: string;
  ending_hash_key: string;
  created_at_ms: number;
  closed_at_ms: number | null;
  next_seq_ix: number;
}

export interface BatchRow {
  first_seq_ix: number;
  arrived_at_ms: number;
  records: Buffer;
}

export interface ConsumerRow {
  consumer_id: number;
  stream_id: number;
  name: string;
  created_at_ms: number;
  status: 'CREATING' | 'ACTIVE' | 'DELETING';
  status_until_ms: number;
  tags_json: string;
}

export type NewStream = Omit<StreamRow, 'stream_id'>;
export type NewShard = Omit<ShardRow, 'shard_row' | 'closed_at_ms' | 'next_seq_ix'>;

/** Every SQL statement of the Kinesis engine, prepared once when the store is built. */
export class KinesisStore {
  private readonly s;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      findStream: p(`SELECT * FROM kinesis_streams WHERE account_id = ? AND region = ? AND name = ?`),
      streamById: p(`SELECT * FROM kinesis_streams WHERE stream_id = ?`),
      insertStream: p(`INSERT INTO kinesis_streams (account_id, region, name, status, status_until_ms, created_at_ms, retention_hours,
                         stream_mode, mode_changed_at_ms, encryption_type, key_id, shard_level_metrics_json, tags_json,
                         max_record_size_kib, warm_throughput_mibps, next_shard_index)
                       VALUES (@account_id, @region, @name, @status, @status_until_ms, @created_at_ms, @retention_hours,
                         @stream_mode, @mode_changed_at_ms, @encryption_type, @key_id, @shard_level_metrics_json, @tags_json,
                         @max_record_size_kib, @warm_throughput_mibps, @next_shard_index) RETURNING *`),
      saveStream: p(`UPDATE kinesis_streams SET status = @status, status_until_ms = @status_until_ms, retention_hours = @retention_hours,
                       stream_mode = @stream_mode, mode_changed_at_ms = @mode_changed_at_ms, encryption_type = @encryption_type,
                       key_id = @key_id, shard_level_metrics_json = @shard_level_metrics_json, tags_json = @tags_json,
                       max_record_size_kib = @max_record_size_kib, warm_throughput_mibps = @warm_throughput_mibps,
                       next_shard_index = @next_shard_index
                     WHERE stream_id = @stream_id`),
      deleteStream: p(`DELETE FROM kinesis_streams WHERE stream_id = ?`),
      listStreams: p(`SELECT * FROM kinesis_streams WHERE account_id = ? AND region = ? AND name > ? ORDER BY name LIMIT ?`),
      streamsOf: p(`SELECT * FROM kinesis_streams WHERE account_id = ? AND region = ?`),
      allStreams: p(`SELECT * FROM kinesis_streams ORDER BY account_id, region, name`),
      openShardCount: p(`SELECT count(*) FROM kinesis_shards JOIN kinesis_streams USING (stream_id)
                         WHERE account_id = ? AND region = ? AND closed_at_ms IS NULL`),
      shardsOf: p(`SELECT * FROM kinesis_shards WHERE stream_id = ? ORDER BY shard_index`),
      shardByIndex: p(`SELECT * FROM kinesis_shards WHERE stream_id = ? AND shard_index = ?`),
      insertShard: p(`INSERT INTO kinesis_shards (stream_id, shard_index, parent_shard_index, adjacent_parent_shard_index,
                        starting_hash_key, ending_hash_key, created_at_ms)
                      VALUES (@stream_id, @shard_index, @parent_shard_index, @adjacent_parent_shard_index,
                        @starting_hash_key, @ending_hash_key, @created_at_ms)`),
      closeShard: p(`UPDATE kinesis_shards SET closed_at_ms = ? WHERE shard_row = ?`),
      setNextSeqIx: p(`UPDATE kinesis_shards SET next_seq_ix = ? WHERE shard_row = ?`),
      insertBatch: p(`INSERT INTO kinesis_record_batches (shard_row, first_seq_ix, last_seq_ix, arrived_at_ms, records) VALUES (?, ?, ?, ?, ?)`),
      batchesFrom: p(`SELECT first_seq_ix, arrived_at_ms, records FROM kinesis_record_batches
                      WHERE shard_row = ? AND last_seq_ix >= ? AND arrived_at_ms >= ? ORDER BY last_seq_ix`),
      firstSeqIxArrivedFrom: p(`SELECT first_seq_ix FROM kinesis_record_batches WHERE shard_row = ? AND arrived_at_ms >= ? ORDER BY last_seq_ix LIMIT 1`),
      arrivalOf: p(`SELECT arrived_at_ms FROM kinesis_record_batches WHERE shard_row = ? AND last_seq_ix >= ? ORDER BY last_seq_ix LIMIT 1`),
      oldestArrival: p(`SELECT arrived_at_ms FROM kinesis_record_batches WHERE shard_row = ? ORDER BY last_seq_ix LIMIT 1`),
      trimBatches: p(`DELETE FROM kinesis_record_batches WHERE shard_row = ? AND arrived_at_ms < ?`),
      findConsumer: p(`SELECT * FROM kinesis_consumers WHERE stream_id = ? AND name = ?`),
      consumersOf: p(`SELECT * FROM kinesis_consumers WHERE stream_id = ? ORDER BY name`),
      insertConsumer: p(`INSERT INTO kinesis_consumers (stream_id, name, created_at_ms, status, status_until_ms, tags_json)
                         VALUES (@stream_id, @name, @created_at_ms, @status, @status_until_ms, @tags_json) RETURNING *`),
      setConsumerStatus: p(`UPDATE kinesis_consumers SET status = ?, status_until_ms = ? WHERE consumer_id = ?`),
      setConsumerTags: p(`UPDATE kinesis_consumers SET tags_json = ? WHERE consumer_id = ?`),
      deleteConsumer: p(`DELETE FROM kinesis_consumers WHERE consumer_id = ?`),
      getPolicy: p(`SELECT policy FROM kinesis_resource_policies WHERE account_id = ? AND region = ? AND resource_arn = ?`),
      putPolicy: p(`INSERT OR REPLACE INTO kinesis_resource_policies (account_id, region, resource_arn, policy) VALUES (?, ?, ?, ?)`),
      deletePolicy: p(`DELETE FROM kinesis_resource_policies WHERE account_id = ? AND region = ? AND resource_arn = ?`),
      deletePoliciesUnder: p(
        `DELETE FROM kinesis_resource_policies WHERE account_id = ? AND region = ? AND (resource_arn = ? OR resource_arn LIKE ? || '/consumer/%')`,
      ),
      getAccountSettings: p(`SELECT settings_json FROM kinesis_account_settings WHERE account_id = ? AND region = ?`),
      putAccountSettings: p(`INSERT OR REPLACE INTO kinesis_account_settings (account_id, region, settings_json) VALUES (?, ?, ?)`),
    };
  }

  findStream(accountId: string, region: string, name: string): StreamRow | undefined {
    return this.s.findStream.get(accountId, region, name) as StreamRow | undefined;
  }
  streamById(streamId: number): StreamRow | undefined {
    return this.s.streamById.get(streamId) as StreamRow | undefined;
  }
  insertStream(row: NewStream): StreamRow {
    return this.s.insertStream.get(row) as StreamRow;
  }
  saveStream(row: StreamRow): void {
    this.s.saveStream.run(row);
  }
  deleteStream(streamId: number): void {
    this.s.deleteStream.run(streamId);
  }
  listStreams(accountId: string, region: string, afterName: string, limit: number): StreamRow[] {
    return this.s.listStreams.all(accountId, region, afterName, limit) as StreamRow[];
  }
  streamsOf(accountId: string, region: string): StreamRow[] {
    return this.s.streamsOf.all(accountId, region) as StreamRow[];
  }
  /** Every stream of every account and region (inspection), by account, region and name. */
  allStreams(): StreamRow[] {
    return this.s.allStreams.all() as StreamRow[];
  }
  openShardCount(accountId: string, region: string): number {
    return this.s.openShardCount.pluck().get(accountId, region) as number;
  }
  shardsOf(streamId: number): ShardRow[] {
    return this.s.shardsOf.all(streamId) as ShardRow[];
  }
  shardByIndex(streamId: number, shardIndex: number): ShardRow | undefined {
    return this.s.shardByIndex.get(streamId, shardIndex) as ShardRow | undefined;
  }
  insertShard(row: NewShard): void {
    this.s.insertShard.run(row);
  }
  closeShard(shardRow: number, closedAtMs: number): void {
    this.s.closeShard.run(closedAtMs, shardRow);
  }
  setNextSeqIx(shardRow: number, nextSeqIx: number): void {
    this.s.setNextSeqIx.run(nextSeqIx, shardRow);
  }
  insertBatch(shardRow: number, firstSeqIx: number, lastSeqIx: number, arrivedAtMs: number, records: Buffer): void {
    this.s.insertBatch.run(shardRow, firstSeqIx, lastSeqIx, arrivedAtMs, records);
  }
  /** A shard's batches holding seqIx or later, still within retention, in order (iterate: stop when the read is full). */
  batchesFrom(shardRow: number, fromSeqIx: number, retainedFromMs: number): IterableIterator<BatchRow> {
    return this.s.batchesFrom.iterate(shardRow, fromSeqIx, retainedFromMs) as IterableIterator<BatchRow>;
  }
  firstSeqIxArrivedFrom(shardRow: number, fromMs: number): number | undefined {
    return this.s.firstSeqIxArrivedFrom.pluck().get(shardRow, fromMs) as number | undefined;
  }
  /** Arrival time of the record at seqIx (or the next one), if any. */
  arrivalOf(shardRow: number, seqIx: number): number | undefined {
    return this.s.arrivalOf.pluck().get(shardRow, seqIx) as number | undefined;
  }
  /** Drops batches that arrived before `beforeMs`; a single index read when none did. */
  trimRecords(shardRow: number, beforeMs: number): void {
    const oldest = this.s.oldestArrival.pluck().get(shardRow) as number | undefined;
    if (oldest !== undefined && oldest < beforeMs) this.s.trimBatches.run(shardRow, beforeMs);
  }
  findConsumer(streamId: number, name: string): ConsumerRow | undefined {
    return this.s.findConsumer.get(streamId, name) as ConsumerRow | undefined;
  }
  consumersOf(streamId: number): ConsumerRow[] {
    return this.s.consumersOf.all(streamId) as ConsumerRow[];
  }
  insertConsumer(row: Omit<ConsumerRow, 'consumer_id'>): ConsumerRow {
    return this.s.insertConsumer.get(row) as ConsumerRow;
  }
  setConsumerStatus(consumerId: number, status: ConsumerRow['status'], untilMs: number): void {
    this.s.setConsumerStatus.run(status, untilMs, consumerId);
  }
  setConsumerTags(consumerId: number, tagsJson: string): void {
    this.s.setConsumerTags.run(tagsJson, consumerId);
  }
  deleteConsumer(consumerId: number): void {
    this.s.deleteConsumer.run(consumerId);
  }
  getPolicy(accountId: string, region: string, arn: string): string | undefined {
    return this.s.getPolicy.pluck().get(accountId, region, arn) as string | undefined;
  }
  putPolicy(accountId: string, region: string, arn: string, policy: string): void {
    this.s.putPolicy.run(accountId, region, arn, policy);
  }
  deletePolicy(accountId: string, region: string, arn: string): void {
    this.s.deletePolicy.run(accountId, region, arn);
  }
  deletePoliciesUnder(accountId: string, region: string, streamArn: string): void {
    this.s.deletePoliciesUnder.run(accountId, region, streamArn, streamArn);
  }
  getAccountSettings(accountId: string, region: string): string | undefined {
    return this.s.getAccountSettings.pluck().get(accountId, region) as string | undefined;
  }
  putAccountSettings(accountId: string, region: string, settingsJson: string): void {
    this.s.putAccountSettings.run(accountId, region, settingsJson);
  }
}
