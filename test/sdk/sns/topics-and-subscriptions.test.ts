import { describe, expect, it } from 'vitest';
import { ACCOUNT, expectSnsError, REGION, sns, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();
const arnOf = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

describe('topics', () => {
  it('creates a topic idempotently and refuses the same name with other attributes', async () => {
    expect(await t.createTopic('alerts', { DisplayName: 'A' })).toBe(arnOf('alerts'));
    expect(await t.createTopic('alerts', { DisplayName: 'A' })).toBe(arnOf('alerts'));
    await expectSnsError(
      t.sns.send(new sns.CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'B' } })),
      'InvalidParameter',
      'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    );
  });

  it('applies AWS name rules to standard and FIFO topics', async () => {
    await expectSnsError(t.sns.send(new sns.CreateTopicCommand({ Name: 'bad name' })), 'InvalidParameter', 'Invalid parameter: Topic Name');
    // AWS names the member only for a FIFO topic's name too (issue 11, recorded against AWS).
    await expectSnsError(
      t.sns.send(new sns.CreateTopicCommand({ Name: 'nofifo', Attributes: { FifoTopic: 'true' } })),
      'InvalidParameter',
      'Invalid parameter: Topic Name',
    );
    await expectSnsError(t.sns.send(new sns.CreateTopicCommand({ Name: 'x.fifo' })), 'InvalidParameter', 'Invalid parameter: Topic Name');
  });

  it('reports a validation error for a missing Name, in Coral words', async () => {
    await expectSnsError(
      t.sns.send(new sns.CreateTopicCommand({} as never)),
      'ValidationError',
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers GetTopicAttributes with AWS defaults and subscription counts', async () => {
    const topicArn = await t.createTopic('attrs');
    await t.queueSubscription(topicArn, 'q1');
    const { Attributes } = await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }));
    expect(Attributes).toEqual({
      DisplayName: '',
      Owner: ACCOUNT,
      TopicArn: topicArn,
      Policy: expect.stringContaining('"Sid":"__default_statement_ID"'),
      SubscriptionsConfirmed: '1',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      EffectiveDeliveryPolicy: expect.stringContaining('"defaultHealthyRetryPolicy"'),
    });
    const fifo = await t.createTopic('attrs.fifo', { FifoTopic: 'true' });
    const fifoAttributes = (await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: fifo }))).Attributes!;
    expect(fifoAttributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'false' });
  });

  it('sets topic attributes and refuses unknown names', async () => {
    const topicArn = await t.createTopic('settable');
    for (const [name, value] of [
      ['DisplayName', 'Shown'],
      ['SignatureVersion', '2'],
      ['TracingConfig', 'Active'],
      ['KmsMasterKeyId', 'alias/aws/sns'],
      ['DeliveryPolicy', '{"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}}'],
    ] as const) {
      await t.sns.send(new sns.SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: name, AttributeValue: value }));
    }
    const { Attributes } = await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }));
    expect(Attributes).toMatchObject({ DisplayName: 'Shown', SignatureVersion: '2', TracingConfig: 'Active', KmsMasterKeyId: 'alias/aws/sns' });
    expect(Attributes!.EffectiveDeliveryPolicy).toBe('{"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}}');
    await expectSnsError(
      t.sns.send(new sns.SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Nope', AttributeValue: 'x' })),
      'InvalidParameter',
      'Invalid parameter: AttributeName',
    );
  });

  it('answers NotFound for a topic that does not exist', async () => {
    await expectSnsError(t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: arnOf('missing') })), 'NotFound', 'Topic does not exist', 404);
    await expectSnsError(t.sns.send(new sns.PublishCommand({ TopicArn: arnOf('missing'), Message: 'x' })), 'NotFound', 'Topic does not exist', 404);
  });

  it('deletes a topic with its subscriptions', async () => {
    const topicArn = await t.createTopic('doomed');
    await t.queueSubscription(topicArn, 'q');
    await t.sns.send(new sns.DeleteTopicCommand({ TopicArn: topicArn }));
    expect((await t.sns.send(new sns.ListTopicsCommand({}))).Topics).toEqual([]);
    expect((await t.sns.send(new sns.ListSubscriptionsCommand({}))).Subscriptions).toEqual([]);
  });

  it('lists topics in pages of 100', async () => {
    for (let i = 0; i < 105; i++) await t.createTopic(`t${String(i).padStart(3, '0')}`);
    const first = await t.sns.send(new sns.ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    const second = await t.sns.send(new sns.ListTopicsCommand({ NextToken: first.NextToken! }));
    expect(second.Topics).toHaveLength(5);
    expect(second.NextToken).toBeUndefined();
  });

  it('adds and removes permissions in the topic policy', async () => {
    const topicArn = await t.createTopic('shared');
    await t.sns.send(new sns.AddPermissionCommand({ TopicArn: topicArn, Label: 'friends', AWSAccountId: ['111122223333'], ActionName: ['Publish'] }));
    let policy = JSON.parse((await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!.Policy!);
    expect(policy.Statement[1]).toEqual({
      Sid: 'friends',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'SNS:Publish',
      Resource: topicArn,
    });
    await expectSnsError(
      t.sns.send(new sns.AddPermissionCommand({ TopicArn: topicArn, Label: 'friends', AWSAccountId: ['1'], ActionName: ['Publish'] })),
      'InvalidParameter',
      'Invalid parameter: Statement already exists',
    );
    await t.sns.send(new sns.RemovePermissionCommand({ TopicArn: topicArn, Label: 'friends' }));
    policy = JSON.parse((await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!.Policy!);
    expect(policy.Statement).toHaveLength(1);
  });

  it('tags and untags a topic', async () => {
    const topicArn = await t.createTopic('tagged');
    await t.sns.send(
      new sns.TagResourceCommand({
        ResourceArn: topicArn,
        Tags: [
          { Key: 'team', Value: 'a' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    await t.sns.send(new sns.UntagResourceCommand({ ResourceArn: topicArn, TagKeys: ['env'] }));
    expect((await t.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn: topicArn }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    await expectSnsError(t.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn: arnOf('nope') })), 'ResourceNotFound', 'Resource does not exist', 404);
  });

  it('stores and returns a data protection policy', async () => {
    const topicArn = await t.createTopic('private');
    const policy = JSON.stringify({ Name: 'p', Version: '2021-06-01', Statement: [] });
    await t.sns.send(new sns.PutDataProtectionPolicyCommand({ ResourceArn: topicArn, DataProtectionPolicy: policy }));
    expect((await t.sns.send(new sns.GetDataProtectionPolicyCommand({ ResourceArn: topicArn }))).DataProtectionPolicy).toBe(policy);
  });
});

describe('subscriptions', () => {
  it('applies AWS endpoint rules per protocol', async () => {
    const topicArn = await t.createTopic();
    const subscribe = (Protocol: string, Endpoint: string) => t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol, Endpoint }));
    await expectSnsError(
      subscribe('carrier-pigeon', 'x'),
      'InvalidParameter',
      'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
    );
    await expectSnsError(subscribe('sqs', 'not-an-arn'), 'InvalidParameter', 'Invalid parameter: SQS endpoint ARN');
    await expectSnsError(subscribe('http', 'https://x'), 'InvalidParameter', 'Invalid parameter: Endpoint must match the specified protocol');
    await expectSnsError(subscribe('sms', 'abc'), 'InvalidParameter', 'Invalid SMS endpoint: abc');
  });

  it('is idempotent for the same endpoint, and refuses it with other attributes', async () => {
    const topicArn = await t.createTopic();
    const first = await t.queueSubscription(topicArn, 'q');
    const again = await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` }));
    expect(again.SubscriptionArn).toBe(first.subscriptionArn);
    await expectSnsError(
      t.sns.send(
        new sns.SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q`,
          Attributes: { RawMessageDelivery: 'true' },
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
    );
  });

  it('reports subscription attributes as AWS does', async () => {
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    const { Attributes } = await t.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    expect(Attributes).toEqual({
      ConfirmationWasAuthenticated: 'true',
      Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q`,
      Owner: ACCOUNT,
      PendingConfirmation: 'false',
      Protocol: 'sqs',
      RawMessageDelivery: 'false',
      SubscriptionArn: subscriptionArn,
      SubscriptionPrincipal: expect.stringMatching(/^arn:aws:iam::000000000000:/),
      TopicArn: topicArn,
    });
    await expectSnsError(
      t.sns.send(new sns.SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: 'Bogus', AttributeValue: 'x' })),
      'InvalidParameter',
      'Invalid parameter: AttributeName',
    );
    await expectSnsError(
      t.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: `${topicArn}:00000000-0000-0000-0000-000000000000` })),
      'NotFound',
      'Subscription does not exist',
      404,
    );
  });

  it('lists subscriptions of the account and of a topic', async () => {
    const a = await t.createTopic('a');
    const b = await t.createTopic('b');
    await t.queueSubscription(a, 'qa');
    await t.queueSubscription(b, 'qb');
    expect((await t.sns.send(new sns.ListSubscriptionsCommand({}))).Subscriptions!.map((s) => s.TopicArn)).toEqual([a, b]);
    expect((await t.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: b }))).Subscriptions).toEqual([
      { SubscriptionArn: expect.stringContaining(`${b}:`), Owner: ACCOUNT, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:qb`, TopicArn: b },
    ]);
  });

  it('refuses a malformed subscription ARN on Unsubscribe', async () => {
    await expectSnsError(
      t.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn: 'nope' })),
      'InvalidParameter',
      'Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1',
    );
  });
});

