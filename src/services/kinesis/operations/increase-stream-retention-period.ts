import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const increaseStreamRetentionPeriod: KinesisOperation<'IncreaseStreamRetentionPeriod'> = (engine, input, ctx) => {
  engine.setRetention(streamKeyOf(input, ctx), input.RetentionPeriodHours, 'increase');
};
