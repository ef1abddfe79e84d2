import { queueKeyFromUrl } from '../queue-url.js';
import type { QueueUrlInput, SqsOperation } from './types.js';

export const removePermission: SqsOperation<QueueUrlInput & { Label: string }> = (engine, input, ctx) => {
  engine.removePermission(queueKeyFromUrl(input.QueueUrl, ctx), input.Label);
};