describe('PublishBatch', () => {
  it('publishes each entry and reports failed entries on their own', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'batch', { RawMessageDelivery: 'true' });
    const out = await t.sns.send(
      new sns.PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          { Id: 'bad', Message: 'x', MessageStructure: 'json' },
          { Id: 'two', Message: 'second' },
        ],
      }),
    );
    expect(out.Successful!.map((s) => s.Id)).toEqual(['one', 'two']);
    expect(out.Failed).toEqual([
      { Id: 'bad', Code: 'InvalidParameter', Message: 'Invalid parameter: Message Structure - JSON message body failed to parse', SenderFault: true },
    ]);
    expect((await t.receive(queueUrl)).map((m) => m.Body)).toEqual(['first', 'second']);
  });

  it('refuses empty, oversized and ambiguous batches as AWS does', async () => {
    const topicArn = await t.createTopic();
    await expectSnsError(
      t.sns.send(new sns.PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: [] })),
      'EmptyBatchRequest',
      "The batch request doesn't contain any entries.",
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: 'm' }));
    await expectSnsError(
      t.sns.send(new sns.PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: eleven })),
      'TooManyEntriesInBatchRequest',
      'The batch request contains more entries than permissible.',
    );
    await expectSnsError(
      t.sns.send(
        new sns.PublishBatchCommand({
          TopicArn: topicArn,
          PublishBatchRequestEntries: [
            { Id: 'a', Message: 'm' },
            { Id: 'a', Message: 'n' },
          ],
        }),
      ),
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  });
});

describe('Publish checks', () => {
  it('refuses an empty message, a bad subject and bad message attributes with AWS messages', async () => {
    const topicArn = await t.createTopic();
    await expectSnsError(t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: '' })), 'InvalidParameter', 'Invalid parameter: Empty message');
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm', Subject: '' })),
      'InvalidParameter',
      'Invalid parameter: Subject',
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm', MessageAttributes: { a: { DataType: 'Stringy', StringValue: 'x' } } })),
      'ParameterValueInvalid',
      "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm', MessageAttributes: { '.a': { DataType: 'String', StringValue: 'x' } } })),
      'ParameterValueInvalid',
      "Invalid message attribute name starting with character '.' was found.",
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'x'.repeat(262_145) })),
      'InvalidParameter',
      'Invalid parameter: Message too long',
    );
  });
});
