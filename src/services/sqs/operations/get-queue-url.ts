import { queueUrlOf } from '../queue-url.js';
import type { SqsOperation } from './types.js';

interface GetQueueUrlInput {
  QueueName: string;
  QueueOwnerAWSAccountId?: string;
}

export const getQueueUrl: SqsOperation<GetQueueUrlInput, { QueueUrl: string }> = (engine, input, ctx) => {
  const queue = engine.getQueue({ accountId: input.QueueOwnerAWSAccountId ?? ctx.accountId, region: ctx.region, name: input.QueueName });
  return { QueueUrl: queueUrlOf(queue.key, ctx) };
};
