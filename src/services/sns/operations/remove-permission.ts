import type { PolicyDocument } from './add-permission.js';
import { checkTopicArn, type SnsOperation } from './types.js';

export const removePermission: SnsOperation<'RemovePermission'> = ({ sns }, input, ctx) => {
  sns.updateTopic(checkTopicArn(input.TopicArn, ctx), (topic) => {
    const policy = JSON.parse(topic.attributes.Policy ?? '{"Statement":[]}') as PolicyDocument;
    policy.Statement = policy.Statement.filter((s) => s.Sid !== input.Label);
    topic.attributes.Policy = JSON.stringify(policy);
  });
};
