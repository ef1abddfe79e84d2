import type { SendMessageBatchRequestEntry } from '../../../generated/sqs.js';
import type { RequestContext } from '../../../protocol/service.js';
import { sqsErrors } from '../errors.js';
import type { MessageToSend, Queue } from '../engine/types.js';
import { MAX_DELAY_SECONDS } from '../limits.js';

/** The fields SendMessage and a SendMessageBatch entry share. */
export type SendMessageFields = Omit<SendMessageBatchRequestEntry, 'Id'>;

/**
 * The FIFO rules that fail a whole SendMessage or SendMessageBatch call (recorded on AWS): a
 * group id is required, and a deduplication id unless content-based deduplication is on.
 */
export function checkFifoSend(queue: Queue, entries: readonly SendMessageFields[], call: 'single' | 'batch'): void {
  const fifo = queue.settings.fifo;
  if (!fifo) return;
  for (const entry of entries) {
    if (entry.MessageGroupId === undefined) {
      throw call === 'single'
        ? sqsErrors.missingParameter('MessageGroupId')
        : sqsErrors.invalidParameterValue('The request must contain the parameter MessageGroupId.');
    }
    if (entry.MessageDeduplicationId === undefined && !fifo.contentBasedDeduplication) {
      throw sqsErrors.invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  }
}

/** Parameter checks of one message to send, then the engine's form of it. */
export function toMessageToSend(queue: Queue, fields: SendMessageFields, ctx: RequestContext): MessageToSend {
  if (fields.MessageBody === '') throw sqsErrors.missingParameter('MessageBody');
  const delay = fields.DelaySeconds;
  if (delay !== undefined && (delay < 0 || delay > MAX_DELAY_SECONDS)) {
    throw sqsErrors.invalidParameter('DelaySeconds', delay, `DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`);
  }
  const fifo = queue.settings.fifo !== undefined;
  // FIFO queues have only the queue's delay. (Whether AWS also refuses an explicit 0 is unverified.)
  if (fifo && delay !== undefined && delay !== 0) {
    throw sqsErrors.invalidParameter('DelaySeconds', delay, 'The request include parameter that is not valid for this queue type.');
  }
  // Deduplication ids belong to FIFO queues; group ids are allowed on standard queues since
  // fair queues (2025).
  if (!fifo && fields.MessageDeduplicationId !== undefined) {
    throw sqsErrors.invalidParameter(
      'MessageDeduplicationId',
      fields.MessageDeduplicationId,
      'The request includes a parameter that is not valid for this queue type.',
    );
  }
  const trace = fields.MessageSystemAttributes?.AWSTraceHeader;
  if (trace && (trace.DataType !== 'String' || !trace.StringValue)) {
    throw sqsErrors.invalidParameterValue("The message system attribute 'AWSTraceHeader' must use the data type 'String' and a non-empty value.");
  }
  return {
    body: fields.MessageBody,
    senderId: ctx.accessKeyId,
    ...(delay !== undefined && !fifo ? { delaySeconds: delay } : {}),
    ...(fields.MessageAttributes ? { messageAttributes: fields.MessageAttributes } : {}),
    ...(trace ? { systemAttributes: { AWSTraceHeader: trace } } : {}),
    ...(fields.MessageGroupId !== undefined ? { messageGroupId: fields.MessageGroupId } : {}),
    ...(fifo && fields.MessageDeduplicationId !== undefined ? { deduplicationId: fields.MessageDeduplicationId } : {}),
  };
}
