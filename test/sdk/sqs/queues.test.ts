import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, useSqsServer } from '../../support/sqs-suite.js';

const NAME_RULE = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';

describe.each(SQS_PROTOCOLS)('SQS queues over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;

  describe('CreateQueue', () => {
    it('returns the queue URL http://<host>/<account>/<name>', async () => {
      const { sdk, client } = t.sqs;
      const out = await client.send(new sdk.CreateQueueCommand({ QueueName: 'orders' }));
      expect(out.QueueUrl).toBe(`${t.server.url}/000000000000/orders`);
    });

    it('accepts names of letters, digits, hyphens and underscores up to 80 characters', async () => {
      const { sdk, client } = t.sqs;
      const name = `Ab-_9${'x'.repeat(75)}`;
      const out = await client.send(new sdk.CreateQueueCommand({ QueueName: name }));
      expect(out.QueueUrl).toBe(`${t.server.url}/000000000000/${name}`);
    });

    it.each([
      ['a slash', 'invalid/name'],
      ['a dot', 'my.queue'],
      ['a space', 'my queue'],
      ['81 characters', 'q'.repeat(81)],
    ])('rejects a name with %s with InvalidParameterValue', async (_what, name) => {
      const { sdk, client } = t.sqs;
      await expectSqsError(t.sqs, client.send(new sdk.CreateQueueCommand({ QueueName: name })), 'InvalidParameterValue', NAME_RULE);
    });

    it('returns the existing queue URL when created again with the same attributes', async () => {
      const { sdk, client } = t.sqs;
      const first = await t.createQueue('orders', { DelaySeconds: '5', VisibilityTimeout: '60' });
      const again = await client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '60', DelaySeconds: '5' } }));
      const bare = await client.send(new sdk.CreateQueueCommand({ QueueName: 'orders' }));
      expect([again.QueueUrl, bare.QueueUrl]).toEqual([first, first]);
    });

    it('fails with QueueAlreadyExists when the queue exists with a different attribute value', async () => {
      const { sdk, client } = t.sqs;
      await t.createQueue('orders', { DelaySeconds: '5' });
      await expectSqsError(
        t.sqs,
        client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', Attributes: { DelaySeconds: '6' } })),
        'QueueNameExists',
        'A queue already exists with the same name and a different value for attribute DelaySeconds',
      );
    });

    it('sets the requested attributes and keeps the defaults of the others', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders', {
        DelaySeconds: '900',
        MaximumMessageSize: '1024',
        MessageRetentionPeriod: '60',
        ReceiveMessageWaitTimeSeconds: '20',
        VisibilityTimeout: '43200',
      });
      const { Attributes } = await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
      expect(Attributes).toMatchObject({
        DelaySeconds: '900',
        MaximumMessageSize: '1024',
        MessageRetentionPeriod: '60',
        ReceiveMessageWaitTimeSeconds: '20',
        VisibilityTimeout: '43200',
        SqsManagedSseEnabled: 'true',
      });
    });

    it.each([
      ['DelaySeconds', '901'],
      ['DelaySeconds', '-1'],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['MessageRetentionPeriod', '59'],
      ['MessageRetentionPeriod', '1209601'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['VisibilityTimeout', '43201'],
      ['VisibilityTimeout', 'thirty'],
      ['VisibilityTimeout', '544.43'],
      ['Policy', '{not json'],
    ])('rejects %s=%s with InvalidAttributeValue', async (attribute, value) => {
      const { sdk, client } = t.sqs;
      await expectSqsError(
        t.sqs,
        client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', Attributes: { [attribute]: value } })),
        'InvalidAttributeValue',
        `Invalid value for the parameter ${attribute}.`,
      );
    });

    it('rejects an unknown attribute with InvalidAttributeName', async () => {
      const { sdk, client } = t.sqs;
      await expectSqsError(
        t.sqs,
        client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', Attributes: { Colour: 'blue' } as Record<string, string> })),
        'InvalidAttributeName',
        'Unknown Attribute Colour.',
      );
    });

    it('rejects KMS and SQS-managed server-side encryption together', async () => {
      const { sdk, client } = t.sqs;
      await expectSqsError(
        t.sqs,
        client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', Attributes: { KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'true' } })),
        'InvalidAttributeName',
        'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
      );
    });

    it('tags the queue on create', async () => {
      const { sdk, client } = t.sqs;
      const out = await client.send(new sdk.CreateQueueCommand({ QueueName: 'orders', tags: { team: 'payments', env: 'dev' } }));
      const { Tags } = await client.send(new sdk.ListQueueTagsCommand({ QueueUrl: out.QueueUrl }));
      expect(Tags).toEqual({ team: 'payments', env: 'dev' });
    });

    it('fails with QueueDeletedRecently within 60 seconds of deleting the queue, and succeeds after', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl }));
      clock().advance(59_000);
      await expectSqsError(
        t.sqs,
        client.send(new sdk.CreateQueueCommand({ QueueName: 'orders' })),
        'QueueDeletedRecently',
        'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
      );
      clock().advance(1_001);
      const again = await client.send(new sdk.CreateQueueCommand({ QueueName: 'orders' }));
      expect(again.QueueUrl).toBe(QueueUrl);
    });
  });

  describe('GetQueueUrl', () => {
    it('returns the URL of an existing queue', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const out = await client.send(new sdk.GetQueueUrlCommand({ QueueName: 'orders' }));
      expect(out.QueueUrl).toBe(QueueUrl);
    });

    it('finds a queue by its owner account with QueueOwnerAWSAccountId', async () => {
      const { sdk, client } = t.sqs;
      const other = t.connect({ accessKeyId: '111111111111' });
      await other.client.send(new other.sdk.CreateQueueCommand({ QueueName: 'shared' }));
      const out = await client.send(new sdk.GetQueueUrlCommand({ QueueName: 'shared', QueueOwnerAWSAccountId: '111111111111' }));
      expect(out.QueueUrl).toBe(`${t.server.url}/111111111111/shared`);
      await expectNoSuchQueue(t.sqs, client.send(new sdk.GetQueueUrlCommand({ QueueName: 'shared' })));
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.GetQueueUrlCommand({ QueueName: 'missing' })));
    });
  });

  describe('ListQueues', () => {
    async function createQueues(...names: string[]) {
      for (const name of names) await t.createQueue(name);
    }
    const urls = (...names: string[]) => names.map((n) => `${t.server.url}/000000000000/${n}`);

    it('lists every queue of the account and region, without a NextToken when MaxResults is not given', async () => {
      const { sdk, client } = t.sqs;
      await createQueues('b', 'a', 'c');
      const out = await client.send(new sdk.ListQueuesCommand({}));
      expect([...(out.QueueUrls ?? [])].sort()).toEqual(urls('a', 'b', 'c'));
      expect(out.NextToken).toBeUndefined();
    });

    it('returns no QueueUrls when there are no queues', async () => {
      const { sdk, client } = t.sqs;
      const out = await client.send(new sdk.ListQueuesCommand({}));
      expect(out.QueueUrls).toBeUndefined();
    });

    it('filters by QueueNamePrefix', async () => {
      const { sdk, client } = t.sqs;
      await createQueues('orders-eu', 'orders-us', 'payments');
      const out = await client.send(new sdk.ListQueuesCommand({ QueueNamePrefix: 'orders-' }));
      expect([...(out.QueueUrls ?? [])].sort()).toEqual(urls('orders-eu', 'orders-us'));
    });

    it('pages with MaxResults and NextToken', async () => {
      const { sdk, client } = t.sqs;
      await createQueues('q1', 'q2', 'q3', 'q4', 'q5');
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(new sdk.ListQueuesCommand({ MaxResults: 2, ...(NextToken ? { NextToken } : {}) }));
        expect(out.QueueUrls!.length).toBeLessThanOrEqual(2);
        seen.push(...out.QueueUrls!);
        NextToken = out.NextToken;
        pages++;
      } while (NextToken && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(urls('q1', 'q2', 'q3', 'q4', 'q5'));
    });

    it('rejects MaxResults outside 1..1000 (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ListQueuesCommand({ MaxResults: 1001 })),
        'InvalidParameterValue',
        'Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.',
      );
    });

    it('rejects a NextToken it did not issue (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ListQueuesCommand({ MaxResults: 1, NextToken: 'garbage' })),
        'InvalidParameterValue',
        'Invalid NextToken value.',
      );
    });
  });

  describe('DeleteQueue', () => {
    it('deletes the queue and its messages', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl }));
      await expectNoSuchQueue(t.sqs, client.send(new sdk.GetQueueUrlCommand({ QueueName: 'orders' })));
      await expectNoSuchQueue(t.sqs, client.send(new sdk.ReceiveMessageCommand({ QueueUrl })));
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.DeleteQueueCommand({ QueueUrl: `${t.server.url}/000000000000/missing` })));
    });
  });

  describe('PurgeQueue', () => {
    it('deletes every message in the queue', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'two', DelaySeconds: 10 }));
      await client.send(new sdk.PurgeQueueCommand({ QueueUrl }));
      const { Attributes } = await client.send(
        new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'] }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesDelayed: '0' });
    });

    it('fails with PurgeQueueInProgress (403) within 60 seconds of the last purge, and succeeds after', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.PurgeQueueCommand({ QueueUrl }));
      clock().advance(59_000);
      await expectSqsError(
        t.sqs,
        client.send(new sdk.PurgeQueueCommand({ QueueUrl })),
        'PurgeQueueInProgress',
        'Only one PurgeQueue operation on orders is allowed every 60 seconds.',
      );
      clock().advance(1_001);
      await client.send(new sdk.PurgeQueueCommand({ QueueUrl }));
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.PurgeQueueCommand({ QueueUrl: `${t.server.url}/000000000000/missing` })));
    });
  });
});
