import type { SnsOperation } from './types.js';

export const listTagsForResource: SnsOperation<'ListTagsForResource'> = ({ sns }, input) => ({
  Tags: Object.entries(sns.topicTags(input.ResourceArn)).map(([Key, Value]) => ({ Key, Value })),
});
