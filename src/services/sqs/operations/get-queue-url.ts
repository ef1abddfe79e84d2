import { queueUrlOf } from '../queue-url.js';
import type { SqsOperation } from './types.js';

export const getQueueUrl: SqsOperation<'GetQueueUrl'> = (engine, input, ctx) => {
  const queue = engine.getQueue({ accountId: input.QueueOwnerAWSAccountId ?? ctx.accountId, region: ctx.region, name: input.QueueName });
  return { QueueUrl: queueUrlOf(queue.key, ctx) };
};
