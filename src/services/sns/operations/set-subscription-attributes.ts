import type { SnsOperation } from './types.js';

export const setSubscriptionAttributes: SnsOperation<'SetSubscriptionAttributes'> = ({ sns }, input) => {
  sns.setSubscriptionAttribute(input.SubscriptionArn, input.AttributeName, input.AttributeValue ?? '');
};
