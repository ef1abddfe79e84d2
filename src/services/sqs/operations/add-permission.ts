import { sqsErrors } from '../errors.js';
import { queueKeyFromUrl } from '../queue-url.js';
import type { SqsOperation } from './types.js';

const LABEL = /^[A-Za-z0-9_-]{1,80}$/;
// The actions AddPermission can grant: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html
const GRANTABLE = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
]);

export const addPermission: SqsOperation<'AddPermission'> = (engine, input, ctx) => {
  if (!LABEL.test(input.Label))
    throw sqsErrors.invalidParameter('Label', input.Label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  if (input.AWSAccountIds.length === 0) throw sqsErrors.missingParameter('AWSAccountIds');
  if (input.Actions.length === 0) throw sqsErrors.missingParameter('Actions');
  for (const action of input.Actions) {
    if (!GRANTABLE.has(action)) throw sqsErrors.invalidParameter('ActionName', action, 'Only the queue owner is allowed to invoke this action.');
  }
  engine.addPermission(queueKeyFromUrl(input.QueueUrl, ctx), input.Label, input.AWSAccountIds, input.Actions);
};
