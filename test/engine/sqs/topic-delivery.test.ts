import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopicMessage } from '../../../src/services/sqs/engine/topic-delivery.js';
import { ACCOUNT, queueKey, receiveOne, REGION, startEngine, type EngineFixture } from '../../support/sqs-engine.js';

/** SQS's port for SNS: one delivery from a topic to the queue an ARN names (STYLE habit 8). */
const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:t`;
const arnOf = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const message = (overrides: Partial<TopicMessage> = {}): TopicMessage => ({
  topicArn,
  body: 'hello',
  messageAttributes: {},
  deduplicationId: 'd1',
  messageGroupId: 'g1',
  senderId: 'AIDAIT2UOQQY3AUEKVGXU',
  ...overrides,
});
const allowing = JSON.stringify({
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    },
  ],
});
const enforce = { enforcePolicy: true };
const lenient = { enforcePolicy: false };

let f: EngineFixture;
beforeEach(() => {
  f = startEngine();
});
afterEach(() => f.close());

const visible = (name: string) => f.sqs.getQueueAttributes(queueKey(name), ['ApproximateNumberOfMessages']).ApproximateNumberOfMessages;

describe('SQS delivery from an SNS topic', () => {
  it('answers NonExistentQueue for a queue that does not exist and for text that is no queue ARN', () => {
    const gone = { delivered: false, code: 'NonExistentQueue', message: 'The specified queue does not exist.' };
    expect(f.sqs.deliverFromTopic(arnOf('nope'), message(), lenient)).toEqual(gone);
    expect(f.sqs.deliverFromTopic('not-an-arn', message(), lenient)).toEqual(gone);
  });

  it('delivers to a queue whose policy does not allow the topic, and says so, unless the policy is enforced', () => {
    f.sqs.createQueue(queueKey('q'), {}, {});
    expect(f.sqs.deliverFromTopic(arnOf('q'), message(), lenient)).toEqual({ delivered: true, policyAllowsTopic: false });
    expect(f.sqs.deliverFromTopic(arnOf('q'), message(), enforce)).toEqual({
      delivered: false,
      code: 'AccessDenied',
      message: 'Access to the resource is denied.',
    });
    expect(visible('q')).toBe('1');
  });

  it('delivers under enforcement when the policy allows the topic, and reports a KMS key for SNS to warn about', () => {
    f.sqs.createQueue(queueKey('q'), { Policy: allowing, KmsMasterKeyId: 'alias/aws/sqs' }, {});
    expect(f.sqs.deliverFromTopic(arnOf('q'), message(), enforce)).toEqual({ delivered: true, policyAllowsTopic: true, kmsMasterKeyId: 'alias/aws/sqs' });
  });

  it("answers with SQS's own refusal of a message (too large for the queue), not a missing queue", () => {
    f.sqs.createQueue(queueKey('small'), { MaximumMessageSize: '1024' }, {});
    expect(f.sqs.deliverFromTopic(arnOf('small'), message({ body: 'x'.repeat(1025) }), lenient)).toEqual({
      delivered: false,
      code: 'InvalidParameterValue',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
    });
  });

  it('keeps the group and deduplicates by the given id on a FIFO queue; a standard queue ignores both', async () => {
    f.sqs.createQueue(queueKey('q.fifo'), { FifoQueue: 'true' }, {});
    f.sqs.createQueue(queueKey('std'), {}, {});
    for (const name of ['q.fifo', 'q.fifo', 'std', 'std']) f.sqs.deliverFromTopic(arnOf(name), message(), lenient);
    expect(visible('q.fifo')).toBe('1');
    expect(visible('std')).toBe('2');
    const received = await receiveOne(f.sqs, queueKey('q.fifo'), { systemAttributeNames: ['All'] });
    expect(received.attributes).toMatchObject({ MessageGroupId: 'g1', MessageDeduplicationId: 'd1', SenderId: 'AIDAIT2UOQQY3AUEKVGXU' });
  });
});
