import { describe, expect, it } from 'vitest';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectSqsError, queueArnOf, useSqsServer } from '../../support/sqs-suite.js';

const START_MS = Date.UTC(2026, 0, 1); // the ManualClock's time after each reset
const BAD_NAME = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
const FIFO_ONLY = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'] as const;
const VALID_FIFO_VALUE: Record<(typeof FIFO_ONLY)[number], string> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'true',
  DeduplicationScope: 'messageGroup',
  FifoThroughputLimit: 'perQueue',
};

describe.each(SQS_PROTOCOLS)('SQS FIFO queue attributes over %s', (protocol) => {
  const t = useSqsServer(protocol);

  async function attributesOf(QueueUrl: string, names: string[]) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }))).Attributes;
  }
  function createQueue(QueueName: string, Attributes?: Record<string, string>) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.CreateQueueCommand({ QueueName, ...(Attributes ? { Attributes } : {}) }));
  }
  function setAttributes(QueueUrl: string, Attributes: Record<string, string>) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes }));
  }

  describe('CreateQueue', () => {
    it('creates a FIFO queue whose All attributes add the four FIFO defaults', async () => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true' });
      expect(QueueUrl).toBe(`${t.server.url}/000000000000/orders.fifo`);
      const created = String(Math.floor(START_MS / 1000));
      expect(await attributesOf(QueueUrl, ['All'])).toEqual({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ContentBasedDeduplication: 'false',
        CreatedTimestamp: created,
        DeduplicationScope: 'queue',
        DelaySeconds: '0',
        FifoQueue: 'true',
        FifoThroughputLimit: 'perQueue',
        LastModifiedTimestamp: created,
        MaximumMessageSize: '1048576',
        MessageRetentionPeriod: '345600',
        QueueArn: queueArnOf('orders.fifo'),
        ReceiveMessageWaitTimeSeconds: '0',
        SqsManagedSseEnabled: 'true',
        VisibilityTimeout: '30',
      });
    });

    it('creates a high-throughput FIFO queue with content-based deduplication', async () => {
      const attributes = { FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' };
      const QueueUrl = await t.createQueue('orders.fifo', attributes);
      expect(await attributesOf(QueueUrl, ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'])).toEqual(attributes);
    });

    it('counts the .fifo suffix towards the 80 characters of a name', async () => {
      const name = `${'a'.repeat(75)}.fifo`;
      expect(await t.createQueue(name, { FifoQueue: 'true' })).toBe(`${t.server.url}/000000000000/${name}`);
    });

    it('fails with InvalidParameterValue for a .fifo name without FifoQueue=true', async () => {
      await expectSqsError(t.sqs, createQueue('orders.fifo'), 'InvalidParameterValue', BAD_NAME);
    });

    it('fails with InvalidParameterValue for FifoQueue=true on a name without .fifo (unverified against AWS)', async () => {
      await expectSqsError(
        t.sqs,
        createQueue('orders', { FifoQueue: 'true' }),
        'InvalidParameterValue',
        'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length',
      );
    });

    it('refuses FifoQueue=false for a standard queue with InvalidAttributeName, as AWS does [SQS-FIFOQUEUE-FALSE]', async () => {
      await expectSqsError(t.sqs, createQueue('orders', { FifoQueue: 'false' }), 'InvalidAttributeName', 'Unknown Attribute FifoQueue.');
    });

    it.each(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'] as const)(
      "fails with InvalidAttributeName and AWS's message for %s on a standard queue [SQS-FIFO-ONLY-ATTRIBUTES]",
      async (name) => {
        await expectSqsError(t.sqs, createQueue('orders', { [name]: VALID_FIFO_VALUE[name] }), 'InvalidAttributeName', fifoOnlyMessage(name));
      },
    );

    it.each([
      ['ContentBasedDeduplication', 'yes'],
      ['DeduplicationScope', 'group'],
      ['FifoThroughputLimit', 'perGroup'],
    ])('fails with InvalidAttributeValue for %s=%s', async (name, value) => {
      await expectSqsError(
        t.sqs,
        createQueue('orders.fifo', { FifoQueue: 'true', [name]: value }),
        'InvalidAttributeValue',
        `Invalid value for the parameter ${name}.`,
      );
    });

    it('fails with InvalidAttributeValue for FifoThroughputLimit=perMessageGroupId with DeduplicationScope=queue (unverified against AWS)', async () => {
      await expectSqsError(
        t.sqs,
        createQueue('orders.fifo', { FifoQueue: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perMessageGroupId' }),
        'InvalidAttributeValue',
        'Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.',
      );
    });

    it('fails with InvalidAttributeValue for FifoThroughputLimit=perMessageGroupId with the default DeduplicationScope (unverified against AWS)', async () => {
      await expectSqsError(
        t.sqs,
        createQueue('orders.fifo', { FifoQueue: 'true', FifoThroughputLimit: 'perMessageGroupId' }),
        'InvalidAttributeValue',
        'Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.',
      );
    });

    it('returns the existing FIFO queue when created again with the same attributes', async () => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      expect(await t.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' })).toBe(QueueUrl);
    });

    it('fails with QueueAlreadyExists for the same FIFO queue with a different ContentBasedDeduplication', async () => {
      await t.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      await expectSqsError(
        t.sqs,
        createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'false' }),
        'QueueNameExists',
        'A queue already exists with the same name and a different value for attribute ContentBasedDeduplication',
      );
    });
  });

  describe('SetQueueAttributes', () => {
    it('changes ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit of a FIFO queue', async () => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true' });
      await setAttributes(QueueUrl, { ContentBasedDeduplication: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
      expect(await attributesOf(QueueUrl, ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'])).toEqual({
        ContentBasedDeduplication: 'true',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      });
    });

    it('fails with InvalidAttributeValue when turning a FIFO queue into a standard one', async () => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true' });
      await expectSqsError(
        t.sqs,
        setAttributes(QueueUrl, { FifoQueue: 'false' }),
        'InvalidAttributeValue',
        'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
      );
    });

    it.each(FIFO_ONLY)("fails with InvalidAttributeName and AWS's message for %s on a standard queue [SQS-FIFO-ONLY-ATTRIBUTES]", async (name) => {
      const QueueUrl = await t.createQueue('orders');
      await expectSqsError(t.sqs, setAttributes(QueueUrl, { [name]: VALID_FIFO_VALUE[name] }), 'InvalidAttributeName', fifoOnlyMessage(name));
    });

    it.each([
      ['ContentBasedDeduplication', 'maybe'],
      ['DeduplicationScope', 'everything'],
      ['FifoThroughputLimit', ''],
    ])('fails with InvalidAttributeValue for %s=%j', async (name, value) => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true' });
      await expectSqsError(t.sqs, setAttributes(QueueUrl, { [name]: value }), 'InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
    });

    it('fails with InvalidAttributeValue for FifoThroughputLimit=perMessageGroupId while DeduplicationScope is queue (unverified against AWS)', async () => {
      const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true' });
      await expectSqsError(
        t.sqs,
        setAttributes(QueueUrl, { FifoThroughputLimit: 'perMessageGroupId' }),
        'InvalidAttributeValue',
        'Invalid value for the parameter FifoThroughputLimit. Reason: The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.',
      );
      expect(await attributesOf(QueueUrl, ['FifoThroughputLimit'])).toEqual({ FifoThroughputLimit: 'perQueue' });
    });
  });
});

/** AWS's words for a FIFO-only attribute on a standard queue (public issue threads quoting AWS). */
function fifoOnlyMessage(name: string): string {
  return name === 'DeduplicationScope' || name === 'FifoThroughputLimit'
    ? `You can specify the ${name} only when FifoQueue is set to true.`
    : `Unknown Attribute ${name}.`;
}
