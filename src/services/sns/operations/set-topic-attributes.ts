import { checkTopicArn, type SnsOperation } from './types.js';

export const setTopicAttributes: SnsOperation<'SetTopicAttributes'> = ({ sns }, input, ctx) => {
  sns.setTopicAttribute(checkTopicArn(input.TopicArn, ctx), input.AttributeName, input.AttributeValue ?? '');
};
