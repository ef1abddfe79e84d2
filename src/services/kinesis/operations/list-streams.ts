import { kinesisErrors } from '../errors.js';
import { LIST_STREAMS_DEFAULT_LIMIT } from '../limits.js';
import { decodePageToken, encodePageToken } from '../../../page-token.js';
import { streamModeShape } from './output-shapes.js';
import type { KinesisOperation } from './types.js';

/** Names in order, with StreamSummaries; NextToken (and HasMoreStreams) when more remain. */
export const listStreams: KinesisOperation<'ListStreams'> = (engine, input, ctx) => {
  let after = input.ExclusiveStartStreamName ?? '';
  if (input.NextToken !== undefined) {
    after = decodePageToken(input.NextToken, () => kinesisErrors.invalidArgument('Invalid NextToken.')).after;
  }
  const limit = input.Limit ?? LIST_STREAMS_DEFAULT_LIMIT;
  const views = engine.listStreams(ctx.accountId, ctx.region, after, limit);
  const page = views.slice(0, limit);
  const more = views.length > limit;
  return {
    StreamNames: page.map((v) => v.name),
    HasMoreStreams: more,
    ...(more ? { NextToken: encodePageToken({ after: page.at(-1)!.name }) } : {}),
    StreamSummaries: page.map((v) => ({
      StreamName: v.name,
      StreamARN: v.arn,
      StreamStatus: v.status,
      StreamModeDetails: streamModeShape(v),
      StreamCreationTimestamp: new Date(v.createdAtMs),
    })),
  };
};
