import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const decreaseStreamRetentionPeriod: KinesisOperation<StreamTarget & { RetentionPeriodHours: number }> = (engine, input, ctx) => {
  engine.setRetention(streamKeyOf(input, ctx), input.RetentionPeriodHours, 'decrease');
};
