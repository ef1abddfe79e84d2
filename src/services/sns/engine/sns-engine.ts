import { topicArnOf } from '../../../arn.js';
import { createHash } from 'node:crypto';
import { ids } from '../../../ids.js';
import type { Clock } from '../../../clock.js';
import type { SqsTopicDeliveryPort } from '../../sqs/engine/topic-delivery.js';
import { snsErrors } from '../errors.js';
import { DEDUPLICATION_WINDOW_MS, MAX_TAGS_PER_TOPIC } from '../limits.js';
import { DeliveryStore } from '../store/delivery-store.js';
import type { SnsStore, SubscriptionRow, TopicRow } from '../store/sns-store.js';
import { DeliveryLog } from './delivery-log.js';
import { HttpDelivery } from './delivery/http.js';
import { Fanout, type FanoutOptions } from './fanout.js';
import { SnsInspection } from './inspection.js';
import { signingKey, type SigningKey } from './signing.js';
import { checkSubscriptionAttribute } from './subscription-attributes.js';
import { checkTopicAttribute, defaultTopicPolicy, DEFAULT_EFFECTIVE_DELIVERY_POLICY } from './topic-attributes.js';
import type { DeliveryContext, MessageToPublish, Owner, Protocol, PublishResult, SnsLogger, Subscription, Topic } from './types.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';

export interface SnsEngineOptions extends FanoutOptions {
  /** How many deliveries the delivery log keeps (default 10,000, all accounts and regions together). */
  deliveryRetention?: number;
  /** The key to sign with (the data directory's); unset, one key per process. */
  signingKey?: () => SigningKey;
}

/**
 * SNS topics and subscriptions, publishing and fan-out. Synchronous methods run in one SQLite
 * transaction each and read time only from the clock; deliveries to SQS commit with the publish,
 * HTTP and Lambda deliveries start after it and continue in the background (with retries on the clock).
 */
export class SnsEngine {
  readonly http: HttpDelivery;
  /** Read-only views for wharf's inspection endpoints. */
  readonly inspection: SnsInspection;
  private readonly fanout: Fanout;
  private readonly inTransaction: InTransaction;
  private readonly keySource: (() => SigningKey) | undefined;

  constructor(
    readonly store: SnsStore,
    sqs: SqsTopicDeliveryPort,
    private readonly clock: Clock,
    logger: SnsLogger,
    options: SnsEngineOptions,
  ) {
    this.inTransaction = transactionRunner(store.db);
    this.http = new HttpDelivery(clock, logger);
    const deliveries = new DeliveryLog(new DeliveryStore(store.db), clock, options.deliveryRetention);
    this.fanout = new Fanout(sqs, store, clock, this.http, deliveries, () => this.signingKey, logger, options);
    this.inspection = new SnsInspection(store, deliveries, (arn) => this.getTopicAttributes(arn));
    this.keySource = options.signingKey;
  }

  /** The data directory's key when there is one (see signing-key-file.ts), else this process's. */
  get signingKey(): SigningKey {
    return this.keySource ? this.keySource() : signingKey(this.clock.now());
  }

  close(): void {
    this.http.stop();
  }

  // ── Topics ────────────────────────────────────────────────────────────────────────────

