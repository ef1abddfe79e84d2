import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const purgeQueue: SqsOperation<QueueUrlInput> = (engine, input, ctx) => {
  engine.purgeQueue(queueKeyFromUrl(input.QueueUrl, ctx));
};
