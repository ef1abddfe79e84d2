import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const mergeShards: KinesisOperation<StreamTarget & { ShardToMerge: string; AdjacentShardToMerge: string }> = (engine, input, ctx) => {
  engine.resharding.mergeShards(streamKeyOf(input, ctx), input.ShardToMerge, input.AdjacentShardToMerge);
};
