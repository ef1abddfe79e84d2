import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

interface SetQueueAttributesInput extends QueueUrlInput {
  Attributes: Record<string, string>;
}

export const setQueueAttributes: SqsOperation<SetQueueAttributesInput> = (engine, input, ctx) => {
  engine.setQueueAttributes(queueKeyFromUrl(input.QueueUrl, ctx), input.Attributes);
};
