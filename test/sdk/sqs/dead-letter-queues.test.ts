import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, queueArnOf, systemAttributeNames, useSqsServer } from '../../support/sqs-suite.js';

const START_MS = Date.UTC(2026, 0, 1);
const redrivePolicy = (deadLetterTargetArn: string, maxReceiveCount: number | string) => JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
const invalidRedrive = (policy: string, reason: string) => `Value ${policy} for parameter RedrivePolicy is invalid. Reason: ${reason}`;

describe.each(SQS_PROTOCOLS)('SQS dead-letter queues over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;

  async function attributesOf(QueueUrl: string, names: string[]) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }))).Attributes ?? {};
  }
  async function counts(QueueUrl: string) {
    const a = await attributesOf(QueueUrl, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
    return { visible: a.ApproximateNumberOfMessages, notVisible: a.ApproximateNumberOfMessagesNotVisible, delayed: a.ApproximateNumberOfMessagesDelayed };
  }
  const empty = { visible: '0', notVisible: '0', delayed: '0' };
  function createQueue(QueueName: string, Attributes: Record<string, string>) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.CreateQueueCommand({ QueueName, Attributes }));
  }
  function setAttributes(QueueUrl: string, Attributes: Record<string, string>) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SetQueueAttributesCommand({ QueueUrl, Attributes }));
  }
  function send(QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
  }
  async function receive(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }))).Messages ?? [];
  }
  /** A source queue `orders` whose messages go to `orders-dlq` after maxReceiveCount receives. */
  async function createPair(options: { maxReceiveCount?: number; visibilityTimeout?: number; dlqAttributes?: Record<string, string>; fifo?: boolean } = {}) {
    const suffix = options.fifo ? '.fifo' : '';
    const fifo: Record<string, string> = options.fifo ? { FifoQueue: 'true' } : {};
    const dlq = await t.createQueue(`orders-dlq${suffix}`, { ...fifo, ...options.dlqAttributes });
    const source = await t.createQueue(`orders${suffix}`, {
      ...fifo,
      VisibilityTimeout: String(options.visibilityTimeout ?? 10),
      RedrivePolicy: redrivePolicy(queueArnOf(`orders-dlq${suffix}`), options.maxReceiveCount ?? 1),
    });
    return { source, dlq, sourceArn: queueArnOf(`orders${suffix}`), dlqArn: queueArnOf(`orders-dlq${suffix}`) };
  }

  describe('RedrivePolicy', () => {
    it('stores the policy and returns it as JSON with a numeric maxReceiveCount', async () => {
      const { source } = await createPair({ maxReceiveCount: 5 });
      expect(await attributesOf(source, ['RedrivePolicy'])).toEqual({
        RedrivePolicy: `{"deadLetterTargetArn":"${queueArnOf('orders-dlq')}","maxReceiveCount":5}`,
      });
    });

    it('accepts maxReceiveCount as a numeric string and returns it as a number', async () => {
      await t.createQueue('orders-dlq');
      const source = await t.createQueue('orders', { RedrivePolicy: redrivePolicy(queueArnOf('orders-dlq'), '7') });
      expect(await attributesOf(source, ['RedrivePolicy'])).toEqual({
        RedrivePolicy: `{"deadLetterTargetArn":"${queueArnOf('orders-dlq')}","maxReceiveCount":7}`,
      });
    });

    it('sets the policy with SetQueueAttributes, includes it in All, and removes it with an empty string', async () => {
      const dlq = await t.createQueue('orders-dlq');
      const source = await t.createQueue('orders');
      expect(await attributesOf(source, ['All'])).not.toHaveProperty('RedrivePolicy');
      await setAttributes(source, { RedrivePolicy: redrivePolicy(queueArnOf('orders-dlq'), 3) });
      expect((await attributesOf(source, ['All'])).RedrivePolicy).toBe(`{"deadLetterTargetArn":"${queueArnOf('orders-dlq')}","maxReceiveCount":3}`);
      await setAttributes(source, { RedrivePolicy: '' });
      expect(await attributesOf(source, ['All'])).not.toHaveProperty('RedrivePolicy');
      expect(await attributesOf(dlq, ['All'])).not.toHaveProperty('RedrivePolicy');
    });

    it('fails with InvalidParameterValue for a malformed deadLetterTargetArn', async () => {
      const policy = '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}';
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Invalid value for deadLetterTargetArn.'),
      );
    });

    it('fails with InvalidParameterValue for a dead-letter queue that does not exist (unverified against AWS)', async () => {
      const policy = redrivePolicy(queueArnOf('nowhere'), 3);
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Dead letter target does not exist.'),
      );
    });

    it('fails with InvalidParameterValue for a policy that is not JSON (unverified against AWS)', async () => {
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: 'not json' }),
        'InvalidParameterValue',
        invalidRedrive('not json', 'Redrive policy is not a valid JSON map.'),
      );
    });

    it('fails with InvalidParameterValue for a policy without maxReceiveCount (unverified against AWS)', async () => {
      await t.createQueue('orders-dlq');
      const policy = JSON.stringify({ deadLetterTargetArn: queueArnOf('orders-dlq') });
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.'),
      );
    });

    it.each([0, 1001])('fails with InvalidParameterValue for maxReceiveCount %i', async (count) => {
      await t.createQueue('orders-dlq');
      const policy = redrivePolicy(queueArnOf('orders-dlq'), count);
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, `Invalid value for maxReceiveCount: ${count}, valid values are from 1 to 1000 both inclusive.`),
      );
    });

    it('fails with InvalidParameterValue on SetQueueAttributes too, leaving the queue unchanged', async () => {
      await t.createQueue('orders-dlq');
      const QueueUrl = await t.createQueue('orders');
      const policy = redrivePolicy(queueArnOf('orders-dlq'), 1001);
      await expectSqsError(
        t.sqs,
        setAttributes(QueueUrl, { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.'),
      );
      expect(await attributesOf(QueueUrl, ['All'])).not.toHaveProperty('RedrivePolicy');
    });

    it('fails with InvalidParameterValue for a standard dead-letter queue of a FIFO queue (unverified against AWS)', async () => {
      await t.createQueue('orders-dlq');
      const policy = redrivePolicy(queueArnOf('orders-dlq'), 3);
      await expectSqsError(
        t.sqs,
        createQueue('orders.fifo', { FifoQueue: 'true', RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Dead-letter queue must be same type of queue as the source.'),
      );
    });

    it('fails with InvalidParameterValue for a FIFO dead-letter queue of a standard queue (unverified against AWS)', async () => {
      await t.createQueue('orders-dlq.fifo', { FifoQueue: 'true' });
      const policy = redrivePolicy(queueArnOf('orders-dlq.fifo'), 3);
      await expectSqsError(
        t.sqs,
        createQueue('orders', { RedrivePolicy: policy }),
        'InvalidParameterValue',
        invalidRedrive(policy, 'Dead-letter queue must be same type of queue as the source.'),
      );
    });
  });

  describe('RedriveAllowPolicy', () => {
    const notAllowed = (policy: string) =>
      invalidRedrive(policy, `Queue ${queueArnOf('orders-dlq')} does not allow this queue to be used as a dead-letter queue.`);
    const invalidAllow = (policy: string) =>
      expect.stringMatching(new RegExp(`^Value ${escapeRegExp(policy)} for parameter RedriveAllowPolicy is invalid\\. Reason: .+`));

    it('stores the policy and returns it', async () => {
      const policy = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queueArnOf('orders')] });
      const dlq = await t.createQueue('orders-dlq', { RedriveAllowPolicy: policy });
      expect(JSON.parse((await attributesOf(dlq, ['RedriveAllowPolicy'])).RedriveAllowPolicy!)).toEqual(JSON.parse(policy));
    });

    it.each([
      ['allowAll', { redrivePermission: 'allowAll' }],
      ['byQueue naming the source', { redrivePermission: 'byQueue', sourceQueueArns: [queueArnOf('other'), queueArnOf('orders')] }],
    ])('lets a source use the queue as its dead-letter queue under %s', async (_what, allow) => {
      await t.createQueue('orders-dlq', { RedriveAllowPolicy: JSON.stringify(allow) });
      const source = await t.createQueue('orders', { RedrivePolicy: redrivePolicy(queueArnOf('orders-dlq'), 2) });
      expect(await attributesOf(source, ['RedrivePolicy'])).toHaveProperty('RedrivePolicy');
    });

    it.each([
      ['denyAll', { redrivePermission: 'denyAll' }],
      ['byQueue not naming the source', { redrivePermission: 'byQueue', sourceQueueArns: [queueArnOf('other')] }],
    ])('fails with InvalidParameterValue for a source the dead-letter queue does not allow under %s (unverified against AWS)', async (_what, allow) => {
      await t.createQueue('orders-dlq', { RedriveAllowPolicy: JSON.stringify(allow) });
      const policy = redrivePolicy(queueArnOf('orders-dlq'), 2);
      await expectSqsError(t.sqs, createQueue('orders', { RedrivePolicy: policy }), 'InvalidParameterValue', notAllowed(policy));
      const source = await t.createQueue('orders');
      await expectSqsError(t.sqs, setAttributes(source, { RedrivePolicy: policy }), 'InvalidParameterValue', notAllowed(policy));
    });

    it.each([
      ['byQueue without sourceQueueArns', { redrivePermission: 'byQueue' }],
      ['byQueue with an empty sourceQueueArns', { redrivePermission: 'byQueue', sourceQueueArns: [] }],
      ['byQueue with 11 sourceQueueArns', { redrivePermission: 'byQueue', sourceQueueArns: Array.from({ length: 11 }, (_, i) => queueArnOf(`q${i}`)) }],
      ['allowAll with sourceQueueArns', { redrivePermission: 'allowAll', sourceQueueArns: [queueArnOf('orders')] }],
      ['denyAll with sourceQueueArns', { redrivePermission: 'denyAll', sourceQueueArns: [queueArnOf('orders')] }],
      ['an unknown redrivePermission', { redrivePermission: 'someQueues' }],
    ])('fails with InvalidParameterValue for %s (wording unverified against AWS)', async (_what, allow) => {
      const policy = JSON.stringify(allow);
      await expectSqsError(t.sqs, createQueue('orders-dlq', { RedriveAllowPolicy: policy }), 'InvalidParameterValue', invalidAllow(policy));
    });

    it('accepts byQueue with 10 sourceQueueArns', async () => {
      const policy = JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: Array.from({ length: 10 }, (_, i) => queueArnOf(`q${i}`)) });
      const dlq = await t.createQueue('orders-dlq');
      await setAttributes(dlq, { RedriveAllowPolicy: policy });
      expect(JSON.parse((await attributesOf(dlq, ['RedriveAllowPolicy'])).RedriveAllowPolicy!)).toEqual(JSON.parse(policy));
    });
  });

  describe('moving messages to the dead-letter queue', () => {
    it('returns a message maxReceiveCount times and moves it on the next receive after that', async () => {
      const { source, dlq, sourceArn } = await createPair({ maxReceiveCount: 2, visibilityTimeout: 10 });
      const MessageAttributes = { Kind: { DataType: 'String', StringValue: 'poison' } };
      const sent = await send(source, 'bad message', { MessageAttributes });
      const count = systemAttributeNames(protocol, ['ApproximateReceiveCount']);

      clock().advance(1_000);
      const first = await receive(source, count);
      expect(first.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['bad message', '1']]);
      clock().advance(10_000);
      const second = await receive(source, count);
      expect(second.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['bad message', '2']]);
      clock().advance(10_000);
      // Visible again in the source, and not yet moved: the move happens on a receive attempt.
      expect(await counts(source)).toEqual({ ...empty, visible: '1' });
      expect(await counts(dlq)).toEqual(empty);

      expect(await receive(source, count)).toEqual([]); // receive #3 moves it instead of returning it
      expect(await counts(source)).toEqual(empty);
      expect(await counts(dlq)).toEqual({ ...empty, visible: '1' });

      clock().advance(1_000);
      const [moved] = await receive(dlq, { AttributeNames: ['All'], MessageAttributeNames: ['All'] });
      expect(moved).toMatchObject({ MessageId: sent.MessageId, Body: 'bad message', MD5OfBody: sent.MD5OfMessageBody, MessageAttributes });
      expect(moved?.Attributes).toMatchObject({ SentTimestamp: String(START_MS), ApproximateReceiveCount: '1', DeadLetterQueueSourceArn: sourceArn });
    });

    it('returns a message once per receive even with VisibilityTimeout 0, and moves it only on a later receive', async () => {
      const { source, dlq } = await createPair({ maxReceiveCount: 2 });
      await send(source, 'once');
      const count = systemAttributeNames(protocol, ['ApproximateReceiveCount']);
      const first = await receive(source, { VisibilityTimeout: 0, ...count });
      expect(first.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['once', '1']]);
      expect(await counts(dlq)).toEqual(empty);
      const second = await receive(source, { VisibilityTimeout: 0, ...count });
      expect(second.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['once', '2']]);
      expect(await receive(source, { VisibilityTimeout: 0 })).toEqual([]);
      expect(await counts(dlq)).toEqual({ ...empty, visible: '1' });
    });

    it('moves a message with maxReceiveCount 1 on the second receive', async () => {
      const { source, dlq } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 10 });
      await send(source, 'once');
      expect((await receive(source)).map((m) => m.Body)).toEqual(['once']);
      clock().advance(10_000);
      expect(await receive(source)).toEqual([]);
      expect((await receive(dlq)).map((m) => m.Body)).toEqual(['once']);
    });

    it.skipIf(protocol === 'query')('names DeadLetterQueueSourceArn in MessageSystemAttributeNames', async () => {
      // The query-era SDK (3.445.0) has no MessageSystemAttributeNames parameter.
      const { source, dlq, sourceArn } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 10 });
      await send(source, 'once');
      await receive(source);
      clock().advance(10_000);
      await receive(source);
      const [moved] = await receive(dlq, { MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] });
      expect(moved?.Attributes).toEqual({ DeadLetterQueueSourceArn: sourceArn });
    });

    it('does not move a message that was deleted or is still in flight', async () => {
      const { sdk, client } = t.sqs;
      const { source, dlq } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 10 });
      await send(source, 'deleted');
      await send(source, 'in flight');
      const received = await receive(source);
      const deleted = received.find((m) => m.Body === 'deleted')!;
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl: source, ReceiptHandle: deleted.ReceiptHandle! }));
      clock().advance(9_999);
      expect(await receive(source)).toEqual([]);
      expect(await counts(dlq)).toEqual(empty);
      expect(await counts(source)).toEqual({ ...empty, notVisible: '1' });
    });

    it('moves the head of a FIFO group to a FIFO dead-letter queue and then delivers the next message of the group', async () => {
      const { source, dlq, sourceArn } = await createPair({ fifo: true, maxReceiveCount: 1, visibilityTimeout: 10 });
      const first = await send(source, 'a1', { MessageGroupId: 'a', MessageDeduplicationId: 'a1' });
      await send(source, 'a2', { MessageGroupId: 'a', MessageDeduplicationId: 'a2' });
      expect((await receive(source, { MaxNumberOfMessages: 1 })).map((m) => m.Body)).toEqual(['a1']);
      clock().advance(10_000);
      // The attempt that moves a1 may or may not also return a2; a2 comes before any other receive does.
      const next = [...(await receive(source, { MaxNumberOfMessages: 1 }))];
      if (next.length === 0) next.push(...(await receive(source, { MaxNumberOfMessages: 1 })));
      expect(next.map((m) => m.Body)).toEqual(['a2']);
      const [moved] = await receive(dlq, { AttributeNames: ['All'] });
      expect(moved).toMatchObject({ MessageId: first.MessageId, Body: 'a1' });
      expect(moved?.Attributes).toMatchObject({ MessageGroupId: 'a', MessageDeduplicationId: 'a1', DeadLetterQueueSourceArn: sourceArn });
    });

    it('counts retention in the dead-letter queue from the original send', async () => {
      const { source, dlq } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 30, dlqAttributes: { MessageRetentionPeriod: '120' } });
      await send(source, 'old');
      await receive(source);
      clock().advance(30_000);
      expect(await receive(source)).toEqual([]);
      expect(await counts(dlq)).toEqual({ ...empty, visible: '1' });
      clock().advance(89_999); // 119.999 s after the send
      expect(await counts(dlq)).toEqual({ ...empty, visible: '1' });
      clock().advance(1);
      expect(await counts(dlq)).toEqual(empty);
      expect(await receive(dlq)).toEqual([]);
    });
  });

  describe('deleting queues', () => {
    it('keeps the RedrivePolicy of a source whose dead-letter queue was deleted, and delivers its messages normally', async () => {
      const { sdk, client } = t.sqs;
      const { source, dlq } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 10 });
      await send(source, 'stays');
      await receive(source);
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl: dlq }));
      expect(await attributesOf(source, ['RedrivePolicy'])).toEqual({
        RedrivePolicy: `{"deadLetterTargetArn":"${queueArnOf('orders-dlq')}","maxReceiveCount":1}`,
      });
      clock().advance(10_000);
      const again = await receive(source, systemAttributeNames(protocol, ['ApproximateReceiveCount']));
      expect(again.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['stays', '2']]);
    });

    it('keeps the dead-letter queue and its messages when the source is deleted', async () => {
      const { sdk, client } = t.sqs;
      const { source, dlq } = await createPair({ maxReceiveCount: 1, visibilityTimeout: 10 });
      await send(source, 'orphan');
      await receive(source);
      clock().advance(10_000);
      await receive(source);
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl: source }));
      expect((await receive(dlq)).map((m) => m.Body)).toEqual(['orphan']);
    });
  });

  describe('ListDeadLetterSourceQueues', () => {
    async function setUpSources(names: string[]) {
      const dlq = await t.createQueue('orders-dlq');
      await t.createQueue('unrelated');
      await t.createQueue('other-dlq');
      await t.createQueue('elsewhere', { RedrivePolicy: redrivePolicy(queueArnOf('other-dlq'), 1) });
      for (const name of names) await t.createQueue(name, { RedrivePolicy: redrivePolicy(queueArnOf('orders-dlq'), 1) });
      return dlq;
    }
    const urls = (...names: string[]) => names.map((n) => `${t.server.url}/000000000000/${n}`).sort();

    it('lists the queues whose RedrivePolicy targets the queue, without a NextToken when MaxResults is not given', async () => {
      const { sdk, client } = t.sqs;
      const dlq = await setUpSources(['s1', 's2', 's3']);
      const out = await client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
      expect([...(out.queueUrls ?? [])].sort()).toEqual(urls('s1', 's2', 's3'));
      expect(out.NextToken).toBeUndefined();
    });

    it('returns no source queues for a queue that is nobody’s dead-letter queue', async () => {
      const { sdk, client } = t.sqs;
      await setUpSources(['s1']);
      const out = await client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: `${t.server.url}/000000000000/unrelated` }));
      expect(out.queueUrls ?? []).toEqual([]);
    });

    it('stops listing a source once its RedrivePolicy is removed', async () => {
      const { sdk, client } = t.sqs;
      const dlq = await setUpSources(['s1', 's2']);
      await setAttributes(`${t.server.url}/000000000000/s1`, { RedrivePolicy: '' });
      const out = await client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
      expect(out.queueUrls).toEqual(urls('s2'));
    });

    it('pages with MaxResults and NextToken', async () => {
      const { sdk, client } = t.sqs;
      const dlq = await setUpSources(['s1', 's2', 's3', 's4', 's5']);
      const seen: string[] = [];
      let NextToken: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults: 2, ...(NextToken ? { NextToken } : {}) }));
        expect(out.queueUrls!.length).toBeLessThanOrEqual(2);
        seen.push(...out.queueUrls!);
        NextToken = out.NextToken;
        pages++;
      } while (NextToken && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(urls('s1', 's2', 's3', 's4', 's5'));
    });

    it.each([0, 1001])('rejects MaxResults %i (unverified against AWS)', async (MaxResults) => {
      const { sdk, client } = t.sqs;
      const dlq = await setUpSources([]);
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults })),
        'InvalidParameterValue',
        'Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.',
      );
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.ListDeadLetterSourceQueuesCommand({ QueueUrl: `${t.server.url}/000000000000/missing` })));
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
