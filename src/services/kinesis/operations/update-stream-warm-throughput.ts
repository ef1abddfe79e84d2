import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const updateStreamWarmThroughput: KinesisOperation<'UpdateStreamWarmThroughput'> = (engine, input, ctx) => {
  const view = engine.updateWarmThroughput(streamKeyOf(input, ctx), input.WarmThroughputMiBps);
  return { StreamARN: view.arn, StreamName: view.name, WarmThroughput: { TargetMiBps: input.WarmThroughputMiBps, CurrentMiBps: input.WarmThroughputMiBps } };
};
