import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const updateMaxRecordSize: KinesisOperation<'UpdateMaxRecordSize'> = (engine, input, ctx) => {
  engine.updateMaxRecordSize(streamKeyOf(input, ctx), input.MaxRecordSizeInKiB);
};
