import { LIST_PAGE_SIZE } from '../limits.js';
import { afterId, subscriptionPage } from './subscription-page.js';
import { ownerOf, type SnsOperation } from './types.js';

export const listSubscriptions: SnsOperation<'ListSubscriptions'> = ({ sns }, input, ctx) =>
  subscriptionPage(sns.listSubscriptions(ownerOf(ctx), afterId(input.NextToken), LIST_PAGE_SIZE + 1));
