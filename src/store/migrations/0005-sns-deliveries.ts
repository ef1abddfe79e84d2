import type { Migration } from './index.js';

/**
 * SNS delivery log: one row per (message, subscription), holding the delivery's latest outcome
 * (delivered, filtered out and why, retrying, failed, dead-lettered, waiting for confirmation).
 * Read by the /_wharf/sns/deliveries inspection endpoint; the engine keeps the newest 10,000.
 * Numbered 5 on the sns-deliveries branch; renumber on merge if another migration took 5.
 *
 * No secondary index, on purpose: every publish writes here (and pruning deletes as much), and
 * an index would cost each of those writes more than a scan of at most 10,000 rows costs the
 * inspection endpoint, which reads newest first and stops at its limit.
 */
export const snsDeliveries: Migration = {
  version: 5,
  up(db) {
    db.exec(`
      CREATE TABLE sns_deliveries (
        delivery_id         INTEGER PRIMARY KEY,
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
    `);
  },
};
