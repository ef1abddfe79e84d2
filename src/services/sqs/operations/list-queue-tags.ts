import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const listQueueTags: SqsOperation<'ListQueueTags'> = (engine, input, ctx) => {
  const { tags } = engine.getQueue(queueKeyFromUrl(input.QueueUrl, ctx));
  return Object.keys(tags).length > 0 ? { Tags: tags } : {};
};
