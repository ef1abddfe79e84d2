import { tagMap, type SnsOperation, type Tag } from './types.js';

export const tagResource: SnsOperation<{ ResourceArn: string; Tags: Tag[] }, object> = ({ sns }, input) => {
  sns.tagTopic(input.ResourceArn, tagMap(input.Tags));
  return {};
};
