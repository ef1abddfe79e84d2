import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const untagQueue: SqsOperation<'UntagQueue'> = (engine, input, ctx) => {
  engine.untagQueue(queueKeyFromUrl(input.QueueUrl, ctx), input.TagKeys);
};
