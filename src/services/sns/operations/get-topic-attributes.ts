import { checkTopicArn, type SnsOperation } from './types.js';

export const getTopicAttributes: SnsOperation<'GetTopicAttributes'> = ({ sns }, input, ctx) => ({
  Attributes: sns.getTopicAttributes(checkTopicArn(input.TopicArn, ctx)),
});
