import type { Migration } from './index.js';

/**
 * Lambda event source mappings (SQS queues and Kinesis streams → functions) and the Kinesis
 * checkpoints of each mapping: the last sequence number its function processed per shard, so a
 * restart with a data directory resumes after it instead of replaying or skipping records.
 */
export const lambdaEventSourceMappings: Migration = {
  version: 6,
  up(db) {
    db.exec(`
      CREATE TABLE lambda_event_source_mappings (
        mapping_id             INTEGER PRIMARY KEY AUTOINCREMENT, -- creation order, for ListEventSourceMappings
        uuid                   TEXT NOT NULL UNIQUE,
        account_id             TEXT NOT NULL,
        region                 TEXT NOT NULL,
        function_arn           TEXT NOT NULL,
        event_source_arn       TEXT NOT NULL,
        -- The mapping's settings as AWS names them (BatchSize, MaximumBatchingWindowInSeconds, …).
        settings_json          TEXT NOT NULL CHECK (json_valid(settings_json)),
        enabled                INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        last_processing_result TEXT,
        last_modified_ms       INTEGER NOT NULL,
        tags_json              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags_json))
      ) STRICT;
      -- ListEventSourceMappings pages through one account and region in creation order.
      CREATE INDEX lambda_mappings_by_owner ON lambda_event_source_mappings (account_id, region, mapping_id);

      CREATE TABLE lambda_kinesis_checkpoints (
        mapping_id       INTEGER NOT NULL REFERENCES lambda_event_source_mappings (mapping_id) ON DELETE CASCADE,
        shard_id         TEXT NOT NULL,
        -- The last record processed (or given up on); NULL with finished = 1 once a closed shard is read to its end.
        sequence_number  TEXT,
        finished         INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
        PRIMARY KEY (mapping_id, shard_id)
      ) STRICT;
    `);
  },
};
