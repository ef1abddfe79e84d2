import { topicArnOf } from '../arn.js';
import { logOutcome, type Outcome } from './apply-queues.js';
import { changedAttributes, changedTags } from './attribute-diff.js';
import type { CallSite, InitContext } from './invoker.js';
import type { SubscriptionPlan, TopicPlan } from './plan.js';

/** A standard topic does not report FifoTopic. */
const TOPIC_DEFAULTS = { FifoTopic: 'false' };
/** What GetSubscriptionAttributes reports for attributes never set (FilterPolicyScope only once a FilterPolicy is set). */
const SUBSCRIPTION_DEFAULTS = { RawMessageDelivery: 'false', FilterPolicyScope: 'MessageAttributes' };

interface SubscriptionSummary {
  SubscriptionArn: string;
  Protocol: string;
  Endpoint: string;
}

/**
 * Creates each topic and its subscriptions, or brings existing ones to the file's attributes
 * and tags as SetTopicAttributes, TagResource and SetSubscriptionAttributes would. Queues are
 * applied first, so a subscription finds its queue.
 */
export async function applyTopics(init: InitContext, topics: readonly TopicPlan[]): Promise<{ topics: Outcome[]; subscriptions: Outcome[] }> {
  const outcomes = { topics: [] as Outcome[], subscriptions: [] as Outcome[] };
  for (const topic of topics) {
    const ensured = await init.attempt(() => ensureTopic(init, topic));
    if (!ensured) continue;
    const { arn, outcome, changes } = ensured;
    logOutcome(init, 'topic', topic.name, arn, { outcome, changes });
    outcomes.topics.push(outcome);
    const existing = outcome === 'created' ? [] : await subscriptionsOf(init, topic, arn);
    for (const subscription of topic.subscriptions) {
      const state = await init.attempt(() => ensureSubscription(init, topic, arn, subscription, existing));
      if (!state) continue;
      logOutcome(init, 'subscription', `${topic.name} → ${subscription.label}`, state.arn, state);
      outcomes.subscriptions.push(state.outcome);
    }
  }
  return outcomes;
}

async function ensureTopic(init: InitContext, topic: TopicPlan): Promise<{ arn: string; outcome: Outcome; changes: string[] }> {
  const at: CallSite = { owner: topic.owner, path: topic.path, fields: topic.fields };
  const arn = topicArnOf({ ...topic.owner, name: topic.name });
  const found = await init.find<{ Attributes?: Record<string, string> }>('sns', 'GetTopicAttributes', { TopicArn: arn }, at, 'NotFoundException');
  if (!found) {
    const tags = Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value }));
    const created = await init.call<{ TopicArn: string }>(
      'sns',
      'CreateTopic',
      { Name: topic.name, Attributes: topic.attributes, ...(tags.length > 0 ? { Tags: tags } : {}) },
      at,
    );
    return { arn: created.TopicArn, outcome: 'created', changes: [] };
  }
  const changes: string[] = [];
  for (const [AttributeName, AttributeValue] of Object.entries(changedAttributes(found.Attributes ?? {}, topic.attributes, TOPIC_DEFAULTS))) {
    await init.call('sns', 'SetTopicAttributes', { TopicArn: arn, AttributeName, AttributeValue }, at);
    changes.push(AttributeName);
  }
  const { Tags: current = [] } = await init.call<{ Tags?: { Key: string; Value: string }[] }>('sns', 'ListTagsForResource', { ResourceArn: arn }, at);
  const tags = changedTags(Object.fromEntries(current.map((t) => [t.Key, t.Value])), topic.tags);
  if (Object.keys(tags).length > 0) {
    await init.call('sns', 'TagResource', { ResourceArn: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }, at);
    changes.push('tags');
  }
  return { arn, outcome: changes.length > 0 ? 'updated' : 'unchanged', changes };
}

async function subscriptionsOf(init: InitContext, topic: TopicPlan, arn: string): Promise<SubscriptionSummary[]> {
  const all: SubscriptionSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await init.call<{ Subscriptions?: SubscriptionSummary[]; NextToken?: string }>(
      'sns',
      'ListSubscriptionsByTopic',
      { TopicArn: arn, ...(NextToken ? { NextToken } : {}) },
      { owner: topic.owner, path: topic.path },
    );
    all.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

async function ensureSubscription(
  init: InitContext,
  topic: TopicPlan,
  topicArn: string,
  subscription: SubscriptionPlan,
  existing: readonly SubscriptionSummary[],
): Promise<{ arn: string; outcome: Outcome; changes: string[] }> {
  const at: CallSite = { owner: topic.owner, path: subscription.path, fields: subscription.fields };
  const same = existing.find((s) => s.Protocol === subscription.protocol && s.Endpoint === subscription.endpoint);
  // A subscription still waiting for confirmation has no ARN to read attributes with; Subscribe
  // again answers it when its attributes are the same (and refuses otherwise, as AWS does).
  if (!same || same.SubscriptionArn === 'PendingConfirmation') {
    const input = {
      TopicArn: topicArn,
      Protocol: subscription.protocol,
      Endpoint: subscription.endpoint,
      Attributes: subscription.attributes,
      ReturnSubscriptionArn: true,
    };
    const { SubscriptionArn } = await init.call<{ SubscriptionArn: string }>('sns', 'Subscribe', input, at);
    return { arn: SubscriptionArn, outcome: same ? 'unchanged' : 'created', changes: [] };
  }
  const { Attributes: current = {} } = await init.call<{ Attributes?: Record<string, string> }>(
    'sns',
    'GetSubscriptionAttributes',
    { SubscriptionArn: same.SubscriptionArn },
    at,
  );
  const changed = changedAttributes(current, subscription.attributes, SUBSCRIPTION_DEFAULTS);
  for (const AttributeName of settingOrder(changed)) {
    await init.call('sns', 'SetSubscriptionAttributes', { SubscriptionArn: same.SubscriptionArn, AttributeName, AttributeValue: changed[AttributeName] }, at);
  }
  return { arn: same.SubscriptionArn, outcome: Object.keys(changed).length > 0 ? 'updated' : 'unchanged', changes: Object.keys(changed) };
}

/**
 * A policy with nested keys is valid only in MessageBody scope, and SNS checks the stored policy
 * when the scope changes: moving to MessageBody, the scope goes first; moving away, the policy.
 */
function settingOrder(changed: Record<string, string>): string[] {
  const names = Object.keys(changed);
  if (!('FilterPolicy' in changed) || !('FilterPolicyScope' in changed)) return names;
  const rest = names.filter((n) => n !== 'FilterPolicy' && n !== 'FilterPolicyScope');
  return changed.FilterPolicyScope === 'MessageBody' ? ['FilterPolicyScope', 'FilterPolicy', ...rest] : ['FilterPolicy', 'FilterPolicyScope', ...rest];
}
