import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const deleteStream: KinesisOperation<StreamTarget & { EnforceConsumerDeletion?: boolean }> = (engine, input, ctx) => {
  engine.deleteStream(streamKeyOf(input, ctx), input.EnforceConsumerDeletion ?? false);
};
