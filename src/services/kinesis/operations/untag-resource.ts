import { resourceTags } from './resource-tags.js';
import type { KinesisOperation } from './types.js';

export const untagResource: KinesisOperation<'UntagResource'> = (engine, input) => {
  resourceTags(engine, input.ResourceARN).remove(input.TagKeys);
};
