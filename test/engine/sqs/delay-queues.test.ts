import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, queueKey, receive, receiveOne, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html
describe('SQS delay queues and message timers', () => {
  let f: EngineFixture;
  const q = queueKey('delayed');
  beforeEach(() => {
    f = startEngine();
  });
  afterEach(() => f.close());

  it("hides every new message for the queue's DelaySeconds, then delivers it exactly at send time + delay", async () => {
    f.sqs.createQueue(q, { DelaySeconds: '10' }, {});
    const { messageId } = send(f.sqs, q, 'm');
    expect(await receive(f.sqs, q)).toEqual([]);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });

    f.clock.advance(9_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });

    f.clock.advance(1);
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
    const message = await receiveOne(f.sqs, q, { systemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'] });
    expect(message.messageId).toBe(messageId);
    // SentTimestamp is when it was sent, not when the delay ended; the delay is not a receive.
    expect(message.attributes).toEqual({ SentTimestamp: String(T0), ApproximateReceiveCount: '1' });
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
  });

  it("lets a message's DelaySeconds override the queue's, longer or shorter", async () => {
    f.sqs.createQueue(q, { DelaySeconds: '10' }, {});
    const now = send(f.sqs, q, 'now', { delaySeconds: 0 });
    const later = send(f.sqs, q, 'later', { delaySeconds: 20 });
    const queueDefault = send(f.sqs, q, 'default');
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 2 });

    expect((await receive(f.sqs, q)).map((m) => m.messageId)).toEqual([now.messageId]);
    f.clock.advance(10_000);
    expect((await receive(f.sqs, q)).map((m) => m.messageId)).toEqual([queueDefault.messageId]);
    f.clock.advance(9_999);
    expect(await receive(f.sqs, q)).toEqual([]);
    f.clock.advance(1);
    expect((await receive(f.sqs, q)).map((m) => m.messageId)).toEqual([later.messageId]);
  });

  it('delays a single message on a queue without a delay', async () => {
    f.sqs.createQueue(q, {}, {});
    send(f.sqs, q, 'm', { delaySeconds: 900 });
    f.clock.advance(899_999);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 1 });
    f.clock.advance(1);
    await receiveOne(f.sqs, q);
  });

  it("does not change the delay of messages already in the queue when the queue's DelaySeconds changes", async () => {
    f.sqs.createQueue(q, { DelaySeconds: '10' }, {});
    send(f.sqs, q, 'before');
    f.sqs.setQueueAttributes(q, { DelaySeconds: '0' });
    const after = send(f.sqs, q, 'after');
    expect((await receive(f.sqs, q)).map((m) => m.messageId)).toEqual([after.messageId]);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 1 });
    f.clock.advance(10_000);
    expect((await receiveOne(f.sqs, q)).body).toBe('before');
  });

  it('counts delayed, visible and in-flight messages separately', async () => {
    f.sqs.createQueue(q, {}, {});
    send(f.sqs, q, 'a');
    send(f.sqs, q, 'b');
    send(f.sqs, q, 'c', { delaySeconds: 60 });
    await receiveOne(f.sqs, q);
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 1, delayed: 1 });
  });
});
