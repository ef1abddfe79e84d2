import { createHash } from 'node:crypto';
import type { Clock } from '../../../clock.js';
import type { MessageAttribute, SqsTopicDeliveryPort } from '../../sqs/engine/topic-delivery.js';
import type { SnsStore } from '../store/sns-store.js';
import type { DeliveryLog, DeliveryState, SubscriptionOutcome } from './delivery-log.js';
import { DEFAULT_RETRY_POLICY, UNOBSERVED, type DeliveryFailure, type HttpDelivery, type RetryPolicy } from './delivery/http.js';
import { envelopeAttribute, renderEnvelope, subscribeUrlOf, unsubscribeUrlOf, signingCertPath, type EnvelopeType } from './envelope.js';
import { explainAttributesMismatch, explainBodyMismatch, matchesAttributes, matchesBody, type FilterPolicy } from './filter-policy.js';
import type { SigningKey } from './signing.js';
import { compileFilterPolicy, deadLetterTargetArn } from './subscription-attributes.js';
import type { MessageToPublish, PublishAttribute, SnsLogger, Subscription, Topic } from './types.js';

/**
 * Calls a Lambda function asynchronously with an SNS event (an in-process function or the
 * configured Lambda endpoint); `canInvoke` says whether the function can be reached at all.
 */
export type LambdaInvoker = ((functionArn: string, payload: string) => Promise<void>) & { canInvoke?: (functionArn: string) => boolean };

export interface FanoutOptions {
  /** Drop deliveries to queues whose policy does not allow the topic, as AWS does. */
  enforceQueuePolicy: boolean;
  invokeLambda: LambdaInvoker | undefined;
}

export interface Publication {
  topic: Topic;
  messageId: string;
  sequenceNumber?: string;
  timestampMs: number;
  message: MessageToPublish;
  baseUrl: string;
}

/**
 * The SenderId SQS shows for messages SNS sent: the same id in real SQS events of SNS-fed queues
 * quoted in many public repositories (Lambda SQS event fixtures recorded from AWS).
 */
const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/** Delivers a published message to each subscription: SQS in-process, HTTP with retries, other sinks recorded. */
export class Fanout {
  private readonly policies = new Map<string, FilterPolicy>();
  private warnedNoLambda = false;
  /** Warnings about a topic→queue pair already logged: each is said once, not at every delivery. */
  private readonly warnedPairs = new Set<string>();

  constructor(
    private readonly sqs: SqsTopicDeliveryPort,
    private readonly store: SnsStore,
    private readonly clock: Clock,
    private readonly http: HttpDelivery,
    private readonly log: DeliveryLog,
    private readonly key: () => SigningKey,
    private readonly logger: SnsLogger,
    private readonly options: FanoutOptions,
  ) {}

  /**
   * Delivers to each confirmed subscription whose filter policy matches, and logs every
   * subscription's outcome: those known at once in one transaction, the others (HTTP, Lambda)
   * as they arrive. Queues, recorded sinks and the log are written here, inside the caller's
   * transaction, so they commit with the publish or not at all; the returned function starts
   * the HTTP and Lambda deliveries, to be called once that commits.
   */
  deliver(publication: Publication, subscriptions: readonly Subscription[]): () => void {
    const outcomes: SubscriptionOutcome[] = [];
    const remote: (() => void)[] = [];
    for (const subscription of subscriptions) {
      const state = this.deliverIfWanted(publication, subscription, remote);
      if (state) outcomes.push({ subscription, state });
    }
    this.log.recordAll(publication.messageId, outcomes);
    return () => {
      for (const start of remote) start();
    };
  }

  /** Delivers unless the subscription waits for confirmation or its filter policy says no; returns the outcome if known now. */
  private deliverIfWanted(publication: Publication, subscription: Subscription, remote: (() => void)[]): DeliveryState | undefined {
    if (subscription.pendingConfirmation) return { outcome: 'pending-confirmation' };
    const reason = this.filterMismatch(subscription, publication.message);
    if (reason !== undefined) return { outcome: 'filtered-out', reason };
    return this.deliverOne(publication, subscription, remote);
  }

