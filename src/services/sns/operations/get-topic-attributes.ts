import { checkTopicArn, type SnsOperation } from './types.js';

export const getTopicAttributes: SnsOperation<{ TopicArn: string }, { Attributes: Record<string, string> }> = ({ sns }, input, ctx) => ({
  Attributes: sns.getTopicAttributes(checkTopicArn(input.TopicArn, ctx)),
});
