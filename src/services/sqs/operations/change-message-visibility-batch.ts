import { queueKeyFromUrl } from '../queue-url.js';
import { batchResult, checkBatchEntries, runEntry } from './batch.js';
import { checkVisibilityTimeout, type VisibilityChange } from './change-message-visibility.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

interface ChangeMessageVisibilityBatchInput extends QueueUrlInput {
  Entries: (VisibilityChange & { Id: string })[];
}

export const changeMessageVisibilityBatch: SqsOperation<ChangeMessageVisibilityBatchInput, ReturnType<typeof batchResult>> = (engine, input, ctx) => {
  checkBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  engine.getQueue(key);
  const outcomes = input.Entries.map((e) =>
    runEntry(e.Id, () => {
      checkVisibilityTimeout(e.VisibilityTimeout);
      engine.changeMessageVisibility(key, e.ReceiptHandle, e.VisibilityTimeout);
    }),
  );
  return batchResult(outcomes, (id) => ({ Id: id }));
};
