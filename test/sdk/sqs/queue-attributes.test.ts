import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, useSqsServer } from '../../support/sqs-suite.js';

const START_MS = Date.UTC(2026, 0, 1); // the ManualClock's time after each reset

describe.each(SQS_PROTOCOLS)('SQS queue attributes, tags and permissions over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;
  const arnOf = (name: string, account = '000000000000') => `arn:aws:sqs:us-east-1:${account}:${name}`;

  async function attributesOf(QueueUrl: string, names: string[]) {
    const { sdk, client } = t.sqs;
    const out = await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }));
    return out.Attributes;
  }

  describe('GetQueueAttributes', () => {
    it('returns exactly the 12 attributes of a fresh standard queue for All', async () => {
      const QueueUrl = await t.createQueue('orders');
      const created = String(Math.floor(START_MS / 1000));
      expect(await attributesOf(QueueUrl, ['All'])).toEqual({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        CreatedTimestamp: created,
        DelaySeconds: '0',
        LastModifiedTimestamp: created,
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '345600',
        QueueArn: arnOf('orders'),
        ReceiveMessageWaitTimeSeconds: '0',
        SqsManagedSseEnabled: 'true',
        VisibilityTimeout: '30',
      });
    });

    it('returns only the named attributes', async () => {
      const QueueUrl = await t.createQueue('orders');
      expect(await attributesOf(QueueUrl, ['QueueArn', 'VisibilityTimeout'])).toEqual({ QueueArn: arnOf('orders'), VisibilityTimeout: '30' });
    });

    it('returns no attributes when none are named', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const out = await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl }));
      expect(out.Attributes).toBeUndefined();
    });

    it('counts visible, in-flight and delayed messages', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      for (const body of ['a', 'b', 'c']) await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: body }));
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 60 }));
      await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1 }));
      expect(
        await attributesOf(QueueUrl, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']),
      ).toEqual({
        ApproximateNumberOfMessages: '2',
        ApproximateNumberOfMessagesNotVisible: '1',
        ApproximateNumberOfMessagesDelayed: '1',
      });
    });

    it('reports CreatedTimestamp and LastModifiedTimestamp in epoch seconds, LastModified moving on SetQueueAttributes', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      clock().advance(90_000);
      await client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '45' } }));
      expect(await attributesOf(QueueUrl, ['CreatedTimestamp', 'LastModifiedTimestamp'])).toEqual({
        CreatedTimestamp: String(START_MS / 1000),
        LastModifiedTimestamp: String(START_MS / 1000 + 90),
      });
    });

    it('fails with InvalidAttributeName for an unknown attribute name', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(
        t.sqs,
        client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Colour' as never] })),
        'InvalidAttributeName',
        'Unknown Attribute Colour.',
      );
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(
        t.sqs,
        client.send(new sdk.GetQueueAttributesCommand({ QueueUrl: `${t.server.url}/000000000000/missing`, AttributeNames: ['All'] })),
      );
    });
  });

  describe('SetQueueAttributes', () => {
    it('changes the attributes it is given and no others', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(
        new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '45', DelaySeconds: '3', MaximumMessageSize: '2048' } }),
      );
      expect(await attributesOf(QueueUrl, ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod'])).toEqual({
        VisibilityTimeout: '45',
        DelaySeconds: '3',
        MaximumMessageSize: '2048',
        MessageRetentionPeriod: '345600',
      });
    });

    it('stores a Policy and removes it when set to an empty string', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arnOf('orders') }],
      });
      await client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: policy } }));
      expect(await attributesOf(QueueUrl, ['Policy'])).toEqual({ Policy: policy });
      await client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: '' } }));
      expect(await attributesOf(QueueUrl, ['Policy'])).toBeUndefined();
    });

    it.each([
      ['DelaySeconds', '901'],
      ['MaximumMessageSize', '512'],
      ['MessageRetentionPeriod', '10'],
      ['ReceiveMessageWaitTimeSeconds', '-1'],
      ['VisibilityTimeout', ' 6'],
      ['SqsManagedSseEnabled', 'yes'],
      ['Policy', 'not json'],
    ])('fails with InvalidAttributeValue for %s=%j', async (attribute, value) => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { [attribute]: value } })),
        'InvalidAttributeValue',
        `Invalid value for the parameter ${attribute}.`,
      );
    });

    it('fails with InvalidAttributeName for an unknown attribute', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { Colour: 'blue' } as Record<string, string> })),
        'InvalidAttributeName',
        'Unknown Attribute Colour.',
      );
    });

    it('fails with InvalidAttributeName for a read-only attribute (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:000000000000:other' } })),
        'InvalidAttributeName',
        'Unknown Attribute QueueArn.',
      );
    });
  });

  describe('TagQueue, UntagQueue and ListQueueTags', () => {
    it('adds, overwrites and removes tags', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.TagQueueCommand({ QueueUrl, Tags: { team: 'payments', env: 'dev' } }));
      await client.send(new sdk.TagQueueCommand({ QueueUrl, Tags: { env: 'prod', cost: '42' } }));
      expect((await client.send(new sdk.ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'payments', env: 'prod', cost: '42' });
      await client.send(new sdk.UntagQueueCommand({ QueueUrl, TagKeys: ['team', 'cost', 'absent'] }));
      expect((await client.send(new sdk.ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'prod' });
    });

    it('lists no tags for an untagged queue', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const out = await client.send(new sdk.ListQueueTagsCommand({ QueueUrl }));
      expect(out.Tags ?? {}).toEqual({});
    });

    it('fails with InvalidParameterValue beyond 50 tags (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.TagQueueCommand({ QueueUrl, Tags: tags })),
        'InvalidParameterValue',
        'Too many tags added for queue orders.',
      );
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.ListQueueTagsCommand({ QueueUrl: `${t.server.url}/000000000000/missing` })));
    });
  });

  describe('AddPermission and RemovePermission', () => {
    async function policyOf(QueueUrl: string): Promise<unknown> {
      const attributes = await attributesOf(QueueUrl, ['Policy']);
      return attributes?.Policy === undefined ? undefined : JSON.parse(attributes.Policy);
    }

    it('writes a 2008-10-17 policy statement per label into the Policy attribute', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.AddPermissionCommand({ QueueUrl, Label: 'one', AWSAccountIds: ['111111111111'], Actions: ['ReceiveMessage'] }));
      await client.send(
        new sdk.AddPermissionCommand({ QueueUrl, Label: 'two', AWSAccountIds: ['111111111111', '222222222222'], Actions: ['SendMessage', 'DeleteMessage'] }),
      );
      expect(await policyOf(QueueUrl)).toEqual({
        Version: '2008-10-17',
        Id: `${arnOf('orders')}/SQSDefaultPolicy`,
        Statement: [
          { Sid: 'one', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'SQS:ReceiveMessage', Resource: arnOf('orders') },
          {
            Sid: 'two',
            Effect: 'Allow',
            Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root'] },
            Action: ['SQS:SendMessage', 'SQS:DeleteMessage'],
            Resource: arnOf('orders'),
          },
        ],
      });
    });

    it('removes a statement by label, and the Policy attribute disappears with the last one', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await client.send(new sdk.AddPermissionCommand({ QueueUrl, Label: 'one', AWSAccountIds: ['111111111111'], Actions: ['ReceiveMessage'] }));
      await client.send(new sdk.AddPermissionCommand({ QueueUrl, Label: 'two', AWSAccountIds: ['111111111111'], Actions: ['SendMessage'] }));
      await client.send(new sdk.RemovePermissionCommand({ QueueUrl, Label: 'one' }));
      expect(await policyOf(QueueUrl)).toMatchObject({ Statement: [{ Sid: 'two' }] });
      await client.send(new sdk.RemovePermissionCommand({ QueueUrl, Label: 'two' }));
      expect(await attributesOf(QueueUrl, ['Policy'])).toBeUndefined();
      expect(await attributesOf(QueueUrl, ['All'])).not.toHaveProperty('Policy');
    });

    it('fails with InvalidParameterValue for a label that already exists', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      const add = () => client.send(new sdk.AddPermissionCommand({ QueueUrl, Label: 'one', AWSAccountIds: ['111111111111'], Actions: ['ReceiveMessage'] }));
      await add();
      await expectSqsError(t.sqs, add(), 'InvalidParameterValue', 'Value one for parameter Label is invalid. Reason: Already exists.');
    });

    it('fails with InvalidParameterValue when removing a label it cannot find', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(
        t.sqs,
        client.send(new sdk.RemovePermissionCommand({ QueueUrl, Label: 'nope' })),
        'InvalidParameterValue',
        "Value nope for parameter Label is invalid. Reason: can't find label.",
      );
    });
  });
});
