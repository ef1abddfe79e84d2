import { sqsErrors } from '../errors.js';
import { MAX_QUEUE_NAME_LENGTH } from '../limits.js';
import { queueUrlOf } from '../queue-url.js';
import type { SqsOperation } from './types.js';

interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

const QUEUE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_QUEUE_NAME_LENGTH}}$`);

export const createQueue: SqsOperation<CreateQueueInput, { QueueUrl: string }> = (engine, input, ctx) => {
  const name = input.QueueName;
  if (name.endsWith('.fifo') || input.Attributes?.FifoQueue === 'true') {
    throw sqsErrors.unsupported('wharf does not support FIFO queues yet.');
  }
  if (!QUEUE_NAME.test(name)) {
    throw sqsErrors.invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  const key = { accountId: ctx.accountId, region: ctx.region, name };
  engine.createQueue(key, input.Attributes ?? {}, input.tags ?? {});
  return { QueueUrl: queueUrlOf(key, ctx) };
};
