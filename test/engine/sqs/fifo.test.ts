import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  counts,
  expectAwsError,
  isSettled,
  queueKey,
  receive,
  send,
  settledValue,
  startEngine,
  type EngineFixture,
} from '../../support/sqs-engine.js';

const fifo = queueKey('orders.fifo');
let f: EngineFixture;

beforeEach(() => {
  f = startEngine();
  f.sqs.createQueue(fifo, { FifoQueue: 'true', VisibilityTimeout: '30' }, {});
});
afterEach(() => f.close());

const sendTo = (group: string, body: string, dedup = body) => send(f.sqs, fifo, body, { messageGroupId: group, deduplicationId: dedup });
const bodies = (messages: { body: string }[]) => messages.map((m) => m.body);

describe('FIFO queue attributes', () => {
  it('gives a new FIFO queue the FIFO defaults', () => {
    expect(f.sqs.getQueueAttributes(fifo, ['All'])).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('refuses FIFO-only attributes on a standard queue as unknown attributes', () => {
    f.sqs.createQueue(queueKey('plain'), {}, {});
    expectAwsError(
      () => f.sqs.setQueueAttributes(queueKey('plain'), { ContentBasedDeduplication: 'true' }),
      'InvalidAttributeName',
      'Unknown Attribute ContentBasedDeduplication.',
    );
    expectAwsError(() => f.sqs.setQueueAttributes(queueKey('plain'), { FifoQueue: 'true' }), 'InvalidAttributeName', 'Unknown Attribute FifoQueue.');
  });

  it('does not let a FIFO queue become a standard queue', () => {
    expectAwsError(
      () => f.sqs.setQueueAttributes(fifo, { FifoQueue: 'false' }),
      'InvalidAttributeValue',
      'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    );
  });

  it('allows high throughput only with deduplication per message group (unverified against AWS)', () => {
    expectAwsError(() => f.sqs.setQueueAttributes(fifo, { FifoThroughputLimit: 'perMessageGroupId' }), 'InvalidAttributeValue');
    f.sqs.setQueueAttributes(fifo, { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    expect(f.sqs.getQueueAttributes(fifo, ['FifoThroughputLimit', 'DeduplicationScope'])).toEqual({
      FifoThroughputLimit: 'perMessageGroupId',
      DeduplicationScope: 'messageGroup',
    });
  });
});

describe('FIFO deduplication', () => {
  it('acknowledges a duplicate within 5 minutes with the original MessageId and SequenceNumber, without enqueuing it', () => {
    const first = sendTo('g', 'a', 'd1');
    f.clock.advance(5 * 60_000 - 1);
    const again = sendTo('g', 'other body', 'd1');
    expect(again).toMatchObject({ messageId: first.messageId, sequenceNumber: first.sequenceNumber });
    expect(counts(f.sqs, fifo).visible).toBe(1);
  });

  it('enqueues the same deduplication id again once the 5-minute window has passed', () => {
    const first = sendTo('g', 'a', 'd1');
    f.clock.advance(5 * 60_000);
    const later = sendTo('g', 'a', 'd1');
    expect(later.messageId).not.toBe(first.messageId);
    expect(BigInt(later.sequenceNumber!)).toBeGreaterThan(BigInt(first.sequenceNumber!));
    expect(counts(f.sqs, fifo).visible).toBe(2);
  });

  it('deduplicates by the SHA-256 of the body with ContentBasedDeduplication', () => {
    f.sqs.setQueueAttributes(fifo, { ContentBasedDeduplication: 'true' });
    const first = send(f.sqs, fifo, 'same', { messageGroupId: 'g' });
    const second = send(f.sqs, fifo, 'same', { messageGroupId: 'g' });
    expect(second.messageId).toBe(first.messageId);
    expect(send(f.sqs, fifo, 'different', { messageGroupId: 'g' }).messageId).not.toBe(first.messageId);
  });

  it('keeps a window per message group with DeduplicationScope=messageGroup', () => {
    f.sqs.setQueueAttributes(fifo, { DeduplicationScope: 'messageGroup' });
    const a = sendTo('g1', 'x', 'same-id');
    const b = sendTo('g2', 'x', 'same-id');
    expect(b.messageId).not.toBe(a.messageId);
    expect(sendTo('g1', 'x', 'same-id').messageId).toBe(a.messageId);
  });

  it('numbers messages with strictly increasing 20-digit sequence numbers', () => {
    const numbers = ['a', 'b', 'c'].map((body) => sendTo('g', body).sequenceNumber!);
    for (const n of numbers) expect(n).toMatch(/^\d{20}$/);
    expect(BigInt(numbers[0]!)).toBeLessThan(BigInt(numbers[1]!));
    expect(BigInt(numbers[1]!)).toBeLessThan(BigInt(numbers[2]!));
  });
});

describe('FIFO ordering', () => {
  it('delivers a group strictly in order and holds the group while any of its messages is in flight', async () => {
    for (const body of ['a1', 'a2', 'a3']) sendTo('a', body);
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 1 }))).toEqual(['a1']);
    expect(await receive(f.sqs, fifo)).toEqual([]); // a1 in flight: the group is locked
    f.clock.advance(30_000); // a1's visibility timeout ends: it is first again
    const again = await receive(f.sqs, fifo, { maxMessages: 1, systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(again.map((m) => [m.body, m.attributes?.ApproximateReceiveCount])).toEqual([['a1', '2']]);
    f.sqs.deleteMessage(fifo, again[0]!.receiptHandle);
    expect(bodies(await receive(f.sqs, fifo))).toEqual(['a2', 'a3']);
  });

  it('fills a receive with as many messages of one group as it can, then from the next groups, in order within each', async () => {
    // AWS: a FIFO receive "first attempts to return as many messages with the same message group ID as possible".
    for (const [group, body] of [
      ['a', 'a1'],
      ['b', 'b1'],
      ['a', 'a2'],
      ['c', 'c1'],
      ['b', 'b2'],
      ['a', 'a3'],
    ])
      sendTo(group!, body!);
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 2 }))).toEqual(['a1', 'a2']);
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 10 }))).toEqual(['b1', 'b2', 'c1']);
    f.clock.advance(30_000);
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 5 }))).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('wakes a long poll when deleting a message lets its group deliver the next one', async () => {
    sendTo('a', 'a1');
    sendTo('a', 'a2');
    const [a1] = await receive(f.sqs, fifo, { maxMessages: 1 });
    const polling = receive(f.sqs, fifo, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false); // a2 waits behind a1, in flight
    f.sqs.deleteMessage(fifo, a1!.receiptHandle);
    expect(bodies(await settledValue(polling))).toEqual(['a2']);
  });

  it('lets other groups deliver while one group is locked', async () => {
    sendTo('a', 'a1');
    sendTo('a', 'a2');
    sendTo('b', 'b1');
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 1 }))).toEqual(['a1']);
    expect(bodies(await receive(f.sqs, fifo))).toEqual(['b1']);
  });

  it('returns MessageGroupId, MessageDeduplicationId and SequenceNumber as system attributes', async () => {
    const sent = sendTo('g', 'body', 'dedup-1');
    const [message] = await receive(f.sqs, fifo, { systemAttributeNames: ['All'] });
    expect(message!.attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: 'dedup-1',
      SequenceNumber: sent.sequenceNumber,
      SenderId: ACCOUNT,
    });
  });
});

