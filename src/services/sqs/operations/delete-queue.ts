import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const deleteQueue: SqsOperation<'DeleteQueue'> = (engine, input, ctx) => {
  engine.deleteQueue(queueKeyFromUrl(input.QueueUrl, ctx));
};
