import { encodePageToken } from '../../../page-token.js';
import { accountRootArn } from '../../../arn.js';
import { AwsError } from '../../../errors.js';
import { MAX_TAGS } from '../engine/sns-engine.js';
import { snsErrors } from '../errors.js';
import { checkTopicArn, pageAfter, ownerOf, PAGE_SIZE, tagMap, type SnsOperation } from './types.js';

/** Topic names: up to 256 letters, digits, hyphens and underscores; a FIFO topic's ends in .fifo. */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

interface Tag {
  Key: string;
  Value: string;
}

export const createTopic: SnsOperation<{ Name: string; Attributes?: Record<string, string>; Tags?: Tag[]; DataProtectionPolicy?: string }, { TopicArn: string }> = (
  { sns },
  input,
  ctx,
) => {
  const attributes = { ...input.Attributes };
  const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
  if (fifo) {
    attributes.FifoTopic = 'true';
    if (!FIFO_TOPIC_NAME.test(input.Name)) {
      throw snsErrors.invalidParameter(
        'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
      );
    }
  } else {
    // AWS does not keep an explicit FifoTopic=false.
    delete attributes.FifoTopic;
    if (!TOPIC_NAME.test(input.Name)) throw snsErrors.invalidParameter('Topic Name');
  }
  const tags = tagMap(input.Tags);
  if (Object.keys(tags).length > MAX_TAGS) throw tagQuota();
  const topicArn = sns.createTopic(ownerOf(ctx), input.Name, attributes, tags);
  if (input.DataProtectionPolicy !== undefined) sns.setDataProtectionPolicy(topicArn, input.DataProtectionPolicy);
  return { TopicArn: topicArn };
};

export const deleteTopic: SnsOperation<{ TopicArn: string }> = ({ sns }, input, ctx) => {
  sns.deleteTopic(checkTopicArn(input.TopicArn, ctx));
};

export const listTopics: SnsOperation<{ NextToken?: string }, { Topics: { TopicArn: string }[]; NextToken?: string }> = ({ sns }, input, ctx) => {
  const arns = sns.listTopics(ownerOf(ctx), pageAfter(input.NextToken), PAGE_SIZE + 1);
  const page = arns.slice(0, PAGE_SIZE);
  return { Topics: page.map((arn) => ({ TopicArn: arn })), ...(arns.length > PAGE_SIZE ? { NextToken: encodePageToken({ after: page.at(-1)! }) } : {}) };
};

export const getTopicAttributes: SnsOperation<{ TopicArn: string }, { Attributes: Record<string, string> }> = ({ sns }, input, ctx) => ({
  Attributes: sns.getTopicAttributes(checkTopicArn(input.TopicArn, ctx)),
});

export const setTopicAttributes: SnsOperation<{ TopicArn: string; AttributeName: string; AttributeValue?: string }> = ({ sns }, input, ctx) => {
  sns.setTopicAttribute(checkTopicArn(input.TopicArn, ctx), input.AttributeName, input.AttributeValue ?? '');
};

/** The actions AddPermission may grant. */
const POLICY_ACTIONS = new Set([
  'GetTopicAttributes',
  'SetTopicAttributes',
  'AddPermission',
  'RemovePermission',
  'DeleteTopic',
  'Subscribe',
  'ListSubscriptionsByTopic',
  'Publish',
  'Receive',
]);

interface PolicyDocument {
  Statement: { Sid?: string }[];
}

export const addPermission: SnsOperation<{ TopicArn: string; Label: string; AWSAccountId: string[]; ActionName: string[] }> = ({ sns }, input, ctx) => {
  sns.updateTopic(checkTopicArn(input.TopicArn, ctx), (topic) => {
    const policy = JSON.parse(topic.attributes.Policy ?? '{"Version":"2008-10-17","Statement":[]}') as PolicyDocument;
    if (policy.Statement.some((s) => s.Sid === input.Label)) throw snsErrors.invalidParameter('Statement already exists');
    if (input.ActionName.some((a) => !POLICY_ACTIONS.has(a))) throw snsErrors.invalidParameter('Policy statement action out of service scope!');
    const principals = input.AWSAccountId.map(accountRootArn);
    const actions = input.ActionName.map((a) => `SNS:${a}`);
    policy.Statement.push({
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: principals.length === 1 ? principals[0] : principals },
      Action: actions.length === 1 ? actions[0] : actions,
      Resource: topic.arn,
    } as { Sid: string });
    topic.attributes.Policy = JSON.stringify(policy);
  });
};

export const removePermission: SnsOperation<{ TopicArn: string; Label: string }> = ({ sns }, input, ctx) => {
  sns.updateTopic(checkTopicArn(input.TopicArn, ctx), (topic) => {
    const policy = JSON.parse(topic.attributes.Policy ?? '{"Statement":[]}') as PolicyDocument;
    policy.Statement = policy.Statement.filter((s) => s.Sid !== input.Label);
    topic.attributes.Policy = JSON.stringify(policy);
  });
};

export const tagResource: SnsOperation<{ ResourceArn: string; Tags: Tag[] }, object> = ({ sns }, input) => {
  sns.tagTopic(input.ResourceArn, tagMap(input.Tags));
  return {};
};

export const untagResource: SnsOperation<{ ResourceArn: string; TagKeys: string[] }, object> = ({ sns }, input) => {
  sns.untagTopic(input.ResourceArn, input.TagKeys);
  return {};
};

export const listTagsForResource: SnsOperation<{ ResourceArn: string }, { Tags: Tag[] }> = ({ sns }, input) => ({
  Tags: Object.entries(sns.topicTags(input.ResourceArn)).map(([Key, Value]) => ({ Key, Value })),
});

export const getDataProtectionPolicy: SnsOperation<{ ResourceArn: string }, { DataProtectionPolicy?: string }> = ({ sns }, input, ctx) => {
  const topic = sns.getTopic(checkTopicArn(input.ResourceArn, ctx, 'ResourceArn'));
  return topic.dataProtectionPolicy !== undefined ? { DataProtectionPolicy: topic.dataProtectionPolicy } : {};
};

export const putDataProtectionPolicy: SnsOperation<{ ResourceArn: string; DataProtectionPolicy: string }> = ({ sns }, input, ctx) => {
  const arn = checkTopicArn(input.ResourceArn, ctx, 'ResourceArn');
  try {
    JSON.parse(input.DataProtectionPolicy);
  } catch {
    throw snsErrors.invalidParameter('DataProtectionPolicy Reason: failed to parse JSON.');
  }
  sns.setDataProtectionPolicy(arn, input.DataProtectionPolicy);
};

function tagQuota(): AwsError {
  return new AwsError('TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded');
}
