import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const updateStreamMode: KinesisOperation<'UpdateStreamMode'> = (engine, input, ctx) => {
  engine.updateStreamMode(streamKeyOf(input, ctx), input.StreamModeDetails.StreamMode, input.WarmThroughputMiBps);
};
