import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const untagQueue: SqsOperation<QueueUrlInput & { TagKeys: string[] }> = (engine, input, ctx) => {
  engine.untagQueue(queueKeyFromUrl(input.QueueUrl, ctx), input.TagKeys);
};
