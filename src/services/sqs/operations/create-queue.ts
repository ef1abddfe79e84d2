import { sqsErrors } from '../errors.js';
import { MAX_QUEUE_NAME_LENGTH } from '../limits.js';
import { queueUrlOf } from '../queue-url.js';
import type { SqsOperation } from './types.js';

// The .fifo suffix counts toward the 80 characters.
const QUEUE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_QUEUE_NAME_LENGTH}}$`);
const FIFO_QUEUE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_QUEUE_NAME_LENGTH - 5}}\\.fifo$`);

export const createQueue: SqsOperation<'CreateQueue'> = (engine, input, ctx) => {
  const name = input.QueueName;
  const wantsFifo = input.Attributes?.FifoQueue === 'true';
  if (wantsFifo && !FIFO_QUEUE_NAME.test(name)) {
    throw sqsErrors.invalidParameterValue(
      'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length',
    );
  }
  // A .fifo name without FifoQueue=true is a standard queue's name, and "." is not allowed in one.
  if (!wantsFifo && !QUEUE_NAME.test(name)) {
    throw sqsErrors.invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  const key = { accountId: ctx.accountId, region: ctx.region, name };
  engine.createQueue(key, input.Attributes ?? {}, input.tags ?? {});
  return { QueueUrl: queueUrlOf(key, ctx) };
};
