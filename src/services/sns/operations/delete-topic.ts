import { checkTopicArn, type SnsOperation } from './types.js';

export const deleteTopic: SnsOperation<'DeleteTopic'> = ({ sns }, input, ctx) => {
  sns.deleteTopic(checkTopicArn(input.TopicArn, ctx));
};
