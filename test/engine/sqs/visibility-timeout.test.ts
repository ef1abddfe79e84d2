import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, expectAwsError, queueKey, receive, receiveOne, send, startEngine, type EngineFixture } from '../../support/sqs-engine.js';

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
describe('SQS visibility timeout', () => {
  let f: EngineFixture;
  const q = queueKey('orders');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => f.close());

  it('hides a received message for the queue default of 30 seconds, then returns it with ApproximateReceiveCount 2 and a new receipt handle', async () => {
    const { messageId } = send(f.sqs, q, 'hello');
    const first = await receiveOne(f.sqs, q, { systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(first.messageId).toBe(messageId);
    expect(first.attributes).toEqual({ ApproximateReceiveCount: '1' });

    expect(await receive(f.sqs, q)).toEqual([]);
    f.clock.advance(29_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });

    f.clock.advance(1);
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
    const second = await receiveOne(f.sqs, q, { systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(second.messageId).toBe(messageId);
    expect(second.body).toBe('hello');
    expect(second.attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(second.receiptHandle).not.toBe(first.receiptHandle);
  });

  it("uses the queue's VisibilityTimeout attribute", async () => {
    f.sqs.setQueueAttributes(q, { VisibilityTimeout: '45' });
    send(f.sqs, q, 'm');
    await receiveOne(f.sqs, q);
    f.clock.advance(44_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    f.clock.advance(1);
    await receiveOne(f.sqs, q);
  });

  it('lets a ReceiveMessage VisibilityTimeout override the queue default for that receive only', async () => {
    send(f.sqs, q, 'm');
    await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
    f.clock.advance(4_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    f.clock.advance(1);
    await receiveOne(f.sqs, q); // received again, now with the queue's 30 s
    f.clock.advance(29_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    f.clock.advance(1);
    await receiveOne(f.sqs, q);
  });

  it('makes a message visible again at once when received with VisibilityTimeout 0', async () => {
    send(f.sqs, q, 'm');
    const first = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 0 });
    const again = await receiveOne(f.sqs, q, { systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(again.messageId).toBe(first.messageId);
    expect(again.attributes?.ApproximateReceiveCount).toBe('2');
  });

  describe('ChangeMessageVisibility', () => {
    it('extends the timeout, counted from the time of the call', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.clock.advance(20_000);
      f.sqs.changeMessageVisibility(q, receiptHandle, 30); // visible again at 50 s, not 30 s or 60 s
      f.clock.advance(29_999);
      expect(await receive(f.sqs, q)).toEqual([]);
      f.clock.advance(1);
      await receiveOne(f.sqs, q);
    });

    it('shortens the timeout, counted from the time of the call', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.clock.advance(5_000);
      f.sqs.changeMessageVisibility(q, receiptHandle, 10); // visible again at 15 s
      f.clock.advance(9_999);
      expect(await receive(f.sqs, q)).toEqual([]);
      f.clock.advance(1);
      await receiveOne(f.sqs, q);
    });

    it('makes the message visible immediately with a timeout of 0', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle, messageId } = await receiveOne(f.sqs, q);
      f.sqs.changeMessageVisibility(q, receiptHandle, 0);
      expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
      expect((await receiveOne(f.sqs, q)).messageId).toBe(messageId);
    });

    it('refuses a total visibility beyond 12 hours counted from the receive, and extending does not reset that limit', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.clock.advance(3_600_000); // 1 h after the receive: 11 h left
      expectAwsError(
        () => f.sqs.changeMessageVisibility(q, receiptHandle, 39_601),
        'InvalidParameterValue',
        'Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
      );
      f.sqs.changeMessageVisibility(q, receiptHandle, 39_600);

      f.clock.advance(3_600_000); // 2 h after the receive: the extension did not restart the 12 h
      expectAwsError(() => f.sqs.changeMessageVisibility(q, receiptHandle, 36_001), 'InvalidParameterValue');
      f.sqs.changeMessageVisibility(q, receiptHandle, 36_000);
    });

    it('counts the 12-hour limit from the latest receive, not the first', async () => {
      send(f.sqs, q, 'm');
      await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 10 });
      f.clock.advance(10_000);
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.sqs.changeMessageVisibility(q, receiptHandle, 43_200);
    });

    it('still changes a message whose timeout expired if nobody received it again', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
      f.clock.advance(6_000);
      f.sqs.changeMessageVisibility(q, receiptHandle, 60);
      expect(await receive(f.sqs, q)).toEqual([]);
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    });

    it('refuses the receipt handle of an earlier receive once the message was received again', async () => {
      send(f.sqs, q, 'm');
      const old = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
      f.clock.advance(5_000);
      await receiveOne(f.sqs, q);
      expectAwsError(
        () => f.sqs.changeMessageVisibility(q, old.receiptHandle, 0),
        'InvalidParameterValue',
        `Value ${old.receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    });

    it('refuses the receipt handle of a deleted message', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.sqs.deleteMessage(q, receiptHandle);
      expectAwsError(() => f.sqs.changeMessageVisibility(q, receiptHandle, 10), 'InvalidParameterValue');
    });
  });

  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
  describe('DeleteMessage', () => {
    it('deletes the message for good', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.sqs.deleteMessage(q, receiptHandle);
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
      f.clock.advance(30_000);
      expect(await receive(f.sqs, q)).toEqual([]);
    });

    it('deletes the message when given the receipt handle of an earlier receive, as AWS does in practice [SQS-DELETE-STALE]', async () => {
      send(f.sqs, q, 'm');
      const old = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
      f.clock.advance(5_000);
      const latest = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });

      f.sqs.deleteMessage(q, old.receiptHandle);
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
      expect(latest.receiptHandle).not.toBe(old.receiptHandle);
    });

    it('deletes with the latest receipt handle even after the timeout expired', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
      f.clock.advance(10_000);
      f.sqs.deleteMessage(q, receiptHandle);
      expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    });

    it('succeeds again for a message that is already deleted', async () => {
      send(f.sqs, q, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, q);
      f.sqs.deleteMessage(q, receiptHandle);
      f.sqs.deleteMessage(q, receiptHandle);
    });

    it('refuses a receipt handle that wharf did not issue', () => {
      for (const handle of ['not-a-handle', 'AQEB+garbage/==', '']) {
        expectAwsError(() => f.sqs.deleteMessage(q, handle), 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
        expectAwsError(() => f.sqs.changeMessageVisibility(q, handle, 0), 'ReceiptHandleIsInvalid');
      }
    });

    it("refuses another queue's receipt handle and leaves that message alone", async () => {
      const other = queueKey('other');
      f.sqs.createQueue(other, {}, {});
      send(f.sqs, other, 'm');
      const { receiptHandle } = await receiveOne(f.sqs, other);
      expectAwsError(() => f.sqs.deleteMessage(q, receiptHandle), 'ReceiptHandleIsInvalid');
      expectAwsError(() => f.sqs.changeMessageVisibility(q, receiptHandle, 0), 'ReceiptHandleIsInvalid');
      expect(counts(f.sqs, other)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    });
  });
});
