import type { RequestContext } from '../../../protocol/service.js';
import { sqsErrors } from '../errors.js';
import type { MessageAttribute } from '../engine/message-md5.js';
import type { MessageToSend } from '../engine/types.js';
import { MAX_DELAY_SECONDS } from '../limits.js';

/** The fields SendMessage and a SendMessageBatch entry share. */
export interface SendMessageFields {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttribute>;
  MessageSystemAttributes?: Record<string, MessageAttribute>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

/** Parameter checks of a message to send, then the engine's form of it. */
export function toMessageToSend(fields: SendMessageFields, ctx: RequestContext): MessageToSend {
  if (fields.MessageBody === '') throw sqsErrors.missingParameter('MessageBody');
  const delay = fields.DelaySeconds;
  if (delay !== undefined && (delay < 0 || delay > MAX_DELAY_SECONDS)) {
    throw sqsErrors.invalidParameter('DelaySeconds', delay, `DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`);
  }
  // Deduplication ids belong to FIFO queues (wharf has none yet); group ids are allowed on
  // standard queues since fair queues (2025).
  if (fields.MessageDeduplicationId !== undefined) {
    throw sqsErrors.invalidParameter('MessageDeduplicationId', fields.MessageDeduplicationId, 'The request includes a parameter that is not valid for this queue type.');
  }
  const trace = fields.MessageSystemAttributes?.AWSTraceHeader;
  if (trace && (trace.DataType !== 'String' || !trace.StringValue)) {
    throw sqsErrors.invalidParameterValue("The message system attribute 'AWSTraceHeader' must use the data type 'String' and a non-empty value.");
  }
  return {
    body: fields.MessageBody,
    senderId: ctx.accessKeyId,
    ...(delay !== undefined ? { delaySeconds: delay } : {}),
    ...(fields.MessageAttributes ? { messageAttributes: fields.MessageAttributes } : {}),
    ...(trace ? { systemAttributes: { AWSTraceHeader: trace } } : {}),
    ...(fields.MessageGroupId !== undefined ? { messageGroupId: fields.MessageGroupId } : {}),
  };
}
