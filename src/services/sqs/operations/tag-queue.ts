import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const tagQueue: SqsOperation<'TagQueue'> = (engine, input, ctx) => {
  engine.tagQueue(queueKeyFromUrl(input.QueueUrl, ctx), input.Tags);
};
