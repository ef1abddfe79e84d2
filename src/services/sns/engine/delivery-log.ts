import type { Clock } from '../../../clock.js';
import type { DeliveryFilter, DeliveryRow, DeliveryStore, OutcomeColumns } from '../store/delivery-store.js';
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

/** Records how many deliveries per account and region, by default. */
export const DEFAULT_DELIVERY_RETENTION = 10_000;

/**
 * The log of SNS deliveries: one row per (message, subscription), inserted with its first
 * outcome and updated with each later one (a retry, then delivered, failed or dead-lettered).
 * Each account and region keeps its newest `retention` rows, give or take one pruning batch:
 * pruning runs in the inserting transaction, every `retention / 100` inserts, so that the
 * publish path pays for one indexed delete now and then rather than on every delivery.
 */
export class DeliveryLog {
  private readonly insertsSincePrune = new Map<string, number>();
  private readonly pruneEvery: number;
  private readonly insertAll: (rows: OutcomeRow[]) => number[];

  constructor(
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
    private readonly retention = DEFAULT_DELIVERY_RETENTION,
  ) {
    this.pruneEvery = Math.max(1, Math.floor(retention / 100));
    this.insertAll = store.db.transaction((rows: OutcomeRow[]) => rows.map((row) => this.insertOne(row)));
    // Retries wait in memory, so those a previous run left waiting will never happen.
    store.abandonRetries.run({ reason: 'wharf stopped before the next attempt (retries do not survive a restart)', at_ms: clock.now() });
  }

  /** Records the first outcomes of several deliveries of one message (a fan-out) in one transaction. */
  recordAll(messageId: string, outcomes: readonly { subscription: Subscription; state: DeliveryState }[]): void {
    if (outcomes.length === 0) return;
    this.insertAll(outcomes.map(({ subscription, state }) => ({ subscription, messageId, state })));
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
      if (id === undefined) id = this.insertAll([{ subscription, messageId, state }])[0]!;
      else this.store.update.run({ delivery_id: id, ...this.columnsOf(state) });
    };
  }

  /** The newest deliveries matching `filter`, newest first. */
  find(filter: DeliveryFilter, limit: number): Delivery[] {
    return this.store.find(filter, limit).map(toDelivery);
  }

  private insertOne({ subscription, messageId, state }: OutcomeRow): number {
    const { delivery_id } = this.store.insert.get({
      account_id: subscription.accountId,
      region: subscription.region,
      topic_arn: subscription.topicArn,
      subscription_arn: subscription.arn,
      protocol: subscription.protocol,
      endpoint: subscription.endpoint,
      message_id: messageId,
      ...this.columnsOf(state),
    })!;
    const owner = `${subscription.accountId}\n${subscription.region}`;
    // The first insert per owner after start prunes, so a restart cannot let the log grow unchecked.
    const count = (this.insertsSincePrune.get(owner) ?? this.pruneEvery - 1) + 1;
    if (count >= this.pruneEvery) {
      this.store.prune.run({ account_id: subscription.accountId, region: subscription.region, keep: this.retention });
      this.insertsSincePrune.set(owner, 0);
    } else {
      this.insertsSincePrune.set(owner, count);
    }
    return delivery_id;
  }

  private columnsOf(state: DeliveryState): OutcomeColumns {
    const columns: OutcomeColumns = { outcome: state.outcome, reason: null, attempts: 0, next_attempt_at_ms: null, dead_letter_arn: null, at_ms: this.clock.now() };
    switch (state.outcome) {
      case 'delivered':
        return { ...columns, attempts: state.attempts, reason: state.note ?? null };
      case 'filtered-out':
        return { ...columns, reason: state.reason };
      case 'pending-confirmation':
        return columns;
      case 'retrying':
        return { ...columns, attempts: state.attempts, reason: state.reason, next_attempt_at_ms: state.nextAttemptAtMs };
      case 'failed':
        return { ...columns, attempts: state.attempts, reason: state.reason };
      case 'dead-lettered':
        return { ...columns, attempts: state.attempts, reason: state.reason, dead_letter_arn: state.deadLetterArn };
    }
  }
}

interface OutcomeRow {
  subscription: Subscription;
  messageId: string;
  state: DeliveryState;
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
