import type { SnsOperation } from './types.js';

export const setSubscriptionAttributes: SnsOperation<{ SubscriptionArn: string; AttributeName: string; AttributeValue?: string }> = ({ sns }, input) => {
  sns.setSubscriptionAttribute(input.SubscriptionArn, input.AttributeName, input.AttributeValue ?? '');
};
