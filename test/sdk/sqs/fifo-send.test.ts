import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectSqsError, systemAttributeNames, useSqsServer } from '../../support/sqs-suite.js';

const START_MS = Date.UTC(2026, 0, 1);
const DEDUPLICATION_INTERVAL_MS = 5 * 60_000;
const NO_GROUP = 'The request must contain the parameter MessageGroupId.';
const NO_DEDUPLICATION = 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const sequenceOrder = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describe.each(SQS_PROTOCOLS)('SQS FIFO SendMessage and SendMessageBatch over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;
  const createFifo = (attributes: Record<string, string> = {}, name = 'orders.fifo') => t.createQueue(name, { FifoQueue: 'true', ...attributes });

  function send(QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
  }
  function sendBatch(QueueUrl: string, Entries: Record<string, unknown>[]) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries: Entries as never }));
  }
  async function receiveAll(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }))).Messages ?? [];
  }
  async function visibleCount(QueueUrl: string) {
    const { sdk, client } = t.sqs;
    const out = await client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    return Number(out.Attributes?.ApproximateNumberOfMessages);
  }

  describe('SendMessage', () => {
    it('returns a MessageId, the MD5 of the body and a 20-digit SequenceNumber', async () => {
      const QueueUrl = await createFifo();
      const out = await send(QueueUrl, 'msg', { MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
      expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(out.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
      expect(out.SequenceNumber).toMatch(/^\d{20}$/);
    });

    it('returns strictly increasing SequenceNumbers across groups', async () => {
      const QueueUrl = await createFifo();
      const numbers: string[] = [];
      for (let i = 0; i < 5; i++)
        numbers.push((await send(QueueUrl, `m${i}`, { MessageGroupId: `g${i % 2}`, MessageDeduplicationId: `d${i}` })).SequenceNumber!);
      expect(numbers.every((n) => /^\d{20}$/.test(n))).toBe(true);
      expect([...numbers].sort(sequenceOrder)).toEqual(numbers);
      expect(new Set(numbers).size).toBe(5);
    });

    it('fails with MissingParameter without a MessageGroupId', async () => {
      const QueueUrl = await createFifo();
      await expectSqsError(t.sqs, send(QueueUrl, 'msg', { MessageDeduplicationId: 'd1' }), 'MissingParameter', NO_GROUP);
    });

    it('fails with InvalidParameterValue without a MessageDeduplicationId when ContentBasedDeduplication is off', async () => {
      const QueueUrl = await createFifo();
      await expectSqsError(t.sqs, send(QueueUrl, 'msg', { MessageGroupId: 'g' }), 'InvalidParameterValue', NO_DEDUPLICATION);
    });

    it('fails with InvalidParameterValue for a per-message DelaySeconds', async () => {
      const QueueUrl = await createFifo();
      await expectSqsError(
        t.sqs,
        send(QueueUrl, 'msg', { MessageGroupId: 'g', MessageDeduplicationId: 'd1', DelaySeconds: 2 }),
        'InvalidParameterValue',
        'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      );
    });

    it('accepts a per-message DelaySeconds of 0', async () => {
      const QueueUrl = await createFifo();
      await send(QueueUrl, 'msg', { MessageGroupId: 'g', MessageDeduplicationId: 'd1', DelaySeconds: 0 });
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['msg']);
    });

    it("delays messages by the queue's DelaySeconds", async () => {
      const QueueUrl = await createFifo({ DelaySeconds: '10' });
      await send(QueueUrl, 'later', { MessageGroupId: 'g', MessageDeduplicationId: 'd1' });
      clock().advance(9_999);
      expect(await receiveAll(QueueUrl)).toEqual([]);
      clock().advance(1);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['later']);
    });
  });

  describe('deduplication', () => {
    it('accepts a duplicate within 5 minutes, returning the original MessageId and SequenceNumber without enqueuing it', async () => {
      const QueueUrl = await createFifo();
      const first = await send(QueueUrl, 'one', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      clock().advance(DEDUPLICATION_INTERVAL_MS - 1);
      const again = await send(QueueUrl, 'two', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      expect([again.MessageId, again.SequenceNumber]).toEqual([first.MessageId, first.SequenceNumber]);
      expect(await visibleCount(QueueUrl)).toBe(1);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['one']);
    });

    it('enqueues the same deduplication id again once 5 minutes have passed', async () => {
      const QueueUrl = await createFifo();
      const first = await send(QueueUrl, 'one', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      clock().advance(DEDUPLICATION_INTERVAL_MS);
      const again = await send(QueueUrl, 'two', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      expect(again.MessageId).not.toBe(first.MessageId);
      expect(sequenceOrder(again.SequenceNumber!, first.SequenceNumber!)).toBe(1);
      expect(await visibleCount(QueueUrl)).toBe(2);
    });

    it('deduplicates against a message that was already received and deleted', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await createFifo();
      const first = await send(QueueUrl, 'one', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      const [received] = await receiveAll(QueueUrl);
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: received!.ReceiptHandle! }));
      const again = await send(QueueUrl, 'one', { MessageGroupId: 'g', MessageDeduplicationId: 'same' });
      expect(again.MessageId).toBe(first.MessageId);
      expect(await receiveAll(QueueUrl)).toEqual([]);
    });

    it('deduplicates across message groups with DeduplicationScope queue', async () => {
      const QueueUrl = await createFifo();
      const first = await send(QueueUrl, 'one', { MessageGroupId: 'a', MessageDeduplicationId: 'same' });
      const again = await send(QueueUrl, 'two', { MessageGroupId: 'b', MessageDeduplicationId: 'same' });
      expect(again.MessageId).toBe(first.MessageId);
      expect(await visibleCount(QueueUrl)).toBe(1);
    });

    it('deduplicates only within a message group with DeduplicationScope messageGroup', async () => {
      const QueueUrl = await createFifo({ DeduplicationScope: 'messageGroup' });
      const first = await send(QueueUrl, 'one', { MessageGroupId: 'a', MessageDeduplicationId: 'same' });
      const otherGroup = await send(QueueUrl, 'two', { MessageGroupId: 'b', MessageDeduplicationId: 'same' });
      const sameGroup = await send(QueueUrl, 'three', { MessageGroupId: 'a', MessageDeduplicationId: 'same' });
      expect(otherGroup.MessageId).not.toBe(first.MessageId);
      expect(sameGroup.MessageId).toBe(first.MessageId);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body).sort()).toEqual(['one', 'two']);
    });

    it('uses the SHA-256 of the body as the deduplication id with ContentBasedDeduplication', async () => {
      const QueueUrl = await createFifo({ ContentBasedDeduplication: 'true' });
      const first = await send(QueueUrl, 'same body', { MessageGroupId: 'g' });
      const again = await send(QueueUrl, 'same body', { MessageGroupId: 'g' });
      await send(QueueUrl, 'other body', { MessageGroupId: 'g' });
      expect(again.MessageId).toBe(first.MessageId);
      const messages = await receiveAll(QueueUrl, systemAttributeNames(protocol, ['MessageDeduplicationId']));
      expect(messages.map((m) => [m.Body, m.Attributes?.MessageDeduplicationId])).toEqual([
        ['same body', sha256('same body')],
        ['other body', sha256('other body')],
      ]);
    });

    it('lets an explicit MessageDeduplicationId override content-based deduplication', async () => {
      const QueueUrl = await createFifo({ ContentBasedDeduplication: 'true' });
      await send(QueueUrl, 'same body', { MessageGroupId: 'g', MessageDeduplicationId: 'x' });
      await send(QueueUrl, 'same body', { MessageGroupId: 'g', MessageDeduplicationId: 'y' });
      const messages = await receiveAll(QueueUrl, systemAttributeNames(protocol, ['MessageDeduplicationId']));
      expect(messages.map((m) => m.Attributes?.MessageDeduplicationId)).toEqual(['x', 'y']);
    });
  });

  describe('SendMessageBatch', () => {
    it('returns a SequenceNumber per entry, increasing in entry order', async () => {
      const QueueUrl = await createFifo();
      const out = await sendBatch(
        QueueUrl,
        ['a', 'b', 'c'].map((id) => ({ Id: id, MessageBody: id, MessageGroupId: 'g', MessageDeduplicationId: id })),
      );
      expect(out.Failed ?? []).toEqual([]);
      const numbers = out.Successful!.map((s) => s.SequenceNumber!);
      expect(out.Successful!.map((s) => s.Id)).toEqual(['a', 'b', 'c']);
      expect(numbers.every((n) => /^\d{20}$/.test(n))).toBe(true);
      expect([...numbers].sort(sequenceOrder)).toEqual(numbers);
      expect(new Set(numbers).size).toBe(3);
    });

    it('fails the whole call with InvalidParameterValue when an entry has no MessageGroupId', async () => {
      const QueueUrl = await createFifo();
      await expectSqsError(
        t.sqs,
        sendBatch(QueueUrl, [
          { Id: 'ok', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'a' },
          { Id: 'nogroup', MessageBody: 'b', MessageDeduplicationId: 'b' },
        ]),
        'InvalidParameterValue',
        NO_GROUP,
      );
      expect(await visibleCount(QueueUrl)).toBe(0);
    });

    it('fails the whole call with InvalidParameterValue when an entry has no MessageDeduplicationId', async () => {
      const QueueUrl = await createFifo();
      await expectSqsError(
        t.sqs,
        sendBatch(QueueUrl, [
          { Id: 'ok', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'a' },
          { Id: 'nodedup', MessageBody: 'b', MessageGroupId: 'g' },
        ]),
        'InvalidParameterValue',
        NO_DEDUPLICATION,
      );
      expect(await visibleCount(QueueUrl)).toBe(0);
    });

    it('reports a per-message DelaySeconds as a failed entry and sends the others', async () => {
      const QueueUrl = await createFifo();
      const out = await sendBatch(QueueUrl, [
        { Id: 'ok', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'a' },
        { Id: 'delayed', MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'b', DelaySeconds: 5 },
      ]);
      expect(out.Successful?.map((s) => s.Id)).toEqual(['ok']);
      expect(out.Failed).toEqual([
        {
          Id: 'delayed',
          SenderFault: true,
          Code: 'InvalidParameterValue',
          Message: 'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
        },
      ]);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['a']);
    });

    it('returns the original MessageId and SequenceNumber for a duplicate inside the same batch', async () => {
      const QueueUrl = await createFifo();
      const out = await sendBatch(QueueUrl, [
        { Id: 'first', MessageBody: 'a', MessageGroupId: 'g', MessageDeduplicationId: 'same' },
        { Id: 'second', MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'same' },
      ]);
      const [first, second] = out.Successful!;
      expect([second?.MessageId, second?.SequenceNumber]).toEqual([first?.MessageId, first?.SequenceNumber]);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['a']);
    });

    it('returns the original MessageId for a duplicate of an earlier SendMessage', async () => {
      const QueueUrl = await createFifo({ ContentBasedDeduplication: 'true' });
      const first = await send(QueueUrl, 'body', { MessageGroupId: 'g' });
      const out = await sendBatch(QueueUrl, [{ Id: 'dup', MessageBody: 'body', MessageGroupId: 'g' }]);
      expect([out.Successful?.[0]?.MessageId, out.Successful?.[0]?.SequenceNumber]).toEqual([first.MessageId, first.SequenceNumber]);
      expect(await visibleCount(QueueUrl)).toBe(1);
    });
  });

  describe('system attributes on receive', () => {
    it('returns MessageGroupId, MessageDeduplicationId and SequenceNumber when asked for them', async () => {
      const QueueUrl = await createFifo();
      const sent = await send(QueueUrl, 'msg', { MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1' });
      const [message] = await receiveAll(QueueUrl, systemAttributeNames(protocol, ['MessageGroupId', 'MessageDeduplicationId', 'SequenceNumber']));
      expect(message?.Attributes).toEqual({ MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1', SequenceNumber: sent.SequenceNumber });
    });

    it('includes them in All', async () => {
      const QueueUrl = await createFifo();
      const sent = await send(QueueUrl, 'msg', { MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1' });
      const [message] = await receiveAll(QueueUrl, { AttributeNames: ['All'] });
      expect(message?.Attributes).toEqual({
        SenderId: 'AKIDWHARFTEST',
        SentTimestamp: String(START_MS),
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(START_MS),
        MessageGroupId: 'group-1',
        MessageDeduplicationId: 'dedup-1',
        SequenceNumber: sent.SequenceNumber,
      });
    });

    it.skipIf(protocol === 'query')('includes them in MessageSystemAttributeNames All', async () => {
      // The query-era SDK (3.445.0) has no MessageSystemAttributeNames parameter.
      const QueueUrl = await createFifo();
      await send(QueueUrl, 'msg', { MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1' });
      const [message] = await receiveAll(QueueUrl, { MessageSystemAttributeNames: ['All'] });
      expect(Object.keys(message?.Attributes ?? {}).sort()).toEqual([
        'ApproximateFirstReceiveTimestamp',
        'ApproximateReceiveCount',
        'MessageDeduplicationId',
        'MessageGroupId',
        'SenderId',
        'SentTimestamp',
        'SequenceNumber',
      ]);
    });
  });
});
