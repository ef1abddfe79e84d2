import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const purgeQueue: SqsOperation<'PurgeQueue'> = (engine, input, ctx) => {
  engine.purgeQueue(queueKeyFromUrl(input.QueueUrl, ctx));
};
