import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const updateShardCount: KinesisOperation<'UpdateShardCount'> = (engine, input, ctx) => {
  const key = streamKeyOf(input, ctx);
  const { current } = engine.resharding.updateShardCount(key, input.TargetShardCount);
  const view = engine.describeStream(key);
  return { StreamName: view.name, StreamARN: view.arn, CurrentShardCount: current, TargetShardCount: input.TargetShardCount };
};
