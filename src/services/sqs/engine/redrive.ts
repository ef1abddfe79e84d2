import { queueKeyOfArn } from '../../../arn.js';
import { sqsErrors } from '../errors.js';
import type { MessageRow } from '../store/sqs-store.js';
import type { QueueSettings } from './queue-attributes.js';
import { findQueue, type EngineParts } from './queues.js';
import { allowsSource } from './redrive-policy.js';
import { copyMessageInto } from './send.js';
import type { Queue, QueueKey } from './types.js';

/**
 * Checks a queue's RedrivePolicy against the database: the dead-letter queue must exist, be of
 * the source's type, and allow the source in its RedriveAllowPolicy.
 */
export function checkRedriveTarget(parts: EngineParts, sourceKey: QueueKey, sourceArn: string, settings: QueueSettings): void {
  const policy = settings.redrivePolicy;
  if (!policy) return;
  const invalid = (reason: string) => sqsErrors.invalidParameter('RedrivePolicy', JSON.stringify(policy), reason);
  const targetKey = queueKeyOfArn(policy.deadLetterTargetArn);
  const target =
    targetKey && targetKey.accountId === sourceKey.accountId && targetKey.region === sourceKey.region ? findQueue(parts.store, targetKey) : undefined;
  if (!target) throw invalid('Dead letter target does not exist.');
  if (Boolean(target.settings.fifo) !== Boolean(settings.fifo)) throw invalid('Dead-letter queue must be same type of queue as the source.');
  if (!allowsSource(target.settings.redriveAllowPolicy, sourceArn)) {
    throw invalid(`Queue ${target.arn} does not allow this queue to be used as a dead-letter queue.`);
  }
}

/** True when the message has used up its receives and must go to the dead-letter queue. */
export function redriveDue(queue: Queue, row: MessageRow): boolean {
  const policy = queue.settings.redrivePolicy;
  return policy !== undefined && row.receive_count >= policy.maxReceiveCount;
}

/**
 * Moves a message to its queue's dead-letter queue, keeping MessageId, body, attributes and
 * SentTimestamp (so retention counts from the original send), and recording where it came from.
 * Returns false when the dead-letter queue no longer exists: the message then stays.
 */
export function moveToDeadLetterQueue(parts: EngineParts, queue: Queue, row: MessageRow): boolean {
  const targetKey = queueKeyOfArn(queue.settings.redrivePolicy!.deadLetterTargetArn);
  const target = targetKey ? findQueue(parts.store, targetKey) : undefined;
  if (!target) return false;
  copyMessageInto(parts, target, row, { message_id: row.message_id, sent_at_ms: row.sent_at_ms, dead_letter_source_arn: queue.arn });
  parts.store.deleteMessage(row.message_seq);
  parts.signals.notify(target.id);
  return true;
}
