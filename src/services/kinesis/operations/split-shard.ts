import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const splitShard: KinesisOperation<StreamTarget & { ShardToSplit: string; NewStartingHashKey: string }> = (engine, input, ctx) => {
  engine.resharding.splitShard(streamKeyOf(input, ctx), input.ShardToSplit, input.NewStartingHashKey);
};
