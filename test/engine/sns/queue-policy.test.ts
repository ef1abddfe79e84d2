import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator } from '../../../src/emulator.js';
import { queuePolicyAllowsTopic } from '../../../src/services/sqs/engine/topic-policy.js';

const topicArn = 'arn:aws:sns:us-east-1:000000000000:t';
const owner = { accountId: '000000000000', region: 'us-east-1' };
const queueKey = { ...owner, name: 'q' };
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

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

function setUp(enforce: boolean, policy?: string) {
  const warnings: string[] = [];
  emulator = new Emulator({ clock: new ManualClock(), snsEnforceQueuePolicy: enforce, logger: { warn: (_o, msg) => warnings.push(msg), debug: () => {} } });
  emulator.sqs.createQueue(queueKey, policy ? { Policy: policy } : {}, {});
  emulator.sns.createTopic(owner, 't', {}, {});
  emulator.sns.subscribe(topicArn, 'sqs', 'arn:aws:sqs:us-east-1:000000000000:q', {}, owner, { baseUrl: 'http://wharf' });
  emulator.sns.publish(topicArn, { message: 'm', attributes: {} }, { baseUrl: 'http://wharf' });
  const delivered = emulator.sqs.getQueueAttributes(queueKey, ['ApproximateNumberOfMessages']).ApproximateNumberOfMessages;
  return { warnings, delivered };
}

describe('SNS delivery and the queue policy', () => {
  it('delivers by default to a queue whose policy does not allow the topic, and warns why AWS would not', () => {
    const { warnings, delivered } = setUp(false);
    expect(delivered).toBe('1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('AWS would silently drop SNS deliveries from this topic to this queue');
    // What to do about it: the policy statement that allows the topic.
    expect(warnings[0]).toContain('"sqs:SendMessage"');
    expect(warnings[0]).toContain(`{"ArnEquals":{"aws:SourceArn":"${topicArn}"}}`);
  });

  it('warns about a queue policy once per subscription, not at every delivery', () => {
    const { warnings } = setUp(false);
    for (let i = 0; i < 3; i++) emulator!.sns.publish(topicArn, { message: `m${i}`, attributes: {} }, { baseUrl: 'http://wharf' });
    expect(emulator!.sqs.getQueueAttributes(queueKey, ['ApproximateNumberOfMessages']).ApproximateNumberOfMessages).toBe('4');
    expect(warnings).toHaveLength(1);
  });

  it('drops the delivery when WHARF_SNS_ENFORCE_QUEUE_POLICY is on', () => {
    expect(setUp(true).delivered).toBe('0');
  });

  it('delivers without a warning when the policy allows the topic', () => {
    const { warnings, delivered } = setUp(true, allowing);
    expect(delivered).toBe('1');
    expect(warnings).toEqual([]);
  });

  it('reads aws:SourceArn conditions, including ArnLike wildcards', () => {
    expect(queuePolicyAllowsTopic(allowing, topicArn)).toBe(true);
    expect(queuePolicyAllowsTopic(allowing, 'arn:aws:sns:us-east-1:000000000000:other')).toBe(false);
    const like = allowing.replace('ArnEquals', 'ArnLike').replace(topicArn, 'arn:aws:sns:*:000000000000:*');
    expect(queuePolicyAllowsTopic(like, 'arn:aws:sns:eu-west-1:000000000000:x')).toBe(true);
    expect(queuePolicyAllowsTopic(undefined, topicArn)).toBe(false);
  });
});
