import type { Message } from '../../../generated/sqs.js';
import { sqsErrors } from '../errors.js';
import { MAX_RECEIVE_MESSAGES, MAX_RECEIVE_WAIT_SECONDS, MAX_VISIBILITY_TIMEOUT_SECONDS } from '../limits.js';
import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';
import type { ReceivedMessage } from '../engine/types.js';

export const receiveMessage: SqsOperation<'ReceiveMessage'> = async (engine, input, ctx) => {
  const max = input.MaxNumberOfMessages ?? 1;
  if (max < 1 || max > MAX_RECEIVE_MESSAGES) {
    throw sqsErrors.invalidParameter('MaxNumberOfMessages', max, `Must be between 1 and ${MAX_RECEIVE_MESSAGES}, if provided.`);
  }
  const visibility = input.VisibilityTimeout;
  if (visibility !== undefined && (visibility < 0 || visibility > MAX_VISIBILITY_TIMEOUT_SECONDS)) {
    throw sqsErrors.invalidParameter('VisibilityTimeout', visibility, `Must be between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}, if provided.`);
  }
  const wait = input.WaitTimeSeconds;
  if (wait !== undefined && (wait < 0 || wait > MAX_RECEIVE_WAIT_SECONDS)) {
    throw sqsErrors.invalidParameter('WaitTimeSeconds', wait, `Must be >= 0 and <= ${MAX_RECEIVE_WAIT_SECONDS}, if provided.`);
  }
  const messages = await engine.receiveMessages(queueKeyFromUrl(input.QueueUrl, ctx), {
    maxMessages: max,
    ...(visibility !== undefined ? { visibilityTimeoutSeconds: visibility } : {}),
    ...(wait !== undefined ? { waitTimeSeconds: wait } : {}),
    systemAttributeNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
    messageAttributeNames: input.MessageAttributeNames ?? [],
    ...(input.ReceiveRequestAttemptId !== undefined ? { receiveRequestAttemptId: input.ReceiveRequestAttemptId } : {}),
    signal: ctx.signal,
  });
  return messages.length > 0 ? { Messages: messages.map(toWire) } : {};
};

function toWire(m: ReceivedMessage): Message {
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    Attributes: m.attributes,
    MD5OfMessageAttributes: m.md5OfMessageAttributes,
    MessageAttributes: m.messageAttributes,
  };
}
