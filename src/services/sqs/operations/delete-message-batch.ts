import { queueKeyFromUrl } from '../queue-url.js';
import { batchResult, checkBatchEntries, runEntry } from './batch.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

interface DeleteMessageBatchInput extends QueueUrlInput {
  Entries: { Id: string; ReceiptHandle: string }[];
}

export const deleteMessageBatch: SqsOperation<DeleteMessageBatchInput, ReturnType<typeof batchResult>> = (engine, input, ctx) => {
  checkBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry');
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  engine.getQueue(key);
  const outcomes = input.Entries.map((e) => runEntry(e.Id, () => engine.deleteMessage(key, e.ReceiptHandle)));
  return batchResult(outcomes, (id) => ({ Id: id }));
};
