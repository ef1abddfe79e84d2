import { accountRootArn } from '../../../arn.js';
import { snsErrors } from '../errors.js';
import { checkTopicArn, type SnsOperation } from './types.js';

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

/** A topic's access policy, as far as AddPermission and RemovePermission read it. */
export interface PolicyDocument {
  Statement: { Sid?: string }[];
}

export const addPermission: SnsOperation<'AddPermission'> = ({ sns }, input, ctx) => {
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
