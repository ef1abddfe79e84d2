import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectSqsError, queueArnOf, useSqsServer } from '../../support/sqs-suite.js';

/**
 * Message move tasks (DLQ redrive). Messages and codes marked as recorded come from LocalStack's
 * tests/aws/services/sqs/test_sqs_move_task.snapshot.json, recorded against AWS in 2024.
 * wharf moves messages lazily as the clock advances, so tests advance the ManualClock and then
 * read ListMessageMoveTasks rather than assuming when a move happens.
 */
describe.each(SQS_PROTOCOLS)('SQS message move tasks over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;
  const url = (name: string) => `${t.server.url}/000000000000/${name}`;
  const DLQ_ARN = queueArnOf('orders-dlq');
  const DESTINATION_ARN = queueArnOf('elsewhere');
  const MessageAttributes = { Kind: { DataType: 'String', StringValue: 'retry-me' } };

  type Task = { Status?: string; TaskHandle?: string; ApproximateNumberOfMessagesMoved?: number; [key: string]: unknown };

  async function countOf(QueueUrl: string): Promise<number> {
    const { sdk, client } = t.sqs;
    const out = await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    return Number(out.Attributes?.ApproximateNumberOfMessages);
  }
  async function receiveAll(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    const all = [];
    for (;;) {
      const out = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600, ...extra }));
      if (!out.Messages?.length) return all;
      all.push(...out.Messages);
    }
  }
  /** `orders-dlq` (the DLQ), `elsewhere` (a plain destination) and source queues redriving to the DLQ. */
  async function setUp(sources: string[] = ['orders']) {
    await t.createQueue('orders-dlq');
    await t.createQueue('elsewhere');
    for (const name of sources) {
      await t.createQueue(name, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 1 }) });
    }
  }
  /** Sends each body to `source` and receives it twice (visibility 0) so that it lands in the DLQ. */
  async function deadLetter(bodies: string[], source = 'orders') {
    const { sdk, client } = t.sqs;
    const before = await countOf(url('orders-dlq'));
    for (const body of bodies) await client.send(new sdk.SendMessageCommand({ QueueUrl: url(source), MessageBody: body, MessageAttributes }));
    for (let i = 0; i < 2 * bodies.length + 4 && (await countOf(url('orders-dlq'))) < before + bodies.length; i++) {
      await client.send(new sdk.ReceiveMessageCommand({ QueueUrl: url(source), MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
    }
    expect(await countOf(url('orders-dlq'))).toBe(before + bodies.length);
  }
  async function start(input: { SourceArn?: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number } = {}) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.StartMessageMoveTaskCommand({ SourceArn: DLQ_ARN, ...input }));
  }
  async function list(SourceArn = DLQ_ARN, MaxResults?: number): Promise<Task[]> {
    const { sdk, client } = t.sqs;
    const out = await client.send(new sdk.ListMessageMoveTasksCommand({ SourceArn, ...(MaxResults ? { MaxResults } : {}) }));
    return (out.Results ?? []) as Task[];
  }
  function cancel(TaskHandle: string) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.CancelMessageMoveTaskCommand({ TaskHandle }));
  }
  /** Reads the newest task after each second of clock time until `done` holds. */
  async function settle(done: (task: Task) => boolean, maxSeconds = 5): Promise<Task> {
    for (let second = 0; ; second++) {
      const [task] = await list();
      if (task && done(task)) return task;
      if (second >= maxSeconds) throw new Error(`task still ${JSON.stringify(task)} after ${maxSeconds} s`);
      clock().advance(1_000);
    }
  }
  const finished = (task: Task) => task.Status !== 'RUNNING';

  describe('StartMessageMoveTask and ListMessageMoveTasks', () => {
    it('moves every message to DestinationArn without a rate limit, as new messages, and reports the task COMPLETED', async () => {
      await setUp();
      await deadLetter(['m1', 'm2', 'm3']);
      const { sdk, client } = t.sqs;
      const peek = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl: url('orders-dlq'), MaxNumberOfMessages: 10, VisibilityTimeout: 1 }));
      const inDlq = (peek.Messages ?? []).map((m) => m.MessageId);
      expect(inDlq).toHaveLength(3);
      clock().advance(1_000);
      const startedAt = clock().now();
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN });
      expect(TaskHandle).toEqual(expect.any(String));

      expect(await settle(finished)).toEqual({
        Status: 'COMPLETED',
        SourceArn: DLQ_ARN,
        DestinationArn: DESTINATION_ARN,
        ApproximateNumberOfMessagesMoved: 3,
        ApproximateNumberOfMessagesToMove: 3,
        StartedTimestamp: startedAt,
      });
      const moved = await receiveAll(url('elsewhere'), { MessageAttributeNames: ['All'] });
      expect(moved.map((m) => m.Body).sort()).toEqual(['m1', 'm2', 'm3']);
      expect(moved.every((m) => !inDlq.includes(m.MessageId))).toBe(true);
      expect(moved.map((m) => m.MessageAttributes)).toEqual([MessageAttributes, MessageAttributes, MessageAttributes]);
      expect(await countOf(url('orders-dlq'))).toBe(0);
    });

    it('returns each message to the queue it was dead-lettered from when there is no DestinationArn', async () => {
      await setUp(['source-a', 'source-b']);
      await deadLetter(['from-a-1', 'from-a-2'], 'source-a');
      await deadLetter(['from-b'], 'source-b');
      await start();
      expect(await settle(finished)).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 3 });
      expect((await list())[0]).not.toHaveProperty('DestinationArn');
      expect((await receiveAll(url('source-a'))).map((m) => m.Body).sort()).toEqual(['from-a-1', 'from-a-2']);
      expect((await receiveAll(url('source-b'))).map((m) => m.Body)).toEqual(['from-b']);
      expect(await countOf(url('orders-dlq'))).toBe(0);
    });

    it('moves at most MaxNumberOfMessagesPerSecond messages per second of clock time', async () => {
      const RATE = 2;
      const MESSAGES = 10;
      await setUp();
      await deadLetter(Array.from({ length: MESSAGES }, (_, i) => `m${i}`));
      const startedAt = clock().now();
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: RATE });
      let seconds = 0;
      for (;;) {
        const [task] = await list();
        const atMost = Math.min(MESSAGES, Math.floor(seconds * RATE));
        expect(task!.ApproximateNumberOfMessagesMoved).toBeLessThanOrEqual(atMost);
        expect(await countOf(url('elsewhere'))).toBeLessThanOrEqual(atMost);
        if (seconds === 1) {
          expect(task).toEqual({
            Status: 'RUNNING',
            TaskHandle,
            SourceArn: DLQ_ARN,
            DestinationArn: DESTINATION_ARN,
            MaxNumberOfMessagesPerSecond: RATE,
            ApproximateNumberOfMessagesMoved: expect.any(Number),
            ApproximateNumberOfMessagesToMove: MESSAGES,
            StartedTimestamp: startedAt,
          });
        }
        if (task!.Status === 'COMPLETED') break;
        expect(seconds).toBeLessThan(2 * (MESSAGES / RATE));
        clock().advance(1_000);
        seconds++;
      }
      expect(seconds).toBeGreaterThanOrEqual(MESSAGES / RATE);
      expect(await countOf(url('elsewhere'))).toBe(MESSAGES);
      expect((await list())[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: MESSAGES });
    });

    it('moves the oldest messages first', async () => {
      await setUp();
      for (let i = 0; i < 4; i++) {
        await deadLetter([`m${i}`]);
        clock().advance(1_000);
      }
      await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      const arrivals: string[] = [];
      for (let second = 0; second < 8 && arrivals.length < 4; second++) {
        await list();
        arrivals.push(...(await receiveAll(url('elsewhere'))).map((m) => m.Body!));
        clock().advance(1_000);
      }
      expect(arrivals).toEqual(['m0', 'm1', 'm2', 'm3']);
    });

    it('moves only the messages that were in the dead-letter queue when the task started', async () => {
      await setUp();
      await deadLetter(['before-1', 'before-2']);
      await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      await deadLetter(['after']);
      expect(await settle(finished, 10)).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 2, ApproximateNumberOfMessagesToMove: 2 });
      expect((await receiveAll(url('elsewhere'))).map((m) => m.Body).sort()).toEqual(['before-1', 'before-2']);
      expect((await receiveAll(url('orders-dlq'))).map((m) => m.Body)).toEqual(['after']);
    });

    it('lists the newest task only by default, and up to MaxResults newest first', async () => {
      await setUp();
      await deadLetter(['first']);
      await start({ DestinationArn: DESTINATION_ARN });
      await settle(finished);
      clock().advance(1_000);
      await deadLetter(['second']);
      const secondStartedAt = clock().now();
      await start();
      await settle(finished);
      const newest = await list();
      expect(newest).toHaveLength(1);
      expect(newest[0]).toMatchObject({ StartedTimestamp: secondStartedAt });
      expect(newest[0]).not.toHaveProperty('DestinationArn');
      const both = await list(DLQ_ARN, 10);
      expect(both.map((task) => task.DestinationArn)).toEqual([undefined, DESTINATION_ARN]);
    });

    it('lists no tasks for a dead-letter queue that never had one', async () => {
      await setUp();
      expect(await list()).toEqual([]);
    });

    it.each([0, 11])('fails with InvalidParameterValue for ListMessageMoveTasks MaxResults %i (wording unverified against AWS)', async (MaxResults) => {
      const { sdk, client } = t.sqs;
      await setUp();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ListMessageMoveTasksCommand({ SourceArn: DLQ_ARN, MaxResults })),
        'InvalidParameterValue',
        expect.stringMatching(/MaxResults/),
      );
    });

    it('fails with InvalidParameterValue for a source that is not a dead-letter queue', async () => {
      await setUp();
      await expectSqsError(
        t.sqs,
        start({ SourceArn: DESTINATION_ARN, DestinationArn: queueArnOf('orders') }),
        'InvalidParameterValue',
        'Source queue must be configured as a Dead Letter Queue.',
      );
    });

    it('fails with ResourceNotFoundException for a source queue that does not exist (unverified against AWS)', async () => {
      await setUp();
      await expectSqsError(
        t.sqs,
        start({ SourceArn: queueArnOf('missing') }),
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    });

    it('fails with ResourceNotFoundException for a destination queue that does not exist', async () => {
      await setUp();
      await deadLetter(['m']);
      await expectSqsError(
        t.sqs,
        start({ DestinationArn: queueArnOf('elsewheredoesntexist') }),
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    });

    it.each([0, 501])('fails with InvalidParameterValue for MaxNumberOfMessagesPerSecond %i (wording unverified against AWS)', async (rate) => {
      await setUp();
      await deadLetter(['m']);
      await expectSqsError(
        t.sqs,
        start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: rate }),
        'InvalidParameterValue',
        expect.stringMatching(/^Value .*for parameter MaxNumberOfMessagesPerSecond is invalid\./),
      );
    });

    it('fails with InvalidParameterValue while another task of the same source is running', async () => {
      await setUp();
      await deadLetter(['m1', 'm2', 'm3']);
      await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      await expectSqsError(
        t.sqs,
        start({ DestinationArn: DESTINATION_ARN }),
        'InvalidParameterValue',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    });
  });

  describe('CancelMessageMoveTask', () => {
    it('stops a running task, which reports CANCELLED and leaves the rest in the dead-letter queue', async () => {
      await setUp();
      await deadLetter(['m1', 'm2', 'm3', 'm4', 'm5']);
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      for (let second = 0; second < 2; second++) {
        clock().advance(1_000);
        await list();
      }
      const { ApproximateNumberOfMessagesMoved: moved } = await cancel(TaskHandle!);
      expect(moved).toBeLessThanOrEqual(2);
      const [task] = await list();
      expect(task).toMatchObject({ Status: 'CANCELLED', ApproximateNumberOfMessagesMoved: moved, ApproximateNumberOfMessagesToMove: 5 });
      expect(task).not.toHaveProperty('TaskHandle');
      clock().advance(10_000);
      await list();
      expect(await countOf(url('elsewhere'))).toBe(moved);
      expect(await countOf(url('orders-dlq'))).toBe(5 - moved!);
    });

    it('lets a new task start once the running one is cancelled', async () => {
      await setUp();
      await deadLetter(['m1', 'm2']);
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      await cancel(TaskHandle!);
      await start({ DestinationArn: DESTINATION_ARN });
      expect(await settle(finished)).toMatchObject({ Status: 'COMPLETED' });
    });

    it('fails with ResourceNotFoundException for a task that is no longer running (unverified against AWS)', async () => {
      await setUp();
      await deadLetter(['m1', 'm2']);
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      await cancel(TaskHandle!);
      await expectSqsError(t.sqs, cancel(TaskHandle!), 'ResourceNotFoundException', 'Task does not exist.');
    });

    it('fails with ResourceNotFoundException for a completed task (unverified against AWS)', async () => {
      await setUp();
      await deadLetter(['m1']);
      const { TaskHandle } = await start({ DestinationArn: DESTINATION_ARN });
      await settle(finished);
      await expectSqsError(t.sqs, cancel(TaskHandle!), 'ResourceNotFoundException', 'Task does not exist.');
    });

    it('fails with InvalidParameterValue for a malformed task handle', async () => {
      await expectSqsError(t.sqs, cancel('foobared'), 'InvalidParameterValue', 'Value for parameter TaskHandle is invalid.');
    });
  });

  describe('failures', () => {
    it('fails the task with AWS.SimpleQueueService.NonExistentQueue when the destination is deleted while it runs', async () => {
      const { sdk, client } = t.sqs;
      await setUp();
      await deadLetter(['m1', 'm2', 'm3', 'm4', 'm5']);
      await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      clock().advance(1_000);
      await list();
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl: url('elsewhere') }));
      const task = await settle(finished);
      expect(task).toMatchObject({ Status: 'FAILED', FailureReason: 'AWS.SimpleQueueService.NonExistentQueue', ApproximateNumberOfMessagesToMove: 5 });
      expect(task).not.toHaveProperty('TaskHandle');
      expect(await countOf(url('orders-dlq'))).toBe(5 - task.ApproximateNumberOfMessagesMoved!);
      expect(task.ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    });

    it('fails the task when its source queue is deleted while it runs (reason unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      await setUp();
      await deadLetter(['m1', 'm2', 'm3']);
      await start({ DestinationArn: DESTINATION_ARN, MaxNumberOfMessagesPerSecond: 1 });
      clock().advance(1_000);
      await list();
      await client.send(new sdk.DeleteQueueCommand({ QueueUrl: url('orders-dlq') }));
      clock().advance(1_000);
      const task = await settle(finished);
      expect(task).toMatchObject({ Status: 'FAILED', FailureReason: expect.stringMatching(/.+/), ApproximateNumberOfMessagesToMove: 3 });
      expect(task.ApproximateNumberOfMessagesMoved).toBeLessThanOrEqual(1);
      expect(await countOf(url('elsewhere'))).toBe(task.ApproximateNumberOfMessagesMoved);
    });

    it('fails the task when a message has no original source and there is no DestinationArn (reason unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      await setUp();
      await client.send(new sdk.SendMessageCommand({ QueueUrl: url('orders-dlq'), MessageBody: 'sent straight to the DLQ' }));
      await start();
      const task = await settle(finished);
      expect(task).toMatchObject({ Status: 'FAILED', FailureReason: expect.stringMatching(/.+/) });
      expect(await countOf(url('orders-dlq'))).toBe(1);
    });
  });
});
