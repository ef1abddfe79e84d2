import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const addTagsToStream: KinesisOperation<'AddTagsToStream'> = (engine, input, ctx) => {
  engine.addTags(streamKeyOf(input, ctx), input.Tags);
};