  /**
   * Creates a topic, or returns the existing one of that name when the attributes and tags agree;
   * a DataProtectionPolicy is stored in the same transaction.
   */
  createTopic(owner: Owner, name: string, attributes: Record<string, string>, tags: Record<string, string>, dataProtectionPolicy?: string): string {
    const fifo = attributes.FifoTopic === 'true';
    const stored: Record<string, string> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'FifoTopic') continue;
      stored[key] = checkTopicAttribute(key, value, fifo, 'create');
    }
    if (fifo) {
      stored.FifoTopic = 'true';
      stored.ContentBasedDeduplication ??= 'false';
    }
    const arn = topicArnOf({ ...owner, name });
    return this.inTransaction(() => {
      const existing = this.store.findTopic(arn);
      if (existing) {
        const current = JSON.parse(existing.attributes_json) as Record<string, string>;
        if (Object.entries(stored).some(([key, value]) => current[key] !== value)) {
          throw snsErrors.invalidParameter('Attributes Reason: Topic already exists with different attributes');
        }
        const currentTags = JSON.parse(existing.tags_json) as Record<string, string>;
        if (Object.keys(tags).length > 0 && Object.entries(tags).some(([k, v]) => currentTags[k] !== v)) {
          throw snsErrors.invalidParameter('Tags Reason: Topic already exists with different tags');
        }
        if (dataProtectionPolicy !== undefined) this.store.updateDataProtectionPolicy(existing.topic_id, dataProtectionPolicy);
        return arn;
      }
      stored.Policy ??= defaultTopicPolicy(arn, owner.accountId);
      stored.DisplayName ??= '';
      const topicId = this.store.insertTopic({
        arn,
        account_id: owner.accountId,
        region: owner.region,
        name,
        attributes_json: JSON.stringify(stored),
        tags_json: JSON.stringify(tags),
        created_at_ms: this.clock.now(),
      });
      if (dataProtectionPolicy !== undefined) this.store.updateDataProtectionPolicy(topicId, dataProtectionPolicy);
      return arn;
    });
  }

  getTopic(arn: string): Topic {
    const row = this.store.findTopic(arn);
    if (!row) throw snsErrors.topicNotFound();
    return toTopic(row);
  }

  deleteTopic(arn: string): void {
    this.inTransaction(() => {
      const row = this.store.findTopic(arn);
      if (row) this.store.deleteTopic(row.topic_id);
    });
  }

  listTopics(owner: Owner, afterArn: string, limit: number): string[] {
    return this.store.listTopics(owner.accountId, owner.region, afterArn, limit).map((row) => row.arn);
  }

  getTopicAttributes(arn: string): Record<string, string> {
    return this.inTransaction(() => {
      const row = this.store.findTopic(arn);
      if (!row) throw snsErrors.topicNotFound();
      const topic = toTopic(row);
      const counts = this.store.countSubscriptions(row.topic_id);
      return {
        ...topic.attributes,
        Owner: topic.accountId,
        TopicArn: topic.arn,
        SubscriptionsConfirmed: String(counts.confirmed),
        SubscriptionsPending: String(counts.pending),
        SubscriptionsDeleted: String(row.subscriptions_deleted),
        EffectiveDeliveryPolicy: topic.attributes.DeliveryPolicy || DEFAULT_EFFECTIVE_DELIVERY_POLICY,
      };
    });
  }

  setTopicAttribute(arn: string, name: string, value: string): void {
    this.updateTopic(arn, (topic) => {
      const checked = checkTopicAttribute(name, value, topic.fifo, 'set');
      if (checked === '' && name !== 'DisplayName') delete topic.attributes[name];
      else topic.attributes[name] = checked;
    });
  }

  /** Runs `change` on the topic's attributes in one transaction and stores them. */
  updateTopic(arn: string, change: (topic: Topic) => void): void {
    this.inTransaction(() => {
      const topic = this.getTopic(arn);
      change(topic);
      this.store.updateTopicAttributes(topic.id, JSON.stringify(topic.attributes));
    });
  }

  tagTopic(arn: string, tags: Record<string, string>): void {
    this.inTransaction(() => {
      const row = this.store.findTopic(arn);
      if (!row) throw snsErrors.resourceNotFound();
      const merged = { ...(JSON.parse(row.tags_json) as Record<string, string>), ...tags };
      if (Object.keys(merged).length > MAX_TAGS_PER_TOPIC) throw snsErrors.tagLimitExceeded();
      this.store.updateTopicTags(row.topic_id, JSON.stringify(merged));
    });
  }

  untagTopic(arn: string, keys: readonly string[]): void {
    this.inTransaction(() => {
      const row = this.store.findTopic(arn);
      if (!row) throw snsErrors.resourceNotFound();
      const tags = JSON.parse(row.tags_json) as Record<string, string>;
      for (const key of keys) delete tags[key];
      this.store.updateTopicTags(row.topic_id, JSON.stringify(tags));
    });
  }

  topicTags(arn: string): Record<string, string> {
    const row = this.store.findTopic(arn);
    if (!row) throw snsErrors.resourceNotFound();
    return JSON.parse(row.tags_json) as Record<string, string>;
  }

  setDataProtectionPolicy(arn: string, policy: string): void {
    this.inTransaction(() => this.store.updateDataProtectionPolicy(this.getTopic(arn).id, policy));
  }

  // ── Subscriptions ─────────────────────────────────────────────────────────────────────

  /**
   * Subscribes an endpoint, or returns the existing subscription of the same endpoint (with the
   * same attributes). HTTP(S) and email subscriptions wait for confirmation; others are
   * confirmed at once, as AWS does within one account.
   */
  subscribe(topicArn: string, protocol: Protocol, endpoint: string, attributes: Record<string, string>, owner: Owner, delivery: DeliveryContext): Subscription {
    const scope = attributes.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    const stored: Record<string, string> = {};
    for (const [name, value] of Object.entries(attributes)) stored[name] = checkSubscriptionAttribute(name, value, { protocol, scope }, 'subscribe');
    const { subscription, created, topic } = this.inTransaction(() => {
      const topic = this.getTopic(topicArn);
      const existing = this.store.findSubscriptionByEndpoint(topic.id, protocol, endpoint);
      if (existing) {
        const current = JSON.parse(existing.attributes_json) as Record<string, string>;
        if (Object.entries(stored).some(([k, v]) => (current[k] ?? defaultSubscriptionAttribute(k)) !== v)) {
          throw snsErrors.invalidParameter('Attributes Reason: Subscription already exists with different attributes');
        }
        return { subscription: toSubscription(existing), created: false, topic };
      }
      const needsConfirmation = protocol === 'http' || protocol === 'https' || protocol === 'email' || protocol === 'email-json';
      const token = needsConfirmation ? ids.confirmationToken() : null;
      const arn = `${topic.arn}:${ids.resourceSuffix()}`;
      this.store.insertSubscription({
        arn,
        topic_id: topic.id,
        account_id: owner.accountId,
        region: owner.region,
        protocol,
        endpoint,
        attributes_json: JSON.stringify(stored),
        pending: needsConfirmation ? 1 : 0,
        authenticated: needsConfirmation ? 0 : 1,
        token,
        created_at_ms: this.clock.now(),
      });
      return { subscription: toSubscription(this.store.findSubscription(arn)!), created: true, topic };
    });
    if (created && subscription.token) {
      this.fanout.sendConfirmation('SubscriptionConfirmation', subscription, topic, subscription.token, delivery.baseUrl, ids.messageId());
    }
    return subscription;
  }

  confirmSubscription(topicArn: string, token: string, authenticated: boolean): string {
    return this.inTransaction(() => {
      this.getTopic(topicArn);
      const row = this.store.findSubscriptionByToken(token);
      if (!row || row.topic_arn !== topicArn) throw snsErrors.invalidParameter('Token');
      if (row.pending) this.store.confirmSubscription(row.subscription_id, authenticated);
      return row.arn;
    });
  }

  getSubscription(arn: string): Subscription {
    const row = this.store.findSubscription(arn);
    if (!row) throw snsErrors.subscriptionNotFound();
    return toSubscription(row);
  }

  /** Deletes a subscription (nothing if it is gone); an HTTP(S) subscriber gets an UnsubscribeConfirmation. */
  unsubscribe(arn: string, delivery: DeliveryContext): void {
    const removed = this.inTransaction(() => {
      const row = this.store.findSubscription(arn);
      if (!row) return undefined;
      const topic = toTopic(this.store.findTopic(row.topic_arn)!);
      this.store.deleteSubscription(row.subscription_id);
      this.store.countDeletedSubscription(row.topic_id);
      return { subscription: toSubscription(row), topic };
    });
    const { subscription, topic } = removed ?? {};
    if (subscription && topic && subscription.token && (subscription.protocol === 'http' || subscription.protocol === 'https')) {
      this.fanout.sendConfirmation('UnsubscribeConfirmation', subscription, topic, subscription.token, delivery.baseUrl, ids.messageId());
    }
  }

  listSubscriptions(owner: Owner, afterId: number, limit: number): Subscription[] {
    return this.store.pageSubscriptions(owner.accountId, owner.region, afterId, limit).map(toSubscription);
  }

  listSubscriptionsByTopic(topicArn: string, afterId: number, limit: number): Subscription[] {
    const topic = this.getTopic(topicArn);
    return this.store.pageSubscriptionsOfTopic(topic.id, afterId, limit).map(toSubscription);
  }

  setSubscriptionAttribute(arn: string, name: string, value: string): void {
    this.inTransaction(() => {
      const subscription = this.getSubscription(arn);
      const scope = (name === 'FilterPolicyScope' ? value : subscription.attributes.FilterPolicyScope) === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
      const checked = checkSubscriptionAttribute(name, value, { protocol: subscription.protocol, scope }, 'set');
      // A new scope must suit the policy already set (e.g. nested keys need MessageBody).
      if (name === 'FilterPolicyScope' && subscription.attributes.FilterPolicy) {
        checkSubscriptionAttribute('FilterPolicy', subscription.attributes.FilterPolicy, { protocol: subscription.protocol, scope }, 'set');
      }
      if (checked === '' && name !== 'RawMessageDelivery') delete subscription.attributes[name];
      else subscription.attributes[name] = checked;
      this.store.updateSubscriptionAttributes(subscription.id, JSON.stringify(subscription.attributes));
    });
  }

  // ── Publishing ────────────────────────────────────────────────────────────────────────

  /**
   * Publishes to a topic: FIFO deduplication and sequence numbers in one transaction, then
   * fan-out to every confirmed subscription whose filter policy matches (pending ones are only
   * logged as such). A duplicate of a FIFO message is not delivered again, nor logged.
   */
  publish(topicArn: string, message: MessageToPublish, delivery: DeliveryContext): PublishResult {
    const now = this.clock.now();
    // One transaction for the publish and its deliveries to queues: once the caller has its
    // MessageId they are all committed, and a crash before that leaves neither (a FIFO
    // deduplication entry never outlives deliveries that did not happen).
    const { result, startRemoteDeliveries } = this.inTransaction(() => {
      const planned = this.planPublish(topicArn, message, now);
      const result = { messageId: planned.messageId, ...(planned.sequenceNumber !== undefined ? { sequenceNumber: planned.sequenceNumber } : {}) };
      if (planned.duplicate) return { result, startRemoteDeliveries: () => {} };
      const publication = { topic: planned.topic, timestampMs: now, message, baseUrl: delivery.baseUrl, ...result };
      return { result, startRemoteDeliveries: this.fanout.deliver(publication, this.store.subscriptionsOfTopic(planned.topic.id).map(toSubscription)) };
    });
    startRemoteDeliveries();
    return result;
  }

  /** The topic, MessageId and (FIFO) SequenceNumber of a publish; a FIFO duplicate gets the original's. */
  private planPublish(
    topicArn: string,
    message: MessageToPublish,
    now: number,
  ): { topic: Topic; messageId: string; sequenceNumber?: string; duplicate: boolean } {
    const row = this.store.findTopic(topicArn);
    if (!row) throw snsErrors.topicNotFound();
    const topic = toTopic(row);
    if (!topic.fifo) return { topic, messageId: ids.messageId(), duplicate: false };
    const deduplicationId = message.deduplicationId ?? sha256(message.message);
    const seen = this.store.findDeduplication(topic.id, deduplicationId, now);
    if (seen) return { topic, messageId: seen.message_id, sequenceNumber: seen.sequence_number, duplicate: true };
    const next = this.store.nextSequenceNumber(topic.id);
    const sequenceNumber = String(10_000_000_000_000_000_000n + BigInt(next));
    const messageId = ids.messageId();
    this.store.rememberDeduplication(topic.id, deduplicationId, { message_id: messageId, sequence_number: sequenceNumber }, now + DEDUPLICATION_WINDOW_MS);
    return { topic, messageId, sequenceNumber, duplicate: false };
  }

  /** Records a message sent straight to a phone number or a platform endpoint. */
  recordDirect(owner: Owner, kind: 'sms' | 'push', target: string, payload: Record<string, unknown>): string {
    const messageId = ids.messageId();
    const message = { messageId, ...payload, timestamp: new Date(this.clock.now()).toISOString() };
    this.store.insertSentMessage({
      account_id: owner.accountId,
      region: owner.region,
      kind,
      target,
      message_json: JSON.stringify(message),
      sent_at_ms: this.clock.now(),
    });
    return messageId;
  }

  /** What wharf "sent" to a kind of sink (sms, email, email-json, push, lambda, firehose), optionally to one target. */
  sentMessages(kind: string, target?: string): { target: string; message: unknown }[] {
    const rows = target === undefined ? this.store.sentMessagesOfKind(kind) : this.store.sentMessagesTo(kind, target);
    return rows.map((row) => ({ target: row.target, message: JSON.parse(row.message_json) as unknown }));
  }
}

function toTopic(row: TopicRow): Topic {
  const attributes = JSON.parse(row.attributes_json) as Record<string, string>;
  return {
    id: row.topic_id,
    arn: row.arn,
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    fifo: attributes.FifoTopic === 'true',
    attributes,
    tags: JSON.parse(row.tags_json) as Record<string, string>,
    dataProtectionPolicy: row.data_protection_policy ?? undefined,
  };
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.subscription_id,
    arn: row.arn,
    topicArn: row.topic_arn,
    topicId: row.topic_id,
    accountId: row.account_id,
    region: row.region,
    protocol: row.protocol as Protocol,
    endpoint: row.endpoint,
    attributes: JSON.parse(row.attributes_json) as Record<string, string>,
    pendingConfirmation: row.pending === 1,
    confirmationWasAuthenticated: row.authenticated === 1,
    token: row.token ?? undefined,
  };
}

function defaultSubscriptionAttribute(name: string): string | undefined {
  if (name === 'RawMessageDelivery') return 'false';
  if (name === 'FilterPolicyScope') return 'MessageAttributes';
  return undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