  /** Sends an HTTP(S) subscriber its SubscriptionConfirmation (or UnsubscribeConfirmation). */
  sendConfirmation(type: EnvelopeType, subscription: Subscription, topic: Topic, token: string, baseUrl: string, messageId: string): void {
    const message =
      type === 'SubscriptionConfirmation'
        ? `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
        : `You have chosen to deactivate subscription ${subscription.arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
    const body = renderEnvelope(
      {
        type,
        messageId,
        topicArn: topic.arn,
        message,
        timestampMs: this.clock.now(),
        token,
        subscribeUrl: subscribeUrlOf(baseUrl, topic.arn, token),
        signatureVersion: topic.attributes.SignatureVersion ?? '1',
        baseUrl,
      },
      this.key(),
    );
    if (subscription.protocol === 'http' || subscription.protocol === 'https') {
      const headers = this.headers(type, messageId, topic.arn, undefined);
      this.http.send({ url: subscription.endpoint, body, headers }, retryPolicyOf(subscription, topic), UNOBSERVED);
    } else {
      this.record(subscription, subscription.protocol === 'email' ? 'email' : 'email-json', {
        type,
        token,
        subscribeUrl: subscribeUrlOf(baseUrl, topic.arn, token),
        message: subscription.protocol === 'email' ? message : body,
      });
    }
  }

  /** Why the subscription's filter policy turns the message away, or undefined when it lets it through. */
  private filterMismatch(subscription: Subscription, message: MessageToPublish): string | undefined {
    const text = subscription.attributes.FilterPolicy;
    if (!text) return undefined;
    const scope = subscription.attributes.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    const cacheKey = `${scope}\n${text}`;
    let policy = this.policies.get(cacheKey);
    if (!policy) {
      policy = compileFilterPolicy(text, scope);
      this.policies.set(cacheKey, policy);
    }
    const body = message.messagesByProtocol?.[subscription.protocol] ?? message.message;
    const attributes = scope === 'MessageBody' ? {} : Object.fromEntries(Object.entries(message.attributes).map(([name, a]) => [name, envelopeAttribute(a)]));
    if (scope === 'MessageBody' ? matchesBody(policy, body) : matchesAttributes(policy, attributes)) return undefined;
    // Explained only once it failed: the matching itself stays as lean as it was.
    const reason = scope === 'MessageBody' ? explainBodyMismatch(policy, body) : explainAttributesMismatch(policy, attributes);
    this.logger.debug(
      { subscriptionArn: subscription.arn, scope, filterPolicy: text, reason },
      'SNS did not deliver: the message matches no filter of the subscription',
    );
    return reason;
  }

  /** Delivers to one subscription; returns the outcome, or undefined when it will be logged as it arrives. */
  private deliverOne(publication: Publication, subscription: Subscription, remote: (() => void)[]): DeliveryState | undefined {
    const { topic, message } = publication;
    const text = message.messagesByProtocol?.[subscription.protocol] ?? message.messagesByProtocol?.default ?? message.message;
    const raw = subscription.attributes.RawMessageDelivery === 'true';
    const envelope = () =>
      renderEnvelope(
        {
          type: 'Notification',
          messageId: publication.messageId,
          topicArn: topic.arn,
          message: text,
          timestampMs: publication.timestampMs,
          signatureVersion: topic.attributes.SignatureVersion ?? '1',
          unsubscribeUrl: unsubscribeUrlOf(publication.baseUrl, subscription.arn),
          baseUrl: publication.baseUrl,
          ...(message.subject !== undefined ? { subject: message.subject } : {}),
          ...(publication.sequenceNumber !== undefined ? { sequenceNumber: publication.sequenceNumber } : {}),
          attributes: message.attributes,
        },
        this.key(),
      );
    switch (subscription.protocol) {
      case 'sqs': {
        const body = raw ? text : envelope();
        const attributes = raw ? toSqsAttributes(message.attributes) : {};
        const failure = this.sendToQueue(subscription.endpoint, topic, body, attributes, publication);
        return failure ? this.toDeadLetterQueue(subscription, topic, body, attributes, failure, 1, publication) : { outcome: 'delivered', attempts: 1 };
      }
      case 'http':
      case 'https': {
        const body = raw ? text : envelope();
        const headers = this.headers('Notification', publication.messageId, topic.arn, subscription.arn, raw);
        const logged = this.log.track(subscription, publication.messageId);
        remote.push(() =>
          this.http.send({ url: subscription.endpoint, body, headers }, retryPolicyOf(subscription, topic), {
            delivered: (attempts) => logged({ outcome: 'delivered', attempts }),
            retrying: (attempts, nextAttemptAtMs, failure) => logged({ outcome: 'retrying', attempts, nextAttemptAtMs, reason: failure.message }),
            gaveUp: (attempts, failure) =>
              logged(this.toDeadLetterQueue(subscription, topic, body, raw ? toSqsAttributes(message.attributes) : {}, failure, attempts, publication)),
          }),
        );
        return undefined;
      }
      case 'lambda':
        return this.invokeLambda(subscription, publication, text, remote);
      case 'email':
        return this.record(subscription, 'email', { messageId: publication.messageId, subject: message.subject, message: text });
      case 'email-json':
        return this.record(subscription, 'email-json', { messageId: publication.messageId, message: envelope() });
      case 'sms':
        return this.record(subscription, 'sms', { messageId: publication.messageId, message: text });
      case 'firehose':
        return this.record(subscription, 'firehose', { messageId: publication.messageId, message: raw ? text : envelope() });
      case 'application':
        return this.record(subscription, 'push', { messageId: publication.messageId, message: text });
    }
  }

  private warnOncePerPair(key: string, details: object, message: string): void {
    if (this.warnedPairs.has(key)) return;
    this.warnedPairs.add(key);
    this.logger.warn(details, message);
  }

  /** Sends to a wharf queue through SQS's port; returns why it could not, or undefined when it did. */
  private sendToQueue(
    queueArn: string,
    topic: Topic,
    body: string,
    attributes: Record<string, MessageAttribute>,
    publication: Publication,
  ): DeliveryFailure | undefined {
    const { messageGroupId, deduplicationId } = publication.message;
    // A FIFO topic's group and deduplication id carry over to a FIFO queue; a standard topic's
    // deliveries to one (a dead-letter queue) are grouped and deduplicated by the publish's MessageId.
    const outcome = this.sqs.deliverFromTopic(
      queueArn,
      {
        topicArn: topic.arn,
        body,
        messageAttributes: attributes,
        senderId: SNS_SENDER_ID,
        ...(topic.fifo
          ? { deduplicationId: deduplicationId ?? sha256(publication.message.message), ...(messageGroupId !== undefined ? { messageGroupId } : {}) }
          : { deduplicationId: publication.messageId, messageGroupId: messageGroupId ?? publication.messageId }),
      },
      { enforcePolicy: this.options.enforceQueuePolicy },
    );
    if (!outcome.delivered) {
      if (outcome.code === 'NonExistentQueue')
        this.logger.warn({ queueArn, topicArn: topic.arn }, 'SNS could not deliver: the subscribed SQS queue does not exist');
      else if (outcome.code !== 'AccessDenied') this.logger.warn({ queueArn, error: outcome.message }, 'SNS could not deliver to the SQS queue');
      if (outcome.code === 'AccessDenied') this.warnPolicyDrop(queueArn, topic, true);
      return { code: outcome.code, message: outcome.message };
    }
    if (outcome.kmsMasterKeyId) {
      this.warnOncePerPair(
        `kms ${topic.arn} ${queueArn}`,
        { queueArn, topicArn: topic.arn, kmsMasterKeyId: outcome.kmsMasterKeyId },
        'SNS delivers to this KMS-encrypted queue, but on AWS the key policy must allow sns.amazonaws.com (kms:GenerateDataKey, kms:Decrypt); with the AWS managed key alias/aws/sqs deliveries are silently dropped. Use a customer managed key whose policy allows SNS (said once per topic and queue)',
      );
    }
    if (!outcome.policyAllowsTopic) this.warnPolicyDrop(queueArn, topic, false);
    return undefined;
  }

  /** Said once per topic and queue (not at every delivery), with the policy statement that fixes it. */
  private warnPolicyDrop(queueArn: string, topic: Topic, enforced: boolean): void {
    this.warnOncePerPair(
      `policy ${topic.arn} ${queueArn}`,
      { queueArn, topicArn: topic.arn, enforced },
      `AWS would silently drop SNS deliveries from this topic to this queue: the queue's Policy does not allow it. ` +
        `To fix, set the queue's Policy attribute to allow "sqs:SendMessage" for the principal {"Service":"sns.amazonaws.com"} ` +
        `with the condition {"ArnEquals":{"aws:SourceArn":"${topic.arn}"}}. ` +
        (enforced
          ? 'wharf drops them too (WHARF_SNS_ENFORCE_QUEUE_POLICY=true).'
          : 'wharf delivers them anyway; WHARF_SNS_ENFORCE_QUEUE_POLICY=true drops them as AWS does.') +
        ' (Said once per topic and queue.)',
    );
  }

  /**
   * A delivery that failed for good goes to the subscription's dead-letter queue, with the
   * attributes AWS adds (unverified against AWS: their exact set and wording).
   * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
   */
  private toDeadLetterQueue(
    subscription: Subscription,
    topic: Topic,
    body: string,
    attributes: Record<string, MessageAttribute>,
    failure: DeliveryFailure,
    attempts: number,
    publication: Publication,
  ): DeliveryState {
    const dlqArn = deadLetterTargetArn(subscription.attributes);
    if (!dlqArn) return { outcome: 'failed', attempts, reason: failure.message };
    const withReasons: Record<string, MessageAttribute> = {
      ...attributes,
      ErrorCode: { DataType: 'String', StringValue: failure.code },
      ErrorMessage: { DataType: 'String', StringValue: failure.message || 'delivery failed' },
      RequestID: { DataType: 'String', StringValue: publication.messageId },
    };
    const dlqFailure = this.sendToQueue(dlqArn, topic, body, withReasons, publication);
    if (!dlqFailure) return { outcome: 'dead-lettered', attempts, reason: failure.message, deadLetterArn: dlqArn };
    this.logger.warn({ subscriptionArn: subscription.arn, dlqArn }, 'SNS could not move the failed delivery to the dead-letter queue');
    return { outcome: 'failed', attempts, reason: `${failure.message}; the dead-letter queue ${dlqArn} did not take it either: ${dlqFailure.message}` };
  }

  /** Records the event; invokes the function when a Lambda endpoint is set (its outcome is logged when it answers). */
  private invokeLambda(subscription: Subscription, publication: Publication, text: string, remote: (() => void)[]): DeliveryState | undefined {
    const event = lambdaEvent(subscription, publication, text, this.key());
    this.record(subscription, 'lambda', { messageId: publication.messageId, event });
    const invoke = this.options.invokeLambda;
    if (!invoke || invoke.canInvoke?.(subscription.endpoint) === false) {
      if (!this.warnedNoLambda)
        this.logger.warn(
          {},
          'SNS recorded a Lambda delivery but did not invoke it: register the function (startWharf({ functions })) or set WHARF_LAMBDA_ENDPOINT (e.g. sam local start-lambda) to invoke functions',
        );
      this.warnedNoLambda = true;
      return { outcome: 'delivered', attempts: 1, note: 'recorded, not invoked: no Lambda endpoint is set (WHARF_LAMBDA_ENDPOINT)' };
    }
    const logged = this.log.track(subscription, publication.messageId);
    remote.push(() => {
      invoke(subscription.endpoint, JSON.stringify(event)).then(
        () => logged({ outcome: 'delivered', attempts: 1 }),
        (err: unknown) => {
          this.logger.warn({ functionArn: subscription.endpoint, error: (err as Error).message }, 'SNS could not invoke the Lambda function');
          logged({ outcome: 'failed', attempts: 1, reason: (err as Error).message });
        },
      );
    });
    return undefined;
  }

  /** Keeps what wharf "sent" to a sink it cannot reach (see /_wharf/sns/sent/:kind): delivered, as far as wharf can. */
  private record(subscription: Subscription, kind: string, payload: Record<string, unknown>): DeliveryState {
    const message = { ...payload, topicArn: subscription.topicArn, subscriptionArn: subscription.arn, timestamp: new Date(this.clock.now()).toISOString() };
    this.store.insertSentMessage({
      account_id: subscription.accountId,
      region: subscription.region,
      kind,
      target: subscription.endpoint,
      message_json: JSON.stringify(message),
      sent_at_ms: this.clock.now(),
    });
    return { outcome: 'delivered', attempts: 1 };
  }

  private headers(type: EnvelopeType, messageId: string, topicArn: string, subscriptionArn: string | undefined, raw = false): Record<string, string> {
    return {
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': 'Amazon Simple Notification Service Agent',
      'x-amz-sns-message-type': type,
      'x-amz-sns-message-id': messageId,
      'x-amz-sns-topic-arn': topicArn,
      ...(subscriptionArn ? { 'x-amz-sns-subscription-arn': subscriptionArn } : {}),
      ...(raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
    };
  }
}

/** SNS message attributes as SQS message attributes (raw delivery). */
function toSqsAttributes(attributes: Record<string, PublishAttribute>): Record<string, MessageAttribute> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      a.BinaryValue ? { DataType: a.DataType, BinaryValue: a.BinaryValue } : { DataType: a.DataType, StringValue: a.StringValue ?? '' },
    ]),
  );
}

