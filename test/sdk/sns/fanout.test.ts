import { describe, expect, it } from 'vitest';
import { ACCOUNT, expectSnsError, REGION, sns, sqs, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();

describe('SNS fan-out to SQS', () => {
  it('delivers one publish to every subscribed queue, in the AWS notification envelope', async () => {
    const topicArn = await t.createTopic('orders');
    const a = await t.queueSubscription(topicArn, 'billing');
    const b = await t.queueSubscription(topicArn, 'shipping');
    const { MessageId } = await t.sns.send(
      new sns.PublishCommand({
        TopicArn: topicArn,
        Message: 'order 42 placed',
        Subject: 'New order',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'order' },
          total: { DataType: 'Number', StringValue: '9.5' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
        },
      }),
    );
    for (const { queueUrl, subscriptionArn } of [a, b]) {
      const [message] = await t.receive(queueUrl);
      const body = JSON.parse(message!.Body!) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual([
        'Type',
        'MessageId',
        'TopicArn',
        'Subject',
        'Message',
        'Timestamp',
        'SignatureVersion',
        'Signature',
        'SigningCertURL',
        'UnsubscribeURL',
        'MessageAttributes',
      ]);
      expect(body).toEqual({
        Type: 'Notification',
        MessageId,
        TopicArn: topicArn,
        Subject: 'New order',
        Message: 'order 42 placed',
        Timestamp: '2026-01-01T00:00:00.000Z',
        SignatureVersion: '1',
        Signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
        // AWS's shapes: …/SimpleNotificationService-<32 hex>.pem, and the ARN's colons unescaped
        // (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
        SigningCertURL: expect.stringMatching(new RegExp(`^${t.server.url}/_wharf/sns/SimpleNotificationService-[0-9a-f]{32}\\.pem$`)),
        UnsubscribeURL: `${t.server.url}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
        MessageAttributes: { kind: { Type: 'String', Value: 'order' }, total: { Type: 'Number', Value: '9.5' }, blob: { Type: 'Binary', Value: 'aGk=' } },
      });
      // AWS's layout: two-space indent and " : " between names and values.
      expect(message!.Body).toMatch(/^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : /);
      expect(message!.MessageAttributes).toBeUndefined();
    }
  });

  it('leaves Subject and MessageAttributes out of the envelope when the publish had none', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'plain');
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'hello' }));
    const body = JSON.parse((await t.receive(queueUrl))[0]!.Body!) as Record<string, unknown>;
    expect(body).not.toHaveProperty('Subject');
    expect(body).not.toHaveProperty('MessageAttributes');
  });

  it('delivers the bare message with SQS message attributes when RawMessageDelivery is true', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'raw', { RawMessageDelivery: 'true' });
    await t.sns.send(
      new sns.PublishCommand({
        TopicArn: topicArn,
        Message: '{"id":1}',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'order' },
          n: { DataType: 'Number', StringValue: '3' },
          b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2]) },
        },
      }),
    );
    const [message] = await t.receive(queueUrl);
    expect(message!.Body).toBe('{"id":1}');
    expect(message!.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'order' },
      n: { DataType: 'Number', StringValue: '3' },
      b: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2]) },
    });
  });

  it('sends each protocol its own message with MessageStructure=json, and requires a default', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'structured', { RawMessageDelivery: 'true' });
    await t.sns.send(
      new sns.PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'for all', sqs: 'for queues' }) }),
    );
    expect((await t.receive(queueUrl))[0]!.Body).toBe('for queues');
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ sqs: 'x' }) })),
      'InvalidParameter',
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: 'not json' })),
      'InvalidParameter',
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    );
  });

  it('delivers to a queue of another account', async () => {
    const topicArn = await t.createTopic();
    const other = new sqs.SQSClient({
      endpoint: t.server.url,
      region: REGION,
      credentials: { accessKeyId: '111111111111', secretAccessKey: 's' },
      maxAttempts: 1,
    });
    const { QueueUrl } = await other.send(new sqs.CreateQueueCommand({ QueueName: 'theirs' }));
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:111111111111:theirs` }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'cross-account' }));
    const received = await other.send(new sqs.ReceiveMessageCommand({ QueueUrl }));
    expect(JSON.parse(received.Messages![0]!.Body!).Message).toBe('cross-account');
  });

  it('skips a deleted queue and keeps delivering to the others', async () => {
    const topicArn = await t.createTopic();
    const gone = await t.queueSubscription(topicArn, 'gone');
    const kept = await t.queueSubscription(topicArn, 'kept');
    await t.sqs.send(new sqs.DeleteQueueCommand({ QueueUrl: gone.queueUrl }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'still here' }));
    expect(await t.receive(kept.queueUrl)).toHaveLength(1);
  });

  it('sends a failed SQS delivery to the subscription dead-letter queue', async () => {
    const topicArn = await t.createTopic();
    const { QueueUrl: dlqUrl } = await t.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'sub-dlq' }));
    const gone = await t.queueSubscription(topicArn, 'gone', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:sub-dlq` }),
    });
    await t.sqs.send(new sqs.DeleteQueueCommand({ QueueUrl: gone.queueUrl }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'lost' }));
    const [dead] = await t.receive(dlqUrl!);
    expect(JSON.parse(dead!.Body!).Message).toBe('lost');
    expect(dead!.MessageAttributes?.ErrorCode?.StringValue).toBe('NonExistentQueue');
  });

  it('does not deliver to a pending or deleted subscription', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl, subscriptionArn } = await t.queueSubscription(topicArn, 'left');
    await t.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'nobody' }));
    expect(await t.receive(queueUrl)).toEqual([]);
  });
});

describe('FIFO topics to FIFO queues', () => {
  it('keeps group order, the group id and the deduplication id, with sequence numbers', async () => {
    const topicArn = await t.createTopic('prices.fifo', { FifoTopic: 'true' });
    const { queueUrl } = await t.queueSubscription(topicArn, 'wholesale.fifo', { RawMessageDelivery: 'true' });
    const sequenceNumbers: string[] = [];
    for (const n of [1, 2, 3]) {
      const out = await t.sns.send(
        new sns.PublishCommand({ TopicArn: topicArn, Message: `price ${n}`, MessageGroupId: 'sku-1', MessageDeduplicationId: `d${n}` }),
      );
      sequenceNumbers.push(out.SequenceNumber!);
    }
    expect(sequenceNumbers.map(BigInt)).toEqual([...sequenceNumbers.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    expect(sequenceNumbers[0]).toMatch(/^\d{20}$/);
    const messages = await t.receive(queueUrl);
    expect(messages.map((m) => [m.Body, m.Attributes?.MessageGroupId, m.Attributes?.MessageDeduplicationId])).toEqual([
      ['price 1', 'sku-1', 'd1'],
      ['price 2', 'sku-1', 'd2'],
      ['price 3', 'sku-1', 'd3'],
    ]);
  });

  it('drops a duplicate within five minutes and answers with the first MessageId', async () => {
    const topicArn = await t.createTopic('dedup.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const { queueUrl } = await t.queueSubscription(topicArn, 'dedup.fifo');
    const first = await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' }));
    const again = await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' }));
    expect(again.MessageId).toBe(first.MessageId);
    expect(again.SequenceNumber).toBe(first.SequenceNumber);
    t.clock.advance(5 * 60 * 1000 + 1);
    const later = await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'same', MessageGroupId: 'g' }));
    expect(later.MessageId).not.toBe(first.MessageId);
    // The queue deduplicates the second publish too: its window is also five minutes.
    expect((await t.receive(queueUrl)).length).toBeGreaterThanOrEqual(1);
  });

  it('requires MessageGroupId, and a deduplication id without content-based deduplication', async () => {
    const topicArn = await t.createTopic('strict.fifo', { FifoTopic: 'true' });
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'x' })),
      'InvalidParameter',
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'x', MessageGroupId: 'g' })),
      'InvalidParameter',
      'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  });

  it('refuses a FIFO queue on a standard topic', async () => {
    const topicArn = await t.createTopic('standard');
    await expectSnsError(
      t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:q.fifo` })),
      'InvalidParameter',
      'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
    );
  });

  it('refuses MessageDeduplicationId on a standard topic', async () => {
    const topicArn = await t.createTopic('standard');
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'x', MessageDeduplicationId: 'd' })),
      'InvalidParameter',
      'Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
    );
  });
});
