import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { queueArnOf, useSqsServer } from '../../support/sqs-suite.js';
import { wharfApi } from '../../support/wharf-api.js';

const START = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();

/** GET /_wharf/sqs/...: what a queue holds, read without changing anything. */
describe('SQS inspection API', () => {
  const t = useSqsServer('json');
  const clock = () => t.clock as ManualClock;
  const get = (path: string) => wharfApi(t.server, 'GET', `/_wharf/sqs${path}`);

  async function send(QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) {
    return t.sqs.client.send(new t.sqs.sdk.SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
  }
  async function receive(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const out = await t.sqs.client.send(
      new t.sqs.sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], ...extra }),
    );
    return out.Messages ?? [];
  }
  async function attributes(QueueUrl: string) {
    return (await t.sqs.client.send(new t.sqs.sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!;
  }

  it('lists every queue of every account and region with its counts, URL, ARN and dead-letter target', async () => {
    const dlqArn = queueArnOf('orders-dlq');
    await t.createQueue('orders-dlq');
    const orders = await t.createQueue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) });
    await t.connect({ region: 'eu-west-1' }).client.send(new t.sqs.sdk.CreateQueueCommand({ QueueName: 'orders' }));
    await t
      .connect({ accessKeyId: '111111111111' })
      .client.send(new t.sqs.sdk.CreateQueueCommand({ QueueName: 'billing.fifo', Attributes: { FifoQueue: 'true' } }));
    await send(orders, 'one');
    await send(orders, 'two');
    await send(orders, 'later', { DelaySeconds: 60 });
    await receive(orders, { MaxNumberOfMessages: 1 });

    const { status, body } = await get('/queues');

    expect(status).toBe(200);
    const base = t.server.url;
    expect(body.queues).toEqual([
      {
        accountId: '000000000000',
        region: 'eu-west-1',
        name: 'orders',
        url: `${base}/000000000000/orders`,
        arn: queueArnOf('orders', '000000000000', 'eu-west-1'),
        fifo: false,
        createdAt: START,
        counts: { visible: 0, inFlight: 0, delayed: 0 },
      },
      {
        accountId: '000000000000',
        region: 'us-east-1',
        name: 'orders',
        url: orders,
        arn: queueArnOf('orders'),
        fifo: false,
        createdAt: START,
        counts: { visible: 1, inFlight: 1, delayed: 1 },
        deadLetterTargetArn: dlqArn,
      },
      {
        accountId: '000000000000',
        region: 'us-east-1',
        name: 'orders-dlq',
        url: `${base}/000000000000/orders-dlq`,
        arn: dlqArn,
        fifo: false,
        createdAt: START,
        counts: { visible: 0, inFlight: 0, delayed: 0 },
      },
      {
        accountId: '111111111111',
        region: 'us-east-1',
        name: 'billing.fifo',
        url: `${base}/111111111111/billing.fifo`,
        arn: queueArnOf('billing.fifo', '111111111111'),
        fifo: true,
        createdAt: START,
        counts: { visible: 0, inFlight: 0, delayed: 0 },
      },
    ]);
  });

  it('shows messages without receiving them: one in flight stays in flight and its receive count does not move', async () => {
    const url = await t.createQueue('jobs', { VisibilityTimeout: '30' });
    const first = await send(url, 'first');
    const second = await send(url, 'second');
    const third = await send(url, 'third', { DelaySeconds: 60 });
    clock().advance(5_000);
    const [received] = await receive(url, { MaxNumberOfMessages: 1 });
    expect(received!.MessageId).toBe(first.MessageId);

    for (let i = 0; i < 3; i++) {
      await get('/queues');
      await get('/queues/000000000000/us-east-1/jobs');
      const { body } = await get('/queues/000000000000/us-east-1/jobs/messages');
      expect(body.messages.map((m: Record<string, unknown>) => [m.messageId, m.body, m.state, m.receiveCount, m.sentAt, m.visibleAt])).toEqual([
        [first.MessageId, 'first', 'in-flight', 1, START, at(35)],
        [second.MessageId, 'second', 'visible', 0, START, START],
        [third.MessageId, 'third', 'delayed', 0, START, at(60)],
      ]);
      expect(body.messages[0].firstReceivedAt).toBe(at(5));
      expect(body.messages[0].attributes).toMatchObject({ ApproximateReceiveCount: '1', ApproximateFirstReceiveTimestamp: String(Date.parse(at(5))) });
    }

    const counts = await attributes(url);
    expect([counts.ApproximateNumberOfMessages, counts.ApproximateNumberOfMessagesNotVisible, counts.ApproximateNumberOfMessagesDelayed]).toEqual([
      '1',
      '1',
      '1',
    ]);
    // The in-flight message is still hidden; the visible one is received for the first time.
    const now = await receive(url, { VisibilityTimeout: 600 });
    expect(now.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['second', '1']]);
    // After its visibility timeout the first message comes back with its second receive.
    clock().advance(31_000);
    const again = await receive(url);
    expect(again.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['first', '2']]);
  });

  it('leaves out messages past retention without deleting them', async () => {
    const url = await t.createQueue('short', { MessageRetentionPeriod: '60' });
    await send(url, 'old');
    clock().advance(61_000);

    expect((await get('/queues/000000000000/us-east-1/short/messages')).body.messages).toEqual([]);
    expect((await get('/queues')).body.queues[0].counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    // Had inspection deleted it, a longer retention could not bring it back.
    await t.sqs.client.send(new t.sqs.sdk.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MessageRetentionPeriod: '120' } }));
    expect((await get('/queues/000000000000/us-east-1/short/messages')).body.messages.map((m: { body: string }) => m.body)).toEqual(['old']);
  });

  it('shows FIFO fields, message attributes (binary in base64) and system attributes', async () => {
    const url = await t.createQueue('pay.fifo', { FifoQueue: 'true' });
    const sent = await send(url, 'charge', {
      MessageGroupId: 'customer-7',
      MessageDeduplicationId: 'charge-1',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'card' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254]) } },
    });

    const [message] = (await get('/queues/000000000000/us-east-1/pay.fifo/messages')).body.messages;

    expect(message).toEqual({
      messageId: sent.MessageId,
      body: 'charge',
      state: 'visible',
      receiveCount: 0,
      sentAt: START,
      visibleAt: START,
      messageGroupId: 'customer-7',
      deduplicationId: 'charge-1',
      sequenceNumber: sent.SequenceNumber,
      attributes: {
        SenderId: 'AKIDWHARFTEST',
        SentTimestamp: String(Date.parse(START)),
        ApproximateReceiveCount: '0',
        SequenceNumber: sent.SequenceNumber,
        MessageDeduplicationId: 'charge-1',
        MessageGroupId: 'customer-7',
      },
      messageAttributes: {
        kind: { DataType: 'String', StringValue: 'card' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254]).toString('base64') },
      },
    });
  });

  it("gives a queue's attributes as GetQueueAttributes does, its dead-letter sources, and marks dead-lettered messages", async () => {
    const dlqArn = queueArnOf('orders-dlq');
    const dlq = await t.createQueue('orders-dlq');
    const orders = await t.createQueue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) });
    await send(orders, 'poison');
    await receive(orders, { VisibilityTimeout: 0 });
    await receive(orders, { VisibilityTimeout: 0 });

    const { body } = await get('/queues/000000000000/us-east-1/orders-dlq');

    expect(body.queue).toMatchObject({
      name: 'orders-dlq',
      url: dlq,
      arn: dlqArn,
      counts: { visible: 1, inFlight: 0, delayed: 0 },
      lastModifiedAt: START,
      tags: {},
    });
    expect(body.queue.attributes).toEqual(await attributes(dlq));
    expect(body.deadLetterSources).toEqual([{ accountId: '000000000000', region: 'us-east-1', name: 'orders', url: orders, arn: queueArnOf('orders') }]);
    expect(body.moveTasks).toEqual([]);
    const [message] = (await get('/queues/000000000000/us-east-1/orders-dlq/messages')).body.messages;
    expect(message).toMatchObject({ body: 'poison', deadLetterSourceArn: queueArnOf('orders') });
  });

  it('answers 404 for an unknown account, region or queue, and 400 for a bad limit', async () => {
    await t.createQueue('orders');
    for (const path of ['/queues/000000000000/us-east-1/nope', '/queues/999999999999/us-east-1/orders', '/queues/000000000000/eu-west-1/orders/messages']) {
      const { status, body } = await get(path);
      expect({ path, status, error: body.error }).toEqual({ path, status: 404, error: 'NotFound' });
    }
    expect((await get('/queues/000000000000/us-east-1/nope')).body.message).toBe('There is no queue nope in account 000000000000, region us-east-1.');
    expect(await get('/queues/000000000000/us-east-1/orders/messages?limit=0')).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', message: 'limit: Too small: expected number to be >=1' },
    });
    expect((await get('/queues/000000000000/us-east-1/orders/messages?limit=x')).status).toBe(400);
  });

  it('returns at most `limit` messages, oldest first', async () => {
    const url = await t.createQueue('many');
    for (let i = 0; i < 5; i++) await send(url, `m${i}`);
    const { body } = await get('/queues/000000000000/us-east-1/many/messages?limit=3');
    expect(body.messages.map((m: { body: string }) => m.body)).toEqual(['m0', 'm1', 'm2']);
  });
});
