import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const removePermission: SqsOperation<'RemovePermission'> = (engine, input, ctx) => {
  engine.removePermission(queueKeyFromUrl(input.QueueUrl, ctx), input.Label);
};
