import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const removeTagsFromStream: KinesisOperation<StreamTarget & { TagKeys: string[] }> = (engine, input, ctx) => {
  engine.removeTags(streamKeyOf(input, ctx), input.TagKeys);
};
