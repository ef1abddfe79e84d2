import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const deleteMessage: SqsOperation<QueueUrlInput & { ReceiptHandle: string }> = (engine, input, ctx) => {
  engine.deleteMessage(queueKeyFromUrl(input.QueueUrl, ctx), input.ReceiptHandle);
};
