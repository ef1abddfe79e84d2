import { checkTopicArn, type SnsOperation } from './types.js';

export const setTopicAttributes: SnsOperation<{ TopicArn: string; AttributeName: string; AttributeValue?: string }> = ({ sns }, input, ctx) => {
  sns.setTopicAttribute(checkTopicArn(input.TopicArn, ctx), input.AttributeName, input.AttributeValue ?? '');
};
