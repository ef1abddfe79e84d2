import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const listQueueTags: SqsOperation<QueueUrlInput, { Tags?: Record<string, string> }> = (engine, input, ctx) => {
  const { tags } = engine.getQueue(queueKeyFromUrl(input.QueueUrl, ctx));
  return Object.keys(tags).length > 0 ? { Tags: tags } : {};
};
