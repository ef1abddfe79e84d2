import { encodePageToken } from '../../../page-token.js';
import { parseArn } from '../../../arn.js';
import { AwsError } from '../../../errors.js';
import type { RequestContext } from '../../../protocol/service.js';
import { DEFAULT_EFFECTIVE_DELIVERY_POLICY } from '../engine/topic-attributes.js';
import type { Protocol, Subscription } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { checkTopicArn, pageAfter, ownerOf, PAGE_SIZE, type SnsOperation } from './types.js';

const PROTOCOLS = new Set<Protocol>(['sqs', 'http', 'https', 'lambda', 'email', 'email-json', 'sms', 'application', 'firehose']);
const E164 = /^\+\d{1,15}$/;

interface SubscribeInput {
  TopicArn: string;
  Protocol: string;
  Endpoint?: string;
  Attributes?: Record<string, string>;
  ReturnSubscriptionArn?: boolean;
}

export const subscribe: SnsOperation<SubscribeInput, { SubscriptionArn: string }> = ({ sns }, input, ctx) => {
  const topicArn = checkTopicArn(input.TopicArn, ctx);
  const protocol = input.Protocol as Protocol;
  if (!PROTOCOLS.has(protocol)) throw snsErrors.invalidParameter(`Amazon SNS does not support this protocol string: ${input.Protocol}`);
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(protocol, endpoint);
  const fifoTopic = topicArn.endsWith('.fifo');
  if (protocol === 'sqs' && endpoint.endsWith('.fifo') && !fifoTopic) {
    // Recorded against AWS (LocalStack snapshot), "Invalid parameter" twice included.
    throw snsErrors.invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
  }
  if (fifoTopic && protocol !== 'sqs') {
    // Unverified against AWS: the exact wording.
    throw snsErrors.invalidParameter(`Invalid protocol type: ${protocol}`);
  }
  const subscription = sns.subscribe(topicArn, protocol, endpoint, input.Attributes ?? {}, ownerOf(ctx), { baseUrl: ctx.baseUrl });
  if (subscription.pendingConfirmation && !input.ReturnSubscriptionArn) return { SubscriptionArn: 'pending confirmation' };
  return { SubscriptionArn: subscription.arn };
};

/** AWS's rules for each protocol's endpoint. Messages marked † are unverified against AWS. */
function checkEndpoint(protocol: Protocol, endpoint: string): void {
  const arn = parseArn(endpoint);
  switch (protocol) {
    case 'http':
    case 'https':
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`)) throw snsErrors.invalidParameter('Endpoint must match the specified protocol');
      return;
    case 'sqs':
      if (arn?.service !== 'sqs') throw snsErrors.invalidParameter('SQS endpoint ARN');
      return;
    case 'lambda':
      if (arn?.service !== 'lambda') throw snsErrors.invalidParameter('Lambda endpoint ARN'); // †
      return;
    case 'firehose':
      if (arn?.service !== 'firehose') throw snsErrors.invalidParameter('Firehose endpoint ARN'); // †
      return;
    case 'application':
      if (arn?.service !== 'sns' || !arn.resource.startsWith('endpoint/')) throw snsErrors.invalidParameter('ApplicationEndpoint ARN');
      return;
    case 'sms':
      if (!E164.test(endpoint.replace(/[\s()-]/g, ''))) throw new AwsError('InvalidParameterException', `Invalid SMS endpoint: ${endpoint}`);
      return;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw snsErrors.invalidParameter('Email address'); // †
      return;
  }
}

export const confirmSubscription: SnsOperation<{ TopicArn: string; Token: string; AuthenticateOnUnsubscribe?: string }, { SubscriptionArn: string }> = (
  { sns },
  input,
) => {
  const parsed = parseArn(input.TopicArn);
  if (!parsed || parsed.service !== 'sns') throw snsErrors.invalidParameter('Topic');
  return { SubscriptionArn: sns.confirmSubscription(input.TopicArn, input.Token, input.AuthenticateOnUnsubscribe === 'true') };
};

export const unsubscribe: SnsOperation<{ SubscriptionArn: string }> = ({ sns }, input, ctx) => {
  const parts = input.SubscriptionArn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw snsErrors.invalidParameter(`SubscriptionArn Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  }
  if (parts.length !== 7) throw snsErrors.invalidParameter('SubscriptionId');
  sns.unsubscribe(input.SubscriptionArn, { baseUrl: ctx.baseUrl });
};

interface SubscriptionSummary {
  SubscriptionArn: string;
  Owner: string;
  Protocol: string;
  Endpoint: string;
  TopicArn: string;
}

/** Lists show an unconfirmed subscription's ARN as "PendingConfirmation", as AWS does. */
function summary(subscription: Subscription): SubscriptionSummary {
  return {
    SubscriptionArn: subscription.pendingConfirmation ? 'PendingConfirmation' : subscription.arn,
    Owner: subscription.accountId,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

function page(subscriptions: Subscription[]): { Subscriptions: SubscriptionSummary[]; NextToken?: string } {
  const shown = subscriptions.slice(0, PAGE_SIZE);
  return { Subscriptions: shown.map(summary), ...(subscriptions.length > PAGE_SIZE ? { NextToken: encodePageToken({ after: String(shown.at(-1)!.id) }) } : {}) };
}

function afterId(token: string | undefined): number {
  const decoded = pageAfter(token);
  if (decoded === '') return 0;
  if (!/^\d+$/.test(decoded)) throw snsErrors.invalidParameter('NextToken');
  return Number(decoded);
}

export const listSubscriptions: SnsOperation<{ NextToken?: string }, ReturnType<typeof page>> = ({ sns }, input, ctx) =>
  page(sns.listSubscriptions(ownerOf(ctx), afterId(input.NextToken), PAGE_SIZE + 1));

export const listSubscriptionsByTopic: SnsOperation<{ TopicArn: string; NextToken?: string }, ReturnType<typeof page>> = ({ sns }, input, ctx) =>
  page(sns.listSubscriptionsByTopic(checkTopicArn(input.TopicArn, ctx), afterId(input.NextToken), PAGE_SIZE + 1));

export const getSubscriptionAttributes: SnsOperation<{ SubscriptionArn: string }, { Attributes: Record<string, string> }> = ({ sns }, input, ctx) => {
  const subscription = sns.getSubscription(input.SubscriptionArn);
  return { Attributes: describeSubscription(subscription, ctx) };
};

export const setSubscriptionAttributes: SnsOperation<{ SubscriptionArn: string; AttributeName: string; AttributeValue?: string }> = ({ sns }, input) => {
  sns.setSubscriptionAttribute(input.SubscriptionArn, input.AttributeName, input.AttributeValue ?? '');
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
