import { resourceTags } from './resource-tags.js';
import type { KinesisOperation } from './types.js';

export const untagResource: KinesisOperation<{ ResourceARN: string; TagKeys: string[] }> = (engine, input) => {
  resourceTags(engine, input.ResourceARN).remove(input.TagKeys);
};
