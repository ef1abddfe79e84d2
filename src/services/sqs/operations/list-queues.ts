import { sqsErrors } from '../errors.js';
import { MAX_LIST_QUEUES_RESULTS } from '../limits.js';
import { queueUrlOf } from '../queue-url.js';
import { decodePageToken, encodePageToken } from '../../../page-token.js';
import type { SqsOperation } from './types.js';

/** Pages through queue names in name order; the token carries the last name returned. */
export const listQueues: SqsOperation<'ListQueues'> = (engine, input, ctx) => {
  const max = input.MaxResults;
  if (max !== undefined && (max < 1 || max > MAX_LIST_QUEUES_RESULTS)) {
    throw sqsErrors.invalidParameterValue(
      `Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and ${MAX_LIST_QUEUES_RESULTS}.`,
    );
  }
  const after = input.NextToken === undefined ? '' : decodePageToken(input.NextToken, invalidNextToken).after;
  const limit = max ?? MAX_LIST_QUEUES_RESULTS;
  const names = engine.listQueues(ctx.accountId, ctx.region, input.QueueNamePrefix ?? '', after, limit + 1);
  const page = names.slice(0, limit);
  const out: { QueueUrls?: string[]; NextToken?: string } = {};
  if (page.length > 0) out.QueueUrls = page.map((name) => queueUrlOf({ accountId: ctx.accountId, name }, ctx));
  // AWS only pages when the caller asked for MaxResults.
  if (max !== undefined && names.length > limit) out.NextToken = encodePageToken({ after: page.at(-1)! });
  return out;
};

const invalidNextToken = () => sqsErrors.invalidParameterValue('Invalid NextToken value.');
