import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const deleteStream: KinesisOperation<'DeleteStream'> = (engine, input, ctx) => {
  engine.deleteStream(streamKeyOf(input, ctx), input.EnforceConsumerDeletion ?? false);
};
