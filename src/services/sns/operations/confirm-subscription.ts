import { parseArn } from '../../../arn.js';
import { snsErrors } from '../errors.js';
import type { SnsOperation } from './types.js';

export const confirmSubscription: SnsOperation<'ConfirmSubscription'> = ({ sns }, input) => {
  const parsed = parseArn(input.TopicArn);
  if (parsed?.service !== 'sns') throw snsErrors.invalidParameter('Topic');
  return { SubscriptionArn: sns.confirmSubscription(input.TopicArn, input.Token, input.AuthenticateOnUnsubscribe === 'true') };
};
