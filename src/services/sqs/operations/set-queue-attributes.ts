import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const setQueueAttributes: SqsOperation<'SetQueueAttributes'> = (engine, input, ctx) => {
  engine.setQueueAttributes(queueKeyFromUrl(input.QueueUrl, ctx), input.Attributes);
};
