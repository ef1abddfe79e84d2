import type { Migration } from './index.js';

/**
 * SNS: topics, subscriptions, FIFO deduplication, mobile push, SMS settings, and the messages
 * wharf "sent" to phones, mail boxes and devices (kept so tests can read them).
 */
export const snsTopicsAndSubscriptions: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      CREATE TABLE sns_topics (
        topic_id               INTEGER PRIMARY KEY,
        arn                    TEXT NOT NULL UNIQUE,
        account_id             TEXT NOT NULL,
        region                 TEXT NOT NULL,
        name                   TEXT NOT NULL,
        attributes_json        TEXT NOT NULL,
        tags_json              TEXT NOT NULL DEFAULT '{}',
        data_protection_policy TEXT,
        last_sequence_number   INTEGER NOT NULL DEFAULT 0,
        subscriptions_deleted  INTEGER NOT NULL DEFAULT 0,
        created_at_ms          INTEGER NOT NULL
      ) STRICT;
      -- ListTopics pages through one account and region in ARN order.
      CREATE INDEX sns_topics_by_owner ON sns_topics (account_id, region, arn);

      CREATE TABLE sns_subscriptions (
        subscription_id  INTEGER PRIMARY KEY,
        arn              TEXT NOT NULL UNIQUE,
        topic_id         INTEGER NOT NULL REFERENCES sns_topics (topic_id) ON DELETE CASCADE,
        account_id       TEXT NOT NULL,
        region           TEXT NOT NULL,
        protocol         TEXT NOT NULL,
        endpoint         TEXT NOT NULL,
        attributes_json  TEXT NOT NULL,
        pending          INTEGER NOT NULL,
        authenticated    INTEGER NOT NULL DEFAULT 0,
        token            TEXT,
        created_at_ms    INTEGER NOT NULL
      ) STRICT;
      -- Publish fans out to a topic's subscriptions in the order they were made.
      CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (topic_id, subscription_id);
      CREATE INDEX sns_subscriptions_by_owner ON sns_subscriptions (account_id, region, subscription_id);
      CREATE INDEX sns_subscriptions_by_token ON sns_subscriptions (token);

      -- FIFO topics: the 5-minute deduplication window.
      CREATE TABLE sns_deduplication (
        topic_id          INTEGER NOT NULL REFERENCES sns_topics (topic_id) ON DELETE CASCADE,
        deduplication_id  TEXT NOT NULL,
        message_id        TEXT NOT NULL,
        sequence_number   TEXT NOT NULL,
        expires_at_ms     INTEGER NOT NULL,
        PRIMARY KEY (topic_id, deduplication_id)
      ) STRICT;

      CREATE TABLE sns_platform_applications (
        arn              TEXT PRIMARY KEY,
        account_id       TEXT NOT NULL,
        region           TEXT NOT NULL,
        name             TEXT NOT NULL,
        platform         TEXT NOT NULL,
        attributes_json  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sns_platform_endpoints (
        arn              TEXT PRIMARY KEY,
        application_arn  TEXT NOT NULL REFERENCES sns_platform_applications (arn) ON DELETE CASCADE,
        token            TEXT NOT NULL,
        attributes_json  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sns_platform_endpoints_by_token ON sns_platform_endpoints (application_arn, token);

      CREATE TABLE sns_sms_settings (
        account_id       TEXT NOT NULL,
        region           TEXT NOT NULL,
        attributes_json  TEXT NOT NULL,
        PRIMARY KEY (account_id, region)
      ) STRICT;

      CREATE TABLE sns_phone_numbers_opted_out (
        account_id    TEXT NOT NULL,
        region        TEXT NOT NULL,
        phone_number  TEXT NOT NULL,
        PRIMARY KEY (account_id, region, phone_number)
      ) STRICT;

      CREATE TABLE sns_sandbox_phone_numbers (
        account_id    TEXT NOT NULL,
        region        TEXT NOT NULL,
        phone_number  TEXT NOT NULL,
        status        TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        PRIMARY KEY (account_id, region, phone_number)
      ) STRICT;

      -- What wharf delivered to sinks it cannot really reach (sms, email, push, lambda, firehose).
      CREATE TABLE sns_sent_messages (
        sent_id       INTEGER PRIMARY KEY,
        account_id    TEXT NOT NULL,
        region        TEXT NOT NULL,
        kind          TEXT NOT NULL,
        target        TEXT NOT NULL,
        message_json  TEXT NOT NULL,
        sent_at_ms    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sns_sent_messages_by_target ON sns_sent_messages (kind, target, sent_id);
    `);
  },
};
