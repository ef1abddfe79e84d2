import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const decreaseStreamRetentionPeriod: KinesisOperation<'DecreaseStreamRetentionPeriod'> = (engine, input, ctx) => {
  engine.setRetention(streamKeyOf(input, ctx), input.RetentionPeriodHours, 'decrease');
};
