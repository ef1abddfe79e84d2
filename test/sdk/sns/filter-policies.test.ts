import { describe, expect, it } from 'vitest';
import { expectSnsError, sns, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();

describe('subscription filter policies over the wire', () => {
  it('delivers only the messages whose attributes match (MessageAttributes scope)', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'big-orders', {
      RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ event: ['order_placed'], price: [{ numeric: ['>=', 100] }] }),
    });
    const publish = (message: string, event: string, price: string) =>
      t.sns.send(
        new sns.PublishCommand({
          TopicArn: topicArn,
          Message: message,
          MessageAttributes: { event: { DataType: 'String', StringValue: event }, price: { DataType: 'Number', StringValue: price } },
        }),
      );
    await publish('small', 'order_placed', '5');
    await publish('cancelled', 'order_canceled', '500');
    await publish('big', 'order_placed', '150');
    expect((await t.receive(queueUrl)).map((m) => m.Body)).toEqual(['big']);
  });

  it('filters on the JSON body with nested keys (MessageBody scope)', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'gold', {
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ customer: { tier: ['gold'] } }),
    });
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ customer: { tier: 'silver' } }) }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ customer: { tier: 'gold' } }) }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'not json' }));
    expect((await t.receive(queueUrl)).map((m) => JSON.parse(m.Body!).customer.tier)).toEqual(['gold']);
  });

  it('applies a policy set later with SetSubscriptionAttributes, and shows it with its scope', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl, subscriptionArn } = await t.queueSubscription(topicArn, 'later', { RawMessageDelivery: 'true' });
    await t.sns.send(
      new sns.SetSubscriptionAttributesCommand({
        SubscriptionArn: subscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"color":[{"prefix":"bl"}]}',
      }),
    );
    const { Attributes } = await t.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    expect(Attributes).toMatchObject({ FilterPolicy: '{"color":[{"prefix":"bl"}]}', FilterPolicyScope: 'MessageAttributes' });
    for (const color of ['red', 'blue']) {
      await t.sns.send(
        new sns.PublishCommand({ TopicArn: topicArn, Message: color, MessageAttributes: { color: { DataType: 'String', StringValue: color } } }),
      );
    }
    expect((await t.receive(queueUrl)).map((m) => m.Body)).toEqual(['blue']);
  });

  it('refuses an invalid policy on Subscribe and on SetSubscriptionAttributes with AWS messages', async () => {
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    await expectSnsError(
      t.sns.send(
        new sns.SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: 'arn:aws:sqs:us-east-1:000000000000:other',
          Attributes: { FilterPolicy: '{"a":[]}' },
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: Attributes Reason: FilterPolicy: Empty arrays are not allowed',
    );
    await expectSnsError(
      t.sns.send(
        new sns.SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: '{"a":{"b":["c"]}}' }),
      ),
      'InvalidParameter',
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    );
    await expectSnsError(
      t.sns.send(
        new sns.SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: JSON.stringify({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }),
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys',
    );
  });
});
