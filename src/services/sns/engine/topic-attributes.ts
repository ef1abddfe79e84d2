import { snsErrors } from '../errors.js';
import { parseJsonObject } from '../../../json-object.js';

/** Attributes SetTopicAttributes (and CreateTopic's Attributes) accept. */
const SETTABLE = new Set([
  'DisplayName',
  'Policy',
  'DeliveryPolicy',
  'KmsMasterKeyId',
  'TracingConfig',
  'SignatureVersion',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
  ...['Application', 'Firehose', 'HTTP', 'Lambda', 'SQS'].flatMap((p) => [
    `${p}SuccessFeedbackRoleArn`,
    `${p}SuccessFeedbackSampleRate`,
    `${p}FailureFeedbackRoleArn`,
  ]),
]);

/** CreateTopic only: a topic's type is fixed at creation. */
const CREATE_ONLY = new Set(['FifoTopic']);

export const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

/** The policy AWS gives a new topic: its owner may do everything with it. */
export function defaultTopicPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** Checks one attribute for CreateTopic or SetTopicAttributes; returns the value to store. */
export function checkTopicAttribute(name: string, value: string, fifo: boolean, call: 'create' | 'set'): string {
  if (!SETTABLE.has(name) && !(call === 'create' && CREATE_ONLY.has(name))) throw snsErrors.invalidParameter('AttributeName');
  switch (name) {
    case 'Policy':
    case 'DeliveryPolicy':
    case 'ArchivePolicy':
    case 'DataProtectionPolicy':
      if (value !== '' && !parseJsonObject(value)) throw snsErrors.invalidParameter(`${name}: failed to parse JSON.`);
      return value;
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw snsErrors.invalidParameter('SignatureVersion');
      return value;
    case 'TracingConfig':
      if (value !== 'PassThrough' && value !== 'Active') throw snsErrors.invalidParameter('TracingConfig');
      return value;
    case 'ContentBasedDeduplication':
      if (!fifo) throw snsErrors.invalidParameter('ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics');
      // Booleans are read in any case, as FifoTopic is ("True" is true), and stored as AWS shows them.
      if (value.toLowerCase() !== 'true' && value.toLowerCase() !== 'false') throw snsErrors.invalidParameter('ContentBasedDeduplication');
      return value.toLowerCase();
    case 'FifoThroughputScope':
      if (!fifo) throw snsErrors.invalidParameter('FifoThroughputScope Reason: FifoThroughputScope can only be set for FIFO topics');
      if (value !== 'Topic' && value !== 'MessageGroup') throw snsErrors.invalidParameter('FifoThroughputScope');
      return value;
    default:
      return value;
  }
}
