import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectSqsError, systemAttributeNames, useSqsServer } from '../../support/sqs-suite.js';

const ATTEMPT_WINDOW_MS = 5 * 60_000;

describe.each(SQS_PROTOCOLS)('SQS FIFO ReceiveMessage over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;
  const createFifo = (attributes: Record<string, string> = {}) => t.createQueue('orders.fifo', { FifoQueue: 'true', ...attributes });
  let dedup = 0;

  /** Sends bodies in order; a body `a1` goes to group `a`. */
  async function sendInOrder(QueueUrl: string, bodies: string[]) {
    const { sdk, client } = t.sqs;
    for (const body of bodies) {
      await client.send(
        new sdk.SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: body.replace(/\d+$/, ''), MessageDeduplicationId: `d${dedup++}` }),
      );
    }
  }
  async function receive(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
  }
  const bodies = (messages: { Body?: string }[]) => messages.map((m) => m.Body);
  async function deleteMessage(QueueUrl: string, ReceiptHandle: string) {
    const { sdk, client } = t.sqs;
    await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
  }

  describe('ordering and group locking', () => {
    it('delivers the messages of one group strictly in send order', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'a3', 'a4']);
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const [message] = await receive(QueueUrl);
        seen.push(message!.Body!);
        await deleteMessage(QueueUrl, message!.ReceiptHandle!);
      }
      expect(seen).toEqual(['a1', 'a2', 'a3', 'a4']);
    });

    it('delivers nothing more of a group while one of its messages is in flight', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2']);
      const [first] = await receive(QueueUrl);
      expect(first?.Body).toBe('a1');
      expect(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).toEqual([]);
      await deleteMessage(QueueUrl, first!.ReceiptHandle!);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(['a2']);
    });

    it('delivers the same head again, not the next message, when its visibility timeout expires', async () => {
      const QueueUrl = await createFifo({ VisibilityTimeout: '10' });
      await sendInOrder(QueueUrl, ['a1', 'a2']);
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
      clock().advance(9_999);
      expect(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).toEqual([]);
      clock().advance(1);
      const [again] = await receive(QueueUrl, systemAttributeNames(protocol, ['ApproximateReceiveCount']));
      expect([again?.Body, again?.Attributes?.ApproximateReceiveCount]).toEqual(['a1', '2']);
    });

    it('unlocks the group when the head is made visible with ChangeMessageVisibility 0', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2']);
      const [first] = await receive(QueueUrl);
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first!.ReceiptHandle!, VisibilityTimeout: 0 }));
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
    });

    it('interleaves other groups while one group is locked', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'b1', 'b2']);
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
      expect(bodies(await receive(QueueUrl))).toEqual(['b1']);
      expect(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).toEqual([]);
    });

    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html:
    // a receive "first attempts to return as many messages with the same message group ID as possible".
    it('returns as many messages of the oldest available group as it can first', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 3 }))).toEqual(['a1', 'a2', 'a3']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(['b1', 'b2', 'c1']);
    });

    it('fills a receive up from the next available groups, in order within each', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 5 }))).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(['c1']);
    });

    it('serves the oldest group first even when its messages are interleaved with other groups', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'b1', 'a2', 'c1', 'b2', 'a3']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 2 }))).toEqual(['a1', 'a2']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(['b1', 'b2', 'c1']);
    });

    it('skips a locked group and serves the next group in full', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'b1', 'a2', 'b2']);
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(['b1', 'b2']);
    });

    it('returns every available message of every group, each group in order, when MaxNumberOfMessages allows', async () => {
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'b1', 'a2', 'c1', 'b2', 'a3']);
      const received = bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }));
      expect([...received].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
      for (const group of ['a', 'b', 'c']) {
        const ofGroup = received.filter((b) => b!.startsWith(group));
        expect(ofGroup).toEqual([...ofGroup].sort());
      }
    });

    it('keeps the entry order of a SendMessageBatch within a group', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}`, MessageGroupId: 'g', MessageDeduplicationId: `d${i}` }));
      await client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries }));
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 }))).toEqual(Entries.map((e) => e.MessageBody));
    });

    it('unlocks the groups when DeleteMessageBatch deletes their in-flight messages', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'b1', 'b2']);
      const first = [...(await receive(QueueUrl)), ...(await receive(QueueUrl))];
      expect(bodies(first)).toEqual(['a1', 'b1']);
      const out = await client.send(
        new sdk.DeleteMessageBatchCommand({ QueueUrl, Entries: first.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }),
      );
      expect(out.Failed ?? []).toEqual([]);
      expect(bodies(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).sort()).toEqual(['a2', 'b2']);
    });

    it('unlocks a group when ChangeMessageVisibilityBatch makes its head visible', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2']);
      const [first] = await receive(QueueUrl);
      const out = await client.send(
        new sdk.ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: first!.ReceiptHandle!, VisibilityTimeout: 0 }] }),
      );
      expect(out.Failed ?? []).toEqual([]);
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
    });

    it('counts the in-flight head as not visible and the rest of its group as visible (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      await sendInOrder(QueueUrl, ['a1', 'a2', 'a3']);
      await receive(QueueUrl);
      const out = await client.send(
        new sdk.GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      expect(out.Attributes).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '1', ApproximateNumberOfMessagesDelayed: '0' });
    });

    it('fails with InvalidParameterValue when deleting with a receipt handle whose visibility timeout expired', async () => {
      const QueueUrl = await createFifo({ VisibilityTimeout: '10' });
      await sendInOrder(QueueUrl, ['a1']);
      const [first] = await receive(QueueUrl);
      clock().advance(10_000);
      expect(bodies(await receive(QueueUrl))).toEqual(['a1']);
      const handle = first!.ReceiptHandle!;
      await expectSqsError(
        t.sqs,
        deleteMessage(QueueUrl, handle),
        'InvalidParameterValue',
        `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
      );
    });
  });

  describe('ReceiveRequestAttemptId', () => {
    async function attemptSetup() {
      const QueueUrl = await createFifo({ VisibilityTimeout: '600' });
      await sendInOrder(QueueUrl, ['a1', 'b1']);
      const names = systemAttributeNames(protocol, ['ApproximateReceiveCount']);
      const first = await receive(QueueUrl, { MaxNumberOfMessages: 10, ReceiveRequestAttemptId: 'attempt-1', ...names });
      expect(bodies(first)).toEqual(['a1', 'b1']);
      const retry = () => receive(QueueUrl, { MaxNumberOfMessages: 10, ReceiveRequestAttemptId: 'attempt-1', ...names });
      return { QueueUrl, first, retry };
    }
    const shape = (messages: { MessageId?: string; ReceiptHandle?: string; Attributes?: Record<string, string> }[]) =>
      messages.map((m) => [m.MessageId, m.ReceiptHandle, m.Attributes?.ApproximateReceiveCount]);

    it('returns the same messages and receipt handles to a retry within 5 minutes, without counting a receive', async () => {
      const { first, retry } = await attemptSetup();
      clock().advance(ATTEMPT_WINDOW_MS - 1);
      const again = await retry();
      expect(shape(again)).toEqual(shape(first));
      expect(again.map((m) => m.Attributes?.ApproximateReceiveCount)).toEqual(['1', '1']);
    });

    it('receives afresh with another attempt id', async () => {
      const { QueueUrl } = await attemptSetup();
      expect(await receive(QueueUrl, { MaxNumberOfMessages: 10, ReceiveRequestAttemptId: 'attempt-2' })).toEqual([]);
    });

    it('receives afresh after 5 minutes', async () => {
      const { retry } = await attemptSetup();
      clock().advance(ATTEMPT_WINDOW_MS);
      expect(await retry()).toEqual([]);
    });

    it('receives afresh once one of the messages was deleted', async () => {
      const { QueueUrl, first, retry } = await attemptSetup();
      await deleteMessage(QueueUrl, first[0]!.ReceiptHandle!);
      expect(await retry()).toEqual([]);
    });

    it("receives afresh once one of the messages' visibility was changed", async () => {
      const { sdk, client } = t.sqs;
      const { QueueUrl, first, retry } = await attemptSetup();
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first[1]!.ReceiptHandle!, VisibilityTimeout: 0 }));
      const again = await retry();
      expect(bodies(again)).toEqual(['b1']);
      expect(again[0]?.ReceiptHandle).not.toBe(first[1]?.ReceiptHandle);
      expect(again[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    });
  });
});
