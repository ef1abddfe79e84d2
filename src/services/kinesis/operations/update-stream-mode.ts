import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const updateStreamMode: KinesisOperation<{ StreamARN: string; StreamModeDetails: { StreamMode: 'PROVISIONED' | 'ON_DEMAND' }; WarmThroughputMiBps?: number }> = (engine, input, ctx) => {
  engine.updateStreamMode(streamKeyOf(input, ctx), input.StreamModeDetails.StreamMode, input.WarmThroughputMiBps);
};
