import type { Migration } from './index.js';

/** SQS standard queues and their messages. */
export const sqsQueues: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE sqs_queues (
        queue_id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: receipt handles name it
        account_id          TEXT NOT NULL,
        region              TEXT NOT NULL,
        name                TEXT NOT NULL,
        settings_json       TEXT NOT NULL CHECK (json_valid(settings_json)),
        tags_json           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tags_json)),
        created_at_ms       INTEGER NOT NULL,
        last_modified_at_ms INTEGER NOT NULL,
        last_purged_at_ms   INTEGER,
        UNIQUE (account_id, region, name)
      ) STRICT;

      -- Names of recently deleted queues: AWS refuses to reuse one for 60 seconds.
      CREATE TABLE sqs_deleted_queues (
        account_id    TEXT NOT NULL,
        region        TEXT NOT NULL,
        name          TEXT NOT NULL,
        deleted_at_ms INTEGER NOT NULL,
        PRIMARY KEY (account_id, region, name)
      ) STRICT;

      -- visible_at_ms covers both a delay and a visibility timeout: a message can be received
      -- iff visible_at_ms <= now. receive_token identifies the current receive (receipt handle).
      CREATE TABLE sqs_messages (
        message_seq               INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: receipt handles name it
        queue_id                  INTEGER NOT NULL REFERENCES sqs_queues (queue_id) ON DELETE CASCADE,
        message_id                TEXT NOT NULL,
        body                      TEXT NOT NULL,
        md5_of_body               TEXT NOT NULL,
        attributes_json           TEXT CHECK (attributes_json IS NULL OR json_valid(attributes_json)),
        md5_of_attributes         TEXT,
        system_attributes_json    TEXT CHECK (system_attributes_json IS NULL OR json_valid(system_attributes_json)),
        md5_of_system_attributes  TEXT,
        group_id                  TEXT,
        sender_id                 TEXT NOT NULL,
        sent_at_ms                INTEGER NOT NULL,
        visible_at_ms             INTEGER NOT NULL,
        receive_count             INTEGER NOT NULL DEFAULT 0,
        first_received_at_ms      INTEGER,
        received_at_ms            INTEGER,
        receive_token             TEXT
      ) STRICT;

      -- The receive claim: visible messages of a queue, oldest-visible first.
      CREATE INDEX sqs_messages_by_visibility ON sqs_messages (queue_id, visible_at_ms, message_seq);
      -- Retention sweeps and purges: messages of a queue by send time.
      CREATE INDEX sqs_messages_by_sent_at ON sqs_messages (queue_id, sent_at_ms);
    `);
  },
};
