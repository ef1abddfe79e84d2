import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const splitShard: KinesisOperation<'SplitShard'> = (engine, input, ctx) => {
  engine.resharding.splitShard(streamKeyOf(input, ctx), input.ShardToSplit, input.NewStartingHashKey);
};
