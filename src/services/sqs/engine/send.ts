import { createHash } from 'node:crypto';
import { ids } from '../../../ids.js';
import { sqsErrors } from '../errors.js';
import { DEDUPLICATION_WINDOW_MS } from '../limits.js';
import type { MessageRow } from '../store/sqs-store.js';
import { checkBodyCharacters, checkMessageAttributes, messageSize } from './message-content.js';
import { md5OfAttributes, md5OfBody } from './message-md5.js';
import type { EngineParts } from './queues.js';
import { encodeAttributes } from './received-message.js';
import type { MessageToSend, Queue, SentMessage } from './types.js';

/**
 * Enqueues one message (inside the caller's transaction). On a FIFO queue a duplicate within the
 * 5-minute deduplication window is acknowledged with the original MessageId and SequenceNumber
 * and not enqueued again.
 */
export function sendToQueue({ store, clock }: EngineParts, queue: Queue, message: MessageToSend): SentMessage {
  checkBodyCharacters(message.body);
  const attributes = message.messageAttributes ?? {};
  checkMessageAttributes(attributes);
  const size = messageSize(message.body, attributes);
  if (size > queue.settings.maximumMessageSize) {
    throw sqsErrors.invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${queue.settings.maximumMessageSize} bytes.`,
    );
  }
  const now = clock.now();
  const sent: SentMessage = { messageId: ids.messageId(), md5OfBody: md5OfBody(message.body) };
  if (Object.keys(attributes).length > 0) sent.md5OfMessageAttributes = md5OfAttributes(attributes);
  const system = message.systemAttributes;
  if (system && Object.keys(system).length > 0) sent.md5OfSystemAttributes = md5OfAttributes(system);

  let deduplicationId: string | null = null;
  let deduplicationScope = '';
  const fifo = queue.settings.fifo;
  if (fifo) {
    // Content-based deduplication: the SHA-256 of the body (the operation checked that one of the two exists).
    deduplicationId = message.deduplicationId ?? createHash('sha256').update(message.body, 'utf8').digest('hex');
    deduplicationScope = fifo.deduplicationScope === 'messageGroup' ? (message.messageGroupId ?? '') : '';
    store.forgetExpiredDeduplication(queue.id, now);
    const original = store.findDeduplication(queue.id, deduplicationScope, deduplicationId, now);
    if (original) return { ...sent, messageId: original.message_id, sequenceNumber: original.sequence_number };
    sent.sequenceNumber = formatSequenceNumber(store.nextSequenceNumber(queue.id));
  }

  store.insertMessage({
    queue_id: queue.id,
    message_id: sent.messageId,
    body: message.body,
    md5_of_body: sent.md5OfBody,
    attributes_json: encodeAttributes(attributes),
    md5_of_attributes: sent.md5OfMessageAttributes ?? null,
    system_attributes_json: encodeAttributes(system),
    md5_of_system_attributes: sent.md5OfSystemAttributes ?? null,
    group_id: message.messageGroupId ?? null,
    sender_id: message.senderId,
    sent_at_ms: now,
    visible_at_ms: now + (message.delaySeconds ?? queue.settings.delaySeconds) * 1000,
    deduplication_id: deduplicationId,
    sequence_number: sent.sequenceNumber ?? null,
    dead_letter_source_arn: null,
  });
  if (deduplicationId !== null) {
    store.rememberDeduplication(
      queue.id,
      deduplicationScope,
      deduplicationId,
      { message_id: sent.messageId, sequence_number: sent.sequenceNumber! },
      now + DEDUPLICATION_WINDOW_MS,
    );
  }
  return sent;
}

/**
 * Copies a message into another queue, visible at once with a fresh receive count (redrive keeps
 * MessageId and SentTimestamp; a move task sends anew). A FIFO target gives it its own next
 * SequenceNumber.
 */
export function copyMessageInto(
  { store, clock }: EngineParts,
  target: Queue,
  row: MessageRow,
  changes: Pick<MessageRow, 'message_id' | 'sent_at_ms' | 'dead_letter_source_arn'>,
): void {
  store.insertMessage({
    queue_id: target.id,
    message_id: changes.message_id,
    body: row.body,
    md5_of_body: row.md5_of_body,
    attributes_json: row.attributes_json,
    md5_of_attributes: row.md5_of_attributes,
    system_attributes_json: row.system_attributes_json,
    md5_of_system_attributes: row.md5_of_system_attributes,
    group_id: row.group_id,
    sender_id: row.sender_id,
    sent_at_ms: changes.sent_at_ms,
    visible_at_ms: clock.now(),
    deduplication_id: target.settings.fifo ? row.deduplication_id : null,
    sequence_number: target.settings.fifo ? formatSequenceNumber(store.nextSequenceNumber(target.id)) : null,
    dead_letter_source_arn: changes.dead_letter_source_arn,
  });
}

/** FIFO sequence numbers: 20-digit decimal strings, strictly increasing per queue, as AWS shows them. */
function formatSequenceNumber(n: number): string {
  return (10n ** 19n + BigInt(n)).toString();
}
