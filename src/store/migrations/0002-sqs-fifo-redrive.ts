import type { Migration } from './index.js';

/** SQS FIFO queues (deduplication, sequence numbers, receive attempts), dead-letter queues and move tasks. */
export const sqsFifoAndRedrive: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      ALTER TABLE sqs_queues ADD COLUMN last_sequence_number INTEGER NOT NULL DEFAULT 0;

      ALTER TABLE sqs_messages ADD COLUMN deduplication_id TEXT;
      ALTER TABLE sqs_messages ADD COLUMN sequence_number TEXT;
      -- Set when redrive moved the message here: the queue it came from (DeadLetterQueueSourceArn).
      ALTER TABLE sqs_messages ADD COLUMN dead_letter_source_arn TEXT;

      -- FIFO receives: the messages of one group in order.
      CREATE INDEX sqs_messages_by_group ON sqs_messages (queue_id, group_id, message_seq);

      -- FIFO deduplication windows; scope is '' for the whole queue or the message group id.
      CREATE TABLE sqs_deduplication (
        queue_id          INTEGER NOT NULL REFERENCES sqs_queues (queue_id) ON DELETE CASCADE,
        scope             TEXT NOT NULL,
        deduplication_id  TEXT NOT NULL,
        message_id        TEXT NOT NULL,
        sequence_number   TEXT NOT NULL,
        expires_at_ms     INTEGER NOT NULL,
        PRIMARY KEY (queue_id, scope, deduplication_id)
      ) STRICT;
      CREATE INDEX sqs_deduplication_by_expiry ON sqs_deduplication (queue_id, expires_at_ms);

      -- FIFO ReceiveRequestAttemptId: what a receive returned, so a retry can return it again.
      CREATE TABLE sqs_receive_attempts (
        queue_id       INTEGER NOT NULL REFERENCES sqs_queues (queue_id) ON DELETE CASCADE,
        attempt_id     TEXT NOT NULL,
        expires_at_ms  INTEGER NOT NULL,
        claims_json    TEXT NOT NULL CHECK (json_valid(claims_json)),
        PRIMARY KEY (queue_id, attempt_id)
      ) STRICT;

      -- Message move tasks (StartMessageMoveTask). Queues are named by ARN: a task outlives them.
      CREATE TABLE sqs_move_tasks (
        task_id                INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id             TEXT NOT NULL,
        region                 TEXT NOT NULL,
        source_arn             TEXT NOT NULL,
        destination_arn        TEXT,
        max_per_second         INTEGER,
        status                 TEXT NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'CANCELLING', 'CANCELLED', 'FAILED')),
        started_at_ms          INTEGER NOT NULL,
        -- Only messages already in the source when the task started are moved.
        last_message_seq       INTEGER NOT NULL,
        moved                  INTEGER NOT NULL DEFAULT 0,
        to_move                INTEGER NOT NULL,
        failure_reason         TEXT
      ) STRICT;
      CREATE INDEX sqs_move_tasks_by_source ON sqs_move_tasks (source_arn, task_id);
    `);
  },
};
