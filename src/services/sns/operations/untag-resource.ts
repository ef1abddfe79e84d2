import type { SnsOperation } from './types.js';

export const untagResource: SnsOperation<{ ResourceArn: string; TagKeys: string[] }, object> = ({ sns }, input) => {
  sns.untagTopic(input.ResourceArn, input.TagKeys);
  return {};
};
