import type { Migration } from './index.js';

/**
 * SNS delivery log: one row per (message, subscription), holding the delivery's latest outcome
 * (delivered, filtered out and why, retrying, failed, dead-lettered, waiting for confirmation).
 * Read by the /_wharf/sns/deliveries inspection endpoint; the engine keeps about the newest
 * 10,000 per account and region. Numbered 5 on the sns-deliveries branch; renumber on merge
 * if another migration took 5.
 */
export const snsDeliveries: Migration = {
  version: 5,
  up(db) {
    db.exec(`
      CREATE TABLE sns_deliveries (
        delivery_id         INTEGER PRIMARY KEY,
        account_id          TEXT NOT NULL,
        region              TEXT NOT NULL,
        topic_arn           TEXT NOT NULL,
        subscription_arn    TEXT NOT NULL,
        protocol            TEXT NOT NULL,
        endpoint            TEXT NOT NULL,
        message_id          TEXT NOT NULL,
        outcome             TEXT NOT NULL CHECK (outcome IN ('delivered', 'filtered-out', 'failed', 'retrying', 'dead-lettered', 'pending-confirmation')),
        reason              TEXT,
        attempts            INTEGER NOT NULL,
        next_attempt_at_ms  INTEGER,
        dead_letter_arn     TEXT,
        -- When the current outcome was recorded.
        at_ms               INTEGER NOT NULL
      ) STRICT;
      -- Pruning keeps the newest rows of each account and region.
      CREATE INDEX sns_deliveries_by_owner ON sns_deliveries (account_id, region, delivery_id);
      -- The inspection endpoint's usual question: what happened to this subscription's messages?
      CREATE INDEX sns_deliveries_by_subscription ON sns_deliveries (subscription_arn, delivery_id);
    `);
  },
};
