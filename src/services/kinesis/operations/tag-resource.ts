import { resourceTags } from './resource-tags.js';
import type { KinesisOperation } from './types.js';

export const tagResource: KinesisOperation<'TagResource'> = (engine, input) => {
  resourceTags(engine, input.ResourceARN).add(input.Tags);
};
