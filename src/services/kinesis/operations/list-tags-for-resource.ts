import { resourceTags } from './resource-tags.js';
import type { KinesisOperation } from './types.js';

export const listTagsForResource: KinesisOperation<'ListTagsForResource'> = (engine, input) => {
  const tags = resourceTags(engine, input.ResourceARN).get();
  return {
    Tags: Object.keys(tags)
      .sort()
      .map((Key) => ({ Key, Value: tags[Key] })),
  };
};
