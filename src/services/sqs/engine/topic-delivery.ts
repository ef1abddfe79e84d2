import { queueKeyOfArn } from '../../../arn.js';
import { AwsError } from '../../../errors.js';
import type { MessageAttribute } from './message-md5.js';
import { findQueue, type EngineParts } from './queues.js';
import { sendToQueue } from './send.js';
import { queuePolicyAllowsTopic } from './topic-policy.js';

export type { MessageAttribute };

/** A message an SNS topic delivers to a queue. */
export interface TopicMessage {
  topicArn: string;
  body: string;
  messageAttributes: Record<string, MessageAttribute>;
  /** Used by a FIFO queue only (a standard topic's deliveries to one carry the publish's MessageId). */
  messageGroupId?: string;
  /** Used by a FIFO queue only. */
  deduplicationId: string;
  senderId: string;
}

/**
 * What became of one delivery. `policyAllowsTopic` and `kmsMasterKeyId` say what AWS would do
 * differently (drop it) so that SNS can warn; the queue's settings stay SQS's.
 */
export type TopicDeliveryOutcome =
  | { delivered: true; policyAllowsTopic: boolean; kmsMasterKeyId?: string }
  | { delivered: false; code: 'NonExistentQueue' | 'AccessDenied' | (string & {}); message: string };

export interface TopicDeliveryOptions {
  /** Refuse (AccessDenied) when the queue's policy does not let the topic send, as AWS does. */
  enforcePolicy: boolean;
}

/**
 * What SQS offers SNS (STYLE habit 8): deliver one message from a topic to the queue an ARN
 * names, reading the queue once. SNS sees nothing else of SQS: not its settings, nor its policy.
 */
export interface SqsTopicDeliveryPort {
  deliverFromTopic(queueArn: string, message: TopicMessage, options: TopicDeliveryOptions): TopicDeliveryOutcome;
}

/**
 * The delivery itself, inside the caller's transaction. Only SQS's own refusals (AwsError: a body
 * SQS does not take, a message too large for the queue) are outcomes; anything else is a fault
 * and propagates rather than pass for a missing queue.
 */
export function deliverFromTopic(
  parts: EngineParts,
  queueArn: string,
  message: TopicMessage,
  options: TopicDeliveryOptions,
): { outcome: TopicDeliveryOutcome; queueId?: number } {
  const key = queueKeyOfArn(queueArn);
  const queue = key ? findQueue(parts.store, key) : undefined;
  if (!queue) return { outcome: { delivered: false, code: 'NonExistentQueue', message: 'The specified queue does not exist.' } };
  const policyAllowsTopic = queuePolicyAllowsTopic(queue.settings.policy, message.topicArn);
  if (!policyAllowsTopic && options.enforcePolicy) return { outcome: { delivered: false, code: 'AccessDenied', message: 'Access to the resource is denied.' } };
  const fifo = queue.settings.fifo !== undefined;
  try {
    sendToQueue(parts, queue, {
      body: message.body,
      senderId: message.senderId,
      ...(Object.keys(message.messageAttributes).length > 0 ? { messageAttributes: message.messageAttributes } : {}),
      ...(fifo ? { deduplicationId: message.deduplicationId } : {}),
      ...(fifo && message.messageGroupId !== undefined ? { messageGroupId: message.messageGroupId } : {}),
    });
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    return { outcome: { delivered: false, code: err.code, message: err.message }, queueId: queue.id };
  }
  const kmsMasterKeyId = queue.settings.kmsMasterKeyId;
  return { outcome: { delivered: true, policyAllowsTopic, ...(kmsMasterKeyId ? { kmsMasterKeyId } : {}) }, queueId: queue.id };
}
