import type { RequestContext } from '../../../protocol/service.js';
import { DEFAULT_EFFECTIVE_DELIVERY_POLICY } from '../engine/topic-attributes.js';
import type { Subscription } from '../engine/types.js';
import type { SnsOperation } from './types.js';

export const getSubscriptionAttributes: SnsOperation<'GetSubscriptionAttributes'> = ({ sns }, input, ctx) => {
  const subscription = sns.getSubscription(input.SubscriptionArn);
  return { Attributes: describeSubscription(subscription, ctx) };
};

/** Every attribute GetSubscriptionAttributes reports: the stored ones and the derived ones. */
function describeSubscription(subscription: Subscription, ctx: RequestContext): Record<string, string> {
  const { attributes } = subscription;
  const described: Record<string, string> = {
    ConfirmationWasAuthenticated: String(subscription.confirmationWasAuthenticated),
    Endpoint: subscription.endpoint,
    Owner: subscription.accountId,
    PendingConfirmation: String(subscription.pendingConfirmation),
    Protocol: subscription.protocol,
    RawMessageDelivery: attributes.RawMessageDelivery ?? 'false',
    SubscriptionArn: subscription.arn,
    SubscriptionPrincipal: `arn:aws:iam::${ctx.accountId}:user/wharf`,
    TopicArn: subscription.topicArn,
  };
  for (const name of ['FilterPolicy', 'RedrivePolicy', 'DeliveryPolicy', 'SubscriptionRoleArn', 'ReplayPolicy']) {
    if (attributes[name]) described[name] = attributes[name];
  }
  if (attributes.FilterPolicy) described.FilterPolicyScope = attributes.FilterPolicyScope ?? 'MessageAttributes';
  if (subscription.protocol === 'http' || subscription.protocol === 'https') {
    described.EffectiveDeliveryPolicy = attributes.DeliveryPolicy ?? DEFAULT_EFFECTIVE_DELIVERY_POLICY;
  }
  return described;
}
