import { sqsErrors } from '../errors.js';
import { queueKeyFromUrl } from '../queue-url.js';
import { batchResult, checkBatchEntries, runEntry } from './batch.js';
import { checkVisibilityTimeout } from './change-message-visibility.js';
import type { SqsOperation } from './types.js';

export const changeMessageVisibilityBatch: SqsOperation<'ChangeMessageVisibilityBatch'> = (engine, input, ctx) => {
  checkBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  engine.getQueue(key);
  const outcomes = input.Entries.map((e) =>
    runEntry(e.Id, () => {
      // The model leaves an entry's VisibilityTimeout optional; the change needs one (AWS's answer unverified).
      if (e.VisibilityTimeout === undefined) throw sqsErrors.missingParameter('VisibilityTimeout');
      checkVisibilityTimeout(e.VisibilityTimeout);
      engine.changeMessageVisibility(key, e.ReceiptHandle, e.VisibilityTimeout);
    }),
  );
  return batchResult(outcomes, (id) => ({ Id: id }));
};
