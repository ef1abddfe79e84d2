import type { SnsOperation, Tag } from './types.js';

export const listTagsForResource: SnsOperation<{ ResourceArn: string }, { Tags: Tag[] }> = ({ sns }, input) => ({
  Tags: Object.entries(sns.topicTags(input.ResourceArn)).map(([Key, Value]) => ({ Key, Value })),
});
