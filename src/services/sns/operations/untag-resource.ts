import type { SnsOperation } from './types.js';

export const untagResource: SnsOperation<'UntagResource'> = ({ sns }, input) => {
  sns.untagTopic(input.ResourceArn, input.TagKeys);
  return {};
};
