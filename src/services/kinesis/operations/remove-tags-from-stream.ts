import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

export const removeTagsFromStream: KinesisOperation<'RemoveTagsFromStream'> = (engine, input, ctx) => {
  engine.removeTags(streamKeyOf(input, ctx), input.TagKeys);
};
