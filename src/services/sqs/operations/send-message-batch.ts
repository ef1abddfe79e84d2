import { sqsError } from '../errors.js';
import { AwsError } from '../../../errors.js';
import type { BatchOutcome, MessageToSend, SentMessage } from '../engine/types.js';
import { messageSize } from '../engine/message-content.js';
import { MAX_MESSAGE_BYTES } from '../limits.js';
import { queueKeyFromUrl } from '../queue-url.js';
import { batchResult, checkBatchEntries, entryError, runEntry } from './batch.js';
import { checkFifoSend, toMessageToSend } from './message-input.js';
import type { SqsOperation } from './types.js';

export const sendMessageBatch: SqsOperation<'SendMessageBatch'> = (engine, input, ctx) => {
  checkBatchEntries(input.Entries, 'SendMessageBatchRequestEntry');
  const total = input.Entries.reduce((sum, e) => sum + messageSize(e.MessageBody, e.MessageAttributes ?? {}), 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw sqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`);
  }
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  const queue = engine.getQueue(key); // a missing queue fails the whole call
  checkFifoSend(queue, input.Entries, 'batch');
  const prepared = input.Entries.map((entry) =>
    runEntry(entry.Id, () => {
      // Inside a batch an empty body fails only its entry, with its own code (recorded on AWS).
      if (entry.MessageBody === '') throw sqsError('EmptyValue', 'The request must contain the parameter MessageBody.');
      return toMessageToSend(queue, entry, ctx);
    }),
  );
  const valid = prepared.filter((p): p is { id: string; ok: MessageToSend } => 'ok' in p);
  const sent = engine.sendMessageBatch(
    key,
    valid.map((p) => p.ok),
  );
  const sentById = new Map(valid.map((p, i) => [p.id, sent[i]!]));
  const outcomes: BatchOutcome<SentMessage>[] = prepared.map((p) => {
    if (!('ok' in p)) return p;
    const result = sentById.get(p.id)!;
    return result instanceof AwsError ? { id: p.id, error: entryError(result) } : { id: p.id, ok: result };
  });
  return batchResult(outcomes, (id, m) => ({
    Id: id,
    MessageId: m.messageId,
    MD5OfMessageBody: m.md5OfBody,
    MD5OfMessageAttributes: m.md5OfMessageAttributes,
    MD5OfMessageSystemAttributes: m.md5OfSystemAttributes,
    SequenceNumber: m.sequenceNumber,
  }));
};
