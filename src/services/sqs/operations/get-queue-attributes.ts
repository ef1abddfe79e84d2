import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const getQueueAttributes: SqsOperation<'GetQueueAttributes'> = (engine, input, ctx) => {
  const attributes = engine.getQueueAttributes(queueKeyFromUrl(input.QueueUrl, ctx), input.AttributeNames ?? []);
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
};
