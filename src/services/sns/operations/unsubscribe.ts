import { snsErrors } from '../errors.js';
import type { SnsOperation } from './types.js';

export const unsubscribe: SnsOperation<'Unsubscribe'> = ({ sns }, input, ctx) => {
  const parts = input.SubscriptionArn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw snsErrors.invalidParameter(`SubscriptionArn Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  }
  if (parts.length !== 7) throw snsErrors.invalidParameter('SubscriptionId');
  sns.unsubscribe(input.SubscriptionArn, { baseUrl: ctx.baseUrl });
};
