import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation, StreamTarget } from './types.js';

export const addTagsToStream: KinesisOperation<StreamTarget & { Tags: Record<string, string> }> = (engine, input, ctx) => {
  engine.addTags(streamKeyOf(input, ctx), input.Tags);
};
