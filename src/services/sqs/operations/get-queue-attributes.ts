import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

interface GetQueueAttributesInput extends QueueUrlInput {
  AttributeNames?: string[];
}

export const getQueueAttributes: SqsOperation<GetQueueAttributesInput, { Attributes?: Record<string, string> }> = (engine, input, ctx) => {
  const attributes = engine.getQueueAttributes(queueKeyFromUrl(input.QueueUrl, ctx), input.AttributeNames ?? []);
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
};
