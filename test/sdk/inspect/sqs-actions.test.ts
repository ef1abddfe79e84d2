import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { queueArnOf, useSqsServer } from '../../support/sqs-suite.js';
import { wharfApi } from '../../support/wharf-api.js';

/** POST /_wharf/sqs/...: the dashboard's send, purge and redrive, run as the SQS operations. */
describe('SQS admin actions', () => {
  const t = useSqsServer('json');
  const clock = () => t.clock as ManualClock;
  const post = (path: string, body?: unknown, raw?: string) =>
    wharfApi(t.server, 'POST', `/_wharf/sqs/queues/000000000000/us-east-1${path}`, body, raw === undefined ? {} : { raw });

  async function receiveAll(QueueUrl: string) {
    const out = await t.sqs.client.send(
      new t.sqs.sdk.ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: 600,
      }),
    );
    return out.Messages ?? [];
  }

  it('sends a message an SDK then receives, body and attributes intact', async () => {
    const url = await t.createQueue('jobs');
    const body = '{"job": 42, "note": "naïve ✓"}';

    const sent = await post('/jobs/messages', { body, messageAttributes: { source: { DataType: 'String', StringValue: 'dashboard' } } });

    expect(sent.status).toBe(200);
    const [message] = await receiveAll(url);
    expect(message).toMatchObject({
      MessageId: sent.body.messageId,
      Body: body,
      MD5OfBody: sent.body.md5OfBody,
      MessageAttributes: { source: { DataType: 'String', StringValue: 'dashboard' } },
    });
    // Sent by the account the queue belongs to.
    expect(message!.Attributes?.SenderId).toBe('000000000000');
  });

  it('sends with a delay: the message is delayed until its delay ends', async () => {
    const url = await t.createQueue('jobs');
    await post('/jobs/messages', { body: 'later', delaySeconds: 30 });
    expect(await receiveAll(url)).toEqual([]);
    const { body } = await wharfApi(t.server, 'GET', '/_wharf/sqs/queues/000000000000/us-east-1/jobs/messages');
    expect(body.messages[0]).toMatchObject({ body: 'later', state: 'delayed', visibleAt: '2026-01-01T00:00:30.000Z' });
    clock().advance(30_000);
    expect((await receiveAll(url)).map((m) => m.Body)).toEqual(['later']);
  });

  it('sends to a FIFO queue with a group and deduplication id, and a duplicate is not enqueued again', async () => {
    const url = await t.createQueue('pay.fifo', { FifoQueue: 'true' });
    const first = await post('/pay.fifo/messages', { body: 'charge', messageGroupId: 'c-1', deduplicationId: 'd-1' });
    const duplicate = await post('/pay.fifo/messages', { body: 'charge again', messageGroupId: 'c-1', deduplicationId: 'd-1' });
    expect(first.body.sequenceNumber).toMatch(/^\d{20}$/);
    expect([duplicate.body.messageId, duplicate.body.sequenceNumber]).toEqual([first.body.messageId, first.body.sequenceNumber]);
    expect((await receiveAll(url)).map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([['charge', 'c-1']]);
  });

  it('refuses what SendMessage refuses, with the AWS error code and message (400)', async () => {
    await t.createQueue('jobs');
    await t.createQueue('pay.fifo', { FifoQueue: 'true' });
    expect(await post('/pay.fifo/messages', { body: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'MissingParameter', message: 'The request must contain the parameter MessageGroupId.' },
    });
    expect(await post('/jobs/messages', { body: 'x', delaySeconds: 901 })).toMatchObject({
      status: 400,
      body: { error: 'InvalidParameterValue', message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' },
    });
    expect(await post('/jobs/messages', { body: '' })).toMatchObject({
      status: 400,
      body: { error: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' },
    });
    expect(await post('/jobs/messages', { body: 'x', deduplicationId: 'd' })).toMatchObject({ status: 400, body: { error: 'InvalidParameterValue' } });
  });

  it('answers 400 ValidationError for a body that is not the expected JSON, and 404 for an unknown queue', async () => {
    await t.createQueue('jobs');
    expect(await post('/jobs/messages', { message: 'x' })).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    expect(await post('/jobs/messages', { body: 7 })).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    expect(await post('/jobs/messages', undefined, '{not json')).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', message: 'The body is not valid JSON.' },
    });
    expect(await post('/nope/messages', { body: 'x' })).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await post('/nope/purge')).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await post('/nope/redrive')).toMatchObject({ status: 404, body: { error: 'NotFound' } });
  });

  it('purges a queue, and a second purge within 60 seconds fails as PurgeQueue does', async () => {
    const url = await t.createQueue('jobs');
    await post('/jobs/messages', { body: 'a' });
    await post('/jobs/messages', { body: 'b' });

    expect(await post('/jobs/purge')).toMatchObject({ status: 200, body: { purged: true } });
    expect(await receiveAll(url)).toEqual([]);
    expect(await post('/jobs/purge')).toMatchObject({
      status: 400,
      body: { error: 'PurgeQueueInProgress', message: 'Only one PurgeQueue operation on jobs is allowed every 60 seconds.' },
    });
    clock().advance(60_000);
    expect((await post('/jobs/purge')).status).toBe(200);
  });

  it('redrives a dead-letter queue back to the queue each message came from', async () => {
    const dlqArn = queueArnOf('orders-dlq');
    const dlq = await t.createQueue('orders-dlq');
    const orders = await t.createQueue('orders', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) });
    await t.sqs.client.send(new t.sqs.sdk.SendMessageCommand({ QueueUrl: orders, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) await t.sqs.client.send(new t.sqs.sdk.ReceiveMessageCommand({ QueueUrl: orders, VisibilityTimeout: 0 }));
    expect((await wharfApi(t.server, 'GET', '/_wharf/sqs/queues/000000000000/us-east-1/orders-dlq')).body.queue.counts.visible).toBe(1);

    const started = await post('/orders-dlq/redrive', {});

    expect(started.status).toBe(200);
    expect(typeof started.body.taskHandle).toBe('string');
    const tasks = await t.sqs.client.send(new t.sqs.sdk.ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(tasks.Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    expect((await receiveAll(orders)).map((m) => m.Body)).toEqual(['poison']);
    expect(await receiveAll(dlq)).toEqual([]);
    const detail = await wharfApi(t.server, 'GET', '/_wharf/sqs/queues/000000000000/us-east-1/orders-dlq');
    expect(detail.body.moveTasks).toEqual([{ status: 'COMPLETED', moved: 1, toMove: 1, startedAt: '2026-01-01T00:00:00.000Z' }]);
  });

  it('refuses to redrive a queue that is no dead-letter queue, as StartMessageMoveTask does', async () => {
    await t.createQueue('orders');
    expect(await post('/orders/redrive', {})).toMatchObject({
      status: 400,
      body: { error: 'InvalidParameterValue', message: 'Source queue must be configured as a Dead Letter Queue.' },
    });
    await t.createQueue('orders-dlq');
    await t.createQueue('src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArnOf('orders-dlq'), maxReceiveCount: 1 }) });
    expect(await post('/orders-dlq/redrive', { maxNumberOfMessagesPerSecond: 501 })).toMatchObject({ status: 400, body: { error: 'InvalidParameterValue' } });
  });
});
