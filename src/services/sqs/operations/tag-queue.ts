import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const tagQueue: SqsOperation<QueueUrlInput & { Tags: Record<string, string> }> = (engine, input, ctx) => {
  engine.tagQueue(queueKeyFromUrl(input.QueueUrl, ctx), input.Tags);
};