/** The healthy retry policy for HTTP: the subscription's, else the topic's http default, else AWS's. */
function retryPolicyOf(subscription: Subscription, topic: Topic): RetryPolicy {
  const fromSubscription = parsePolicy(subscription.attributes.DeliveryPolicy)?.healthyRetryPolicy;
  const topicPolicy = parsePolicy(topic.attributes.DeliveryPolicy) as { http?: { defaultHealthyRetryPolicy?: Partial<RetryPolicy> } } | undefined;
  return { ...DEFAULT_RETRY_POLICY, ...topicPolicy?.http?.defaultHealthyRetryPolicy, ...fromSubscription };
}

function parsePolicy(text: string | undefined): { healthyRetryPolicy?: Partial<RetryPolicy> } | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as { healthyRetryPolicy?: Partial<RetryPolicy> };
  } catch {
    return undefined;
  }
}

/** The event Lambda receives from SNS (note `SigningCertUrl` and `UnsubscribeUrl` spelt as Lambda does). */
function lambdaEvent(subscription: Subscription, publication: Publication, text: string, key: SigningKey): object {
  const envelope = JSON.parse(
    renderEnvelope(
      {
        type: 'Notification',
        messageId: publication.messageId,
        topicArn: publication.topic.arn,
        message: text,
        timestampMs: publication.timestampMs,
        signatureVersion: publication.topic.attributes.SignatureVersion ?? '1',
        baseUrl: publication.baseUrl,
        ...(publication.message.subject !== undefined ? { subject: publication.message.subject } : {}),
      },
      key,
    ),
  ) as Record<string, string>;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        Sns: {
          Type: 'Notification',
          MessageId: publication.messageId,
          TopicArn: publication.topic.arn,
          Subject: publication.message.subject ?? null,
          Message: text,
          Timestamp: envelope.Timestamp,
          SignatureVersion: envelope.SignatureVersion,
          Signature: envelope.Signature,
          SigningCertUrl: `${publication.baseUrl}${signingCertPath(key)}`,
          UnsubscribeUrl: unsubscribeUrlOf(publication.baseUrl, subscription.arn),
          MessageAttributes: Object.fromEntries(Object.entries(publication.message.attributes).map(([name, a]) => [name, envelopeAttribute(a)])),
        },
      },
    ],
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
