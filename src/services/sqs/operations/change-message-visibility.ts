import { sqsErrors } from '../errors.js';
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from '../limits.js';
import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export function checkVisibilityTimeout(seconds: number): void {
  if (seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw sqsErrors.invalidParameter('VisibilityTimeout', seconds, `Must be between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}.`);
  }
}

export const changeMessageVisibility: SqsOperation<'ChangeMessageVisibility'> = (engine, input, ctx) => {
  checkVisibilityTimeout(input.VisibilityTimeout);
  engine.changeMessageVisibility(queueKeyFromUrl(input.QueueUrl, ctx), input.ReceiptHandle, input.VisibilityTimeout);
};
