import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator } from '../../../src/emulator.js';
import { AwsError } from '../../../src/errors.js';
import { receive, queueKey } from '../../support/sqs-engine.js';

/**
 * SNS behaviour in-process on a ManualClock, where the wire adds nothing: topics, subscriptions,
 * fan-out to SQS, FIFO deduplication over time. The SDK suites in test/sdk/sns keep the wire.
 */
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const owner = { accountId: ACCOUNT, region: REGION };
const context = { baseUrl: 'http://wharf' };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

function start() {
  const clock = new ManualClock(T0);
  emulator = new Emulator({ clock });
  const { sns, sqs } = emulator;
  const queueSubscription = (topicArn: string, name: string, attributes: Record<string, string> = {}) => {
    sqs.createQueue(queueKey(name), name.endsWith('.fifo') ? { FifoQueue: 'true' } : {}, {});
    return sns.subscribe(topicArn, 'sqs', queueArn(name), attributes, owner, context);
  };
  const bodies = async (name: string) => (await receive(sqs, queueKey(name))).map((m) => m.body);
  return { clock, sns, sqs, queueSubscription, bodies };
}

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('SNS topics (engine)', () => {
  it('creates a topic once: the same name and attributes return it, other attributes or tags are refused', () => {
    const { sns } = start();
    const arn = sns.createTopic(owner, 'alerts', { DisplayName: 'A' }, { team: 'x' });
    expect(sns.createTopic(owner, 'alerts', { DisplayName: 'A' }, {})).toBe(arn);
    expect(errorOf(() => sns.createTopic(owner, 'alerts', { DisplayName: 'B' }, {})).message).toBe(
      'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    );
    expect(errorOf(() => sns.createTopic(owner, 'alerts', { DisplayName: 'A' }, { team: 'y' })).message).toBe(
      'Invalid parameter: Tags Reason: Topic already exists with different tags',
    );
  });

  it('stores a DataProtectionPolicy given at creation with the topic', () => {
    const { sns } = start();
    const arn = sns.createTopic(owner, 'protected', {}, {}, '{"Name":"p"}');
    expect(sns.getTopic(arn).dataProtectionPolicy).toBe('{"Name":"p"}');
  });

  it('gives a FIFO topic ContentBasedDeduplication=false and keeps a boolean in the case AWS shows', () => {
    const { sns } = start();
    const arn = sns.createTopic(owner, 'orders.fifo', { FifoTopic: 'true' }, {});
    expect(sns.getTopicAttributes(arn)).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'false' });
    sns.setTopicAttribute(arn, 'ContentBasedDeduplication', 'True');
    expect(sns.getTopicAttributes(arn).ContentBasedDeduplication).toBe('true');
  });

  it('counts confirmed, pending and deleted subscriptions', () => {
    const { sns, queueSubscription } = start();
    const arn = sns.createTopic(owner, 'counted', {}, {});
    const first = queueSubscription(arn, 'q1');
    queueSubscription(arn, 'q2');
    sns.subscribe(arn, 'email', 'someone@example.com', {}, owner, context);
    sns.unsubscribe(first.arn, context);
    expect(sns.getTopicAttributes(arn)).toMatchObject({ SubscriptionsConfirmed: '1', SubscriptionsPending: '1', SubscriptionsDeleted: '1' });
  });

  it('refuses a fifty-first tag', () => {
    const { sns } = start();
    const arn = sns.createTopic(owner, 'tagged', {}, {});
    sns.tagTopic(arn, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])));
    const err = errorOf(() => sns.tagTopic(arn, { one: 'more' }));
    expect([err.code, err.message]).toEqual(['TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded']);
  });
});

describe('SNS subscriptions (engine)', () => {
  it('returns the existing subscription of the same endpoint, and refuses it with other attributes', () => {
    const { sns, queueSubscription } = start();
    const arn = sns.createTopic(owner, 'events', {}, {});
    const subscription = queueSubscription(arn, 'q', { RawMessageDelivery: 'true' });
    expect(sns.subscribe(arn, 'sqs', queueArn('q'), { RawMessageDelivery: 'true' }, owner, context).arn).toBe(subscription.arn);
    expect(errorOf(() => sns.subscribe(arn, 'sqs', queueArn('q'), { RawMessageDelivery: 'false' }, owner, context)).message).toBe(
      'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
    );
  });
});

describe('SNS fan-out to SQS (engine)', () => {
  it('delivers raw messages only to the subscriptions whose filter policy matches, at five decimals', async () => {
    const { sns, queueSubscription, bodies } = start();
    const arn = sns.createTopic(owner, 'prices', {}, {});
    queueSubscription(arn, 'exact', { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ price: [100.123456789] }) });
    queueSubscription(arn, 'all', { RawMessageDelivery: 'true' });
    for (const [message, price] of [
      ['close', '100.1234567'],
      ['far', '100.1235'],
    ]) {
      sns.publish(arn, { message: message!, attributes: { price: { DataType: 'Number', StringValue: price! } } }, context);
    }
    expect(await bodies('exact')).toEqual(['close']);
    expect(await bodies('all')).toEqual(['close', 'far']);
  });

  it('does not deliver to a subscription whose queue is gone, and still delivers to the others', async () => {
    const { sns, sqs, queueSubscription, bodies } = start();
    const arn = sns.createTopic(owner, 'events', {}, {});
    queueSubscription(arn, 'gone', { RawMessageDelivery: 'true' });
    queueSubscription(arn, 'kept', { RawMessageDelivery: 'true' });
    sqs.deleteQueue(queueKey('gone'));
    sns.publish(arn, { message: 'm', attributes: {} }, context);
    expect(await bodies('kept')).toEqual(['m']);
    expect(sns.inspection.deliveries({}, 10).map((d) => [d.endpoint, d.outcome])).toEqual(
      expect.arrayContaining([
        [queueArn('gone'), 'failed'],
        [queueArn('kept'), 'delivered'],
      ]),
    );
  });

  it('deduplicates a FIFO publish for five minutes, then delivers the same id again', async () => {
    const { clock, sns, queueSubscription, bodies } = start();
    const arn = sns.createTopic(owner, 'orders.fifo', { FifoTopic: 'true' }, {});
    queueSubscription(arn, 'orders.fifo', { RawMessageDelivery: 'true' });
    const publish = () => sns.publish(arn, { message: 'order', attributes: {}, messageGroupId: 'g', deduplicationId: 'd' }, context);
    const first = publish();
    clock.advance(5 * 60_000 - 1);
    expect(publish()).toEqual(first);
    expect(await bodies('orders.fifo')).toEqual(['order']);
    clock.advance(1);
    const again = publish();
    expect(again.messageId).not.toBe(first.messageId);
    expect(BigInt(again.sequenceNumber!)).toBeGreaterThan(BigInt(first.sequenceNumber!));
  });
});
