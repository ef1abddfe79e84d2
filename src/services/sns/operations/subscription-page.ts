import { encodePageToken } from '../../../page-token.js';
import type { Subscription } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { LIST_PAGE_SIZE } from '../limits.js';
import { pageAfter } from './types.js';

export interface SubscriptionSummary {
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

export interface SubscriptionPage {
  Subscriptions: SubscriptionSummary[];
  NextToken?: string;
}

/** One page of a subscription list: `subscriptions` holds one more than a page when another follows. */
export function subscriptionPage(subscriptions: Subscription[]): SubscriptionPage {
  const shown = subscriptions.slice(0, LIST_PAGE_SIZE);
  return {
    Subscriptions: shown.map(summary),
    ...(subscriptions.length > LIST_PAGE_SIZE ? { NextToken: encodePageToken({ after: String(shown.at(-1)!.id) }) } : {}),
  };
}

/** The subscription id a page token continues after (0 for the first page). */
export function afterId(token: string | undefined): number {
  const decoded = pageAfter(token);
  if (decoded === '') return 0;
  if (!/^\d+$/.test(decoded)) throw snsErrors.invalidParameter('NextToken');
  return Number(decoded);
}
