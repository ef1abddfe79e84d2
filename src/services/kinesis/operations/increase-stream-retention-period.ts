import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const increaseStreamRetentionPeriod: KinesisOperation<StreamTarget & { RetentionPeriodHours: number }> = (engine, input, ctx) => {
  engine.setRetention(streamKeyOf(input, ctx), input.RetentionPeriodHours, 'increase');
};
