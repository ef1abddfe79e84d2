import type { Migration } from './index.js';

/**
 * Kinesis Data Streams: streams, their shards, records and enhanced fan-out consumers.
 * Hash keys are 32-char lowercase hex (so text order is numeric order); a record's position in
 * its shard is seq_ix, from which its AWS sequence number is derived.
 * Version 2 on the kinesis branch; renumber on merge if SQS work took 2.
 */
export const kinesisStreams: Migration = {
  version: 4,
  up(db) {
    db.exec(`
      CREATE TABLE kinesis_streams (
        stream_id              INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: shard iterators name it
        account_id             TEXT NOT NULL,
        region                 TEXT NOT NULL,
        name                   TEXT NOT NULL,
        -- status holds until status_until_ms, then CREATING/UPDATING become ACTIVE and DELETING is gone.
        status                 TEXT NOT NULL CHECK (status IN ('CREATING', 'ACTIVE', 'UPDATING', 'DELETING')),
        status_until_ms        INTEGER NOT NULL,
        created_at_ms          INTEGER NOT NULL,
        retention_hours        INTEGER NOT NULL,
        stream_mode            TEXT NOT NULL,
        mode_changed_at_ms     INTEGER,
        encryption_type        TEXT NOT NULL DEFAULT 'NONE',
        key_id                 TEXT,
        shard_level_metrics_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(shard_level_metrics_json)),
        tags_json              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags_json)),
        max_record_size_kib    INTEGER NOT NULL,
        warm_throughput_mibps  INTEGER,
        next_shard_index       INTEGER NOT NULL,
        UNIQUE (account_id, region, name)
      ) STRICT;

      CREATE TABLE kinesis_shards (
        shard_row                INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id                INTEGER NOT NULL REFERENCES kinesis_streams (stream_id) ON DELETE CASCADE,
        shard_index              INTEGER NOT NULL,
        parent_shard_index       INTEGER,
        adjacent_parent_shard_index INTEGER,
        starting_hash_key        TEXT NOT NULL,
        ending_hash_key          TEXT NOT NULL,
        created_at_ms            INTEGER NOT NULL,
        closed_at_ms             INTEGER,
        next_seq_ix              INTEGER NOT NULL DEFAULT 1,
        UNIQUE (stream_id, shard_index)
      ) STRICT;

      -- Records, a batch per shard per put (engine/record-batch.ts): the records one PutRecords
      -- call sends to one shard have consecutive seq_ix and one arrival time.
      CREATE TABLE kinesis_record_batches (
        batch_id       INTEGER PRIMARY KEY,
        shard_row      INTEGER NOT NULL REFERENCES kinesis_shards (shard_row) ON DELETE CASCADE,
        first_seq_ix   INTEGER NOT NULL,
        last_seq_ix    INTEGER NOT NULL,
        arrived_at_ms  INTEGER NOT NULL,
        records        BLOB NOT NULL
      ) STRICT;

      -- Reads from a position, trimming, AT_TIMESTAMP: a shard's batches in order.
      CREATE UNIQUE INDEX kinesis_record_batches_by_position ON kinesis_record_batches (shard_row, last_seq_ix);

      CREATE TABLE kinesis_consumers (
        consumer_id      INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id        INTEGER NOT NULL REFERENCES kinesis_streams (stream_id) ON DELETE CASCADE,
        name             TEXT NOT NULL,
        created_at_ms    INTEGER NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('CREATING', 'ACTIVE', 'DELETING')),
        status_until_ms  INTEGER NOT NULL,
        tags_json        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags_json)),
        UNIQUE (stream_id, name)
      ) STRICT;

      -- Resource policies of streams and consumers, by ARN.
      CREATE TABLE kinesis_resource_policies (
        account_id   TEXT NOT NULL,
        region       TEXT NOT NULL,
        resource_arn TEXT NOT NULL,
        policy       TEXT NOT NULL,
        PRIMARY KEY (account_id, region, resource_arn)
      ) STRICT;

      -- DescribeAccountSettings / UpdateAccountSettings.
      CREATE TABLE kinesis_account_settings (
        account_id    TEXT NOT NULL,
        region        TEXT NOT NULL,
        settings_json TEXT NOT NULL CHECK (json_valid(settings_json)),
        PRIMARY KEY (account_id, region)
      ) STRICT;
    `);
  },
};
