import { tagMap, type SnsOperation } from './types.js';

export const tagResource: SnsOperation<'TagResource'> = ({ sns }, input) => {
  sns.tagTopic(input.ResourceArn, tagMap(input.Tags));
  return {};
};
