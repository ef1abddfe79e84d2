import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const mergeShards: KinesisOperation<'MergeShards'> = (engine, input, ctx) => {
  engine.resharding.mergeShards(streamKeyOf(input, ctx), input.ShardToMerge, input.AdjacentShardToMerge);
};
