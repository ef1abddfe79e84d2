import { streamKeyOf } from './stream-target.js';
import type { KinesisOperation } from './types.js';

/** Tags in key order after ExclusiveStartTagKey; Limit defaults to 100 as kinesalite recorded. */
export const listTagsForStream: KinesisOperation<'ListTagsForStream'> = (engine, input, ctx) => {
  const tags = engine.tagsOf(streamKeyOf(input, ctx));
  const after = input.ExclusiveStartTagKey;
  const keys = Object.keys(tags)
    .sort()
    .filter((k) => after === undefined || k > after);
  const limit = input.Limit ?? 100;
  return { Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: tags[Key] })), HasMoreTags: keys.length > limit };
};