describe('ReceiveRequestAttemptId', () => {
  it('returns the same messages and receipt handles to a retried receive', async () => {
    sendTo('a', 'a1');
    sendTo('b', 'b1');
    const first = await receive(f.sqs, fifo, { receiveRequestAttemptId: 'try-1', systemAttributeNames: ['ApproximateReceiveCount'] });
    const retry = await receive(f.sqs, fifo, { receiveRequestAttemptId: 'try-1', systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(retry).toEqual(first);
    expect(await receive(f.sqs, fifo, { receiveRequestAttemptId: 'try-2' })).toEqual([]);
  });

  it('receives afresh when one of the messages was deleted or had its visibility changed', async () => {
    sendTo('a', 'a1');
    sendTo('a', 'a2');
    const [first] = await receive(f.sqs, fifo, { maxMessages: 1, receiveRequestAttemptId: 'try' });
    f.sqs.deleteMessage(fifo, first!.receiptHandle);
    expect(bodies(await receive(f.sqs, fifo, { maxMessages: 1, receiveRequestAttemptId: 'try' }))).toEqual(['a2']);
  });

  it('forgets an attempt after 5 minutes', async () => {
    sendTo('a', 'a1');
    const [first] = await receive(f.sqs, fifo, { receiveRequestAttemptId: 'try', visibilityTimeoutSeconds: 600 });
    f.clock.advance(5 * 60_000);
    expect(await receive(f.sqs, fifo, { receiveRequestAttemptId: 'try' })).toEqual([]);
    expect(first).toBeDefined();
  });
});
