import type { Clock } from '../../../clock.js';
import type { DeliveryFilter, DeliveryRow, DeliveryStore, OutcomeColumns } from '../store/delivery-store.js';
import { transactionRunner } from '../../../store/transaction.js';
import type { Protocol, Subscription } from './types.js';

export const DELIVERY_OUTCOMES = ['delivered', 'filtered-out', 'failed', 'retrying', 'dead-lettered', 'pending-confirmation'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Where one delivery stands; each outcome carries just the fields that mean something for it. */
export type DeliveryState =
  /** `note`: how it was delivered when wharf only recorded it (e.g. a Lambda with no endpoint). */
  | { outcome: 'delivered'; attempts: number; note?: string }
  /** `reason`: which filter policy key did not match, or what the message lacked. */
  | { outcome: 'filtered-out'; reason: string }
  | { outcome: 'pending-confirmation' }
  /** `attempts` made so far; `reason` the last error. */
  | { outcome: 'retrying'; attempts: number; nextAttemptAtMs: number; reason: string }
  | { outcome: 'failed'; attempts: number; reason: string }
  | { outcome: 'dead-lettered'; attempts: number; reason: string; deadLetterArn: string };

export interface SubscriptionOutcome {
  subscription: Subscription;
  state: DeliveryState;
}

/** A delivery as the inspection API shows it. */
export interface Delivery {
  id: number;
  atMs: number;
  topicArn: string;
  subscriptionArn: string;
  protocol: Protocol;
  endpoint: string;
  messageId: string;
  outcome: DeliveryOutcome;
  reason?: string;
  attempts: number;
  nextAttemptAtMs?: number;
  deadLetterArn?: string;
}

/** How many deliveries the log keeps, by default. */
export const DEFAULT_DELIVERY_RETENTION = 10_000;

/**
 * The log of SNS deliveries: one row per (message, subscription), inserted with its first
 * outcome and updated with each later one (a retry, then delivered, failed or dead-lettered).
 * It keeps the newest `retention` rows of all accounts and regions together: row ids are
 * contiguous and only grow, so each insert deletes what fell off the end by primary key, at
 * next to no cost. (A cap per account and region needed an index and a scan, and made each
 * publish to 10 queues ~60% dearer in the engine; logging now costs ~4 µs per delivery.)
 */
export class DeliveryLog {
  private readonly insertAll: (messageId: string, outcomes: readonly SubscriptionOutcome[]) => number;

  constructor(
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
    private readonly retention = DEFAULT_DELIVERY_RETENTION,
  ) {
    const inTransaction = transactionRunner(store.db);
    this.insertAll = (messageId, outcomes) =>
      inTransaction(() => {
        let lastId = 0;
        for (const { subscription, state } of outcomes) {
          lastId = store.insert({
            topic_arn: subscription.topicArn,
            subscription_arn: subscription.arn,
            protocol: subscription.protocol,
            endpoint: subscription.endpoint,
            message_id: messageId,
            ...this.columnsOf(state),
          });
        }
        if (lastId > this.retention) store.deleteUpTo(lastId - this.retention);
        return lastId;
      });
    // Retries wait in memory, so those a previous run left waiting will never happen.
    store.abandonRetries('wharf stopped before the next attempt (retries do not survive a restart)', clock.now());
  }

  /** Records the first outcomes of the deliveries of one message (a fan-out) in one transaction. */
  recordAll(messageId: string, outcomes: readonly SubscriptionOutcome[]): void {
    if (outcomes.length > 0) this.insertAll(messageId, outcomes);
  }

  /**
   * A delivery whose outcomes arrive over time (HTTP retries, a Lambda invocation): the first
   * call inserts its row, later calls update it.
   */
  track(subscription: Subscription, messageId: string): (state: DeliveryState) => void {
    let id: number | undefined;
    return (state) => {
      // An answer that arrives after shutdown has nowhere to go.
      if (!this.store.db.open) return;
      if (id === undefined) id = this.insertAll(messageId, [{ subscription, state }]);
      else this.store.update(id, this.columnsOf(state));
    };
  }

  /** The newest deliveries matching `filter`, newest first. */
  find(filter: DeliveryFilter, limit: number): Delivery[] {
    return this.store.find(filter, limit).map(toDelivery);
  }

  private columnsOf(state: DeliveryState): OutcomeColumns {
    const at = this.clock.now();
    switch (state.outcome) {
      case 'delivered':
        return outcomeColumns(state.outcome, state.note ?? null, state.attempts, at);
      case 'filtered-out':
        return outcomeColumns(state.outcome, state.reason, 0, at);
      case 'pending-confirmation':
        return outcomeColumns(state.outcome, null, 0, at);
      case 'retrying':
        return outcomeColumns(state.outcome, state.reason, state.attempts, at, { next_attempt_at_ms: state.nextAttemptAtMs });
      case 'failed':
        return outcomeColumns(state.outcome, state.reason, state.attempts, at);
      case 'dead-lettered':
        return outcomeColumns(state.outcome, state.reason, state.attempts, at, { dead_letter_arn: state.deadLetterArn });
    }
  }
}

function outcomeColumns(
  outcome: DeliveryOutcome,
  reason: string | null,
  attempts: number,
  atMs: number,
  extra: Partial<Pick<OutcomeColumns, 'next_attempt_at_ms' | 'dead_letter_arn'>> = {},
): OutcomeColumns {
  return { outcome, reason, attempts, next_attempt_at_ms: null, dead_letter_arn: null, at_ms: atMs, ...extra };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.delivery_id,
    atMs: row.at_ms,
    topicArn: row.topic_arn,
    subscriptionArn: row.subscription_arn,
    protocol: row.protocol as Protocol,
    endpoint: row.endpoint,
    messageId: row.message_id,
    outcome: row.outcome as DeliveryOutcome,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    attempts: row.attempts,
    ...(row.next_attempt_at_ms !== null ? { nextAttemptAtMs: row.next_attempt_at_ms } : {}),
    ...(row.dead_letter_arn !== null ? { deadLetterArn: row.dead_letter_arn } : {}),
  };
}
