import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const updateMaxRecordSize: KinesisOperation<StreamTarget & { MaxRecordSizeInKiB: number }> = (engine, input, ctx) => {
  engine.updateMaxRecordSize(streamKeyOf(input, ctx), input.MaxRecordSizeInKiB);
};
