import { sqsErrors } from '../errors.js';
import { MAX_LIST_QUEUES_RESULTS } from '../limits.js';
import { queueKeyFromUrl, queueUrlOf } from '../queue-url.js';
import { decodePageToken, encodePageToken } from '../../../page-token.js';
import type { SqsOperation } from './types.js';

/** The queues whose RedrivePolicy names this one, in name order; pages only with MaxResults, like ListQueues. */
export const listDeadLetterSourceQueues: SqsOperation<'ListDeadLetterSourceQueues'> = (engine, input, ctx) => {
  const max = input.MaxResults;
  if (max !== undefined && (max < 1 || max > MAX_LIST_QUEUES_RESULTS)) {
    throw sqsErrors.invalidParameterValue(
      `Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and ${MAX_LIST_QUEUES_RESULTS}.`,
    );
  }
  const key = queueKeyFromUrl(input.QueueUrl, ctx);
  const limit = max ?? MAX_LIST_QUEUES_RESULTS;
  const after = input.NextToken === undefined ? '' : decodePageToken(input.NextToken, invalidNextToken).after;
  const names = engine.listDeadLetterSourceQueues(key, after, limit + 1);
  const page = names.slice(0, limit);
  const out: { queueUrls: string[]; NextToken?: string } = { queueUrls: page.map((name) => queueUrlOf({ accountId: key.accountId, name }, ctx)) };
  if (max !== undefined && names.length > limit) out.NextToken = encodePageToken({ after: page.at(-1)! });
  return out;
};

const invalidNextToken = () => sqsErrors.invalidParameterValue('Invalid NextToken value.');
