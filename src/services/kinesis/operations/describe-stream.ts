import { DESCRIBE_STREAM_DEFAULT_LIMIT } from '../limits.js';
import { streamDescriptionShape } from './output-shapes.js';
import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** Shards page by ExclusiveStartShardId and Limit (100 by default), with HasMoreShards. */
export const describeStream: KinesisOperation<'DescribeStream'> = (engine, input, ctx) => {
  const view = engine.describeStream(streamKeyOf(input, ctx));
  const after = input.ExclusiveStartShardId;
  const remaining = after === undefined ? view.shards : view.shards.filter((s) => s.shardId > after);
  const limit = input.Limit ?? DESCRIBE_STREAM_DEFAULT_LIMIT;
  return { StreamDescription: streamDescriptionShape(view, remaining.slice(0, limit), remaining.length > limit) };
};
