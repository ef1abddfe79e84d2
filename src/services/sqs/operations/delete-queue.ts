import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const deleteQueue: SqsOperation<QueueUrlInput> = (engine, input, ctx) => {
  engine.deleteQueue(queueKeyFromUrl(input.QueueUrl, ctx));
};
