import { LIST_PAGE_SIZE } from '../limits.js';
import { afterId, subscriptionPage } from './subscription-page.js';
import { checkTopicArn, type SnsOperation } from './types.js';

export const listSubscriptionsByTopic: SnsOperation<'ListSubscriptionsByTopic'> = ({ sns }, input, ctx) =>
  subscriptionPage(sns.listSubscriptionsByTopic(checkTopicArn(input.TopicArn, ctx), afterId(input.NextToken), LIST_PAGE_SIZE + 1));
