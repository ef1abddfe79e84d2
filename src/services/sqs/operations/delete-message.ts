import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const deleteMessage: SqsOperation<'DeleteMessage'> = (engine, input, ctx) => {
  engine.deleteMessage(queueKeyFromUrl(input.QueueUrl, ctx), input.ReceiptHandle);
};
