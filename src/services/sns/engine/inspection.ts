import type { DeliveryFilter } from '../store/delivery-store.js';
import type { SnsStore, SubscriptionRow, TopicRow } from '../store/sns-store.js';
import type { Delivery, DeliveryLog } from './delivery-log.js';
import type { Protocol } from './types.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';

/** A topic as the inspection API lists it, whatever its account and region. */
export interface TopicSummary {
  accountId: string;
  region: string;
  name: string;
  arn: string;
  fifo: boolean;
  /** Confirmed and pending. */
  subscriptionCount: number;
}

export interface SubscriptionView {
  subscriptionArn: string;
  protocol: Protocol;
  endpoint: string;
  status: 'confirmed' | 'pending';
  rawMessageDelivery: boolean;
  /** The stored JSON policies, parsed (they were validated when set). */
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  redrivePolicy?: unknown;
}

export interface TopicDetail {
  topic: TopicSummary & { attributes: Record<string, string> };
  subscriptions: SubscriptionView[];
}

/**
 * Read-only views of SNS for wharf's inspection endpoints: every topic of every account and
 * region, a topic with its subscriptions, and the delivery log. Nothing here changes state.
 */
export class SnsInspection {
  private readonly inReadTransaction: InTransaction;

  constructor(
    private readonly store: SnsStore,
    private readonly log: DeliveryLog,
    /** GetTopicAttributes' answer (with the computed attributes), from the engine. */
    private readonly topicAttributes: (arn: string) => Record<string, string>,
  ) {
    this.inReadTransaction = transactionRunner(store.db, 'deferred');
  }

  topics(): TopicSummary[] {
    return this.store.allTopics().map((row) => toSummary(row, row.subscription_count));
  }

  /** The topic and its subscriptions, or undefined when there is no such topic. */
  topic(arn: string): TopicDetail | undefined {
    return this.inReadTransaction(() => {
      const row = this.store.findTopic(arn);
      if (!row) return undefined;
      const subscriptions = this.store.subscriptionsOfTopic(row.topic_id);
      return {
        topic: { ...toSummary(row, subscriptions.length), attributes: this.topicAttributes(arn) },
        subscriptions: subscriptions.map(toView),
      };
    });
  }

  /** The newest deliveries matching `filter`, newest first. */
  deliveries(filter: DeliveryFilter, limit: number): Delivery[] {
    return this.log.find(filter, limit);
  }
}

function toSummary(row: TopicRow, subscriptionCount: number): TopicSummary {
  return {
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    arn: row.arn,
    fifo: (JSON.parse(row.attributes_json) as Record<string, string>).FifoTopic === 'true',
    subscriptionCount,
  };
}

function toView(row: SubscriptionRow): SubscriptionView {
  const attributes = JSON.parse(row.attributes_json) as Record<string, string>;
  return {
    subscriptionArn: row.arn,
    protocol: row.protocol as Protocol,
    endpoint: row.endpoint,
    status: row.pending ? 'pending' : 'confirmed',
    rawMessageDelivery: attributes.RawMessageDelivery === 'true',
    ...(attributes.FilterPolicy
      ? {
          filterPolicy: JSON.parse(attributes.FilterPolicy) as unknown,
          filterPolicyScope: attributes.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes',
        }
      : {}),
    ...(attributes.RedrivePolicy ? { redrivePolicy: JSON.parse(attributes.RedrivePolicy) as unknown } : {}),
  };
}
