import { queueKeyFromUrl } from '../queue-url.js';
import { batchResult, checkBatchEntries, runEntry } from './batch.js';
import type { SqsOperation } from './types.js';

export const deleteMessageBatch: SqsOperation<'DeleteMessageBatch'> = (engine, input, ctx) => {
  checkBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry');
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  engine.getQueue(key);
  const outcomes = input.Entries.map((e) => runEntry(e.Id, () => engine.deleteMessage(key, e.ReceiptHandle)));
  return batchResult(outcomes, (id) => ({ Id: id }));
};
