import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, expectAwsError, queueKey, receive, receiveOne, send, startEngine, type EngineFixture } from '../../support/sqs-engine.js';

describe('SQS message retention', () => {
  let f: EngineFixture;
  const q = queueKey('short-lived');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, { MessageRetentionPeriod: '60' }, {});
  });
  afterEach(() => f.close());

  it('deletes a message once it has been in the queue for MessageRetentionPeriod seconds', async () => {
    send(f.sqs, q, 'm');
    f.clock.advance(59_999);
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
    f.clock.advance(1);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    expect(await receive(f.sqs, q)).toEqual([]);
  });

  it('does not deliver an expired message to a receive that did not count first', async () => {
    send(f.sqs, q, 'm');
    f.clock.advance(60_000);
    expect(await receive(f.sqs, q)).toEqual([]);
  });

  it('expires in-flight and delayed messages too, counting from the send', async () => {
    send(f.sqs, q, 'in flight');
    await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 120 });
    send(f.sqs, q, 'delayed', { delaySeconds: 120 });
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 1 });
    f.clock.advance(60_000);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    f.clock.advance(60_000);
    expect(await receive(f.sqs, q)).toEqual([]);
  });

  it('expires each message on its own schedule', async () => {
    send(f.sqs, q, 'first');
    f.clock.advance(30_000);
    send(f.sqs, q, 'second');
    f.clock.advance(30_000);
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
    expect((await receiveOne(f.sqs, q)).body).toBe('second');
    f.clock.advance(29_999);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    f.clock.advance(1);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('lets DeleteMessage succeed quietly for a message that already expired', async () => {
    send(f.sqs, q, 'm');
    const { receiptHandle } = await receiveOne(f.sqs, q);
    f.clock.advance(60_000);
    f.sqs.deleteMessage(q, receiptHandle);
  });
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
describe('SQS PurgeQueue', () => {
  let f: EngineFixture;
  const q = queueKey('purged');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => f.close());

  it('deletes visible, in-flight and delayed messages', async () => {
    send(f.sqs, q, 'visible');
    send(f.sqs, q, 'in flight');
    await receiveOne(f.sqs, q);
    send(f.sqs, q, 'delayed', { delaySeconds: 30 });
    expect(counts(f.sqs, q)).toEqual({ visible: 1, notVisible: 1, delayed: 1 });

    f.sqs.purgeQueue(q);
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    f.clock.advance(60_000);
    expect(await receive(f.sqs, q)).toEqual([]);
  });

  it('keeps messages sent after the purge', async () => {
    send(f.sqs, q, 'before');
    f.sqs.purgeQueue(q);
    send(f.sqs, q, 'after');
    expect((await receive(f.sqs, q)).map((m) => m.body)).toEqual(['after']);
  });

  it('allows one purge per queue every 60 seconds', () => {
    f.sqs.purgeQueue(q);
    f.clock.advance(59_999);
    expectAwsError(() => f.sqs.purgeQueue(q), 'PurgeQueueInProgress', 'Only one PurgeQueue operation on purged is allowed every 60 seconds.');
    f.clock.advance(1);
    f.sqs.purgeQueue(q);
    expectAwsError(() => f.sqs.purgeQueue(q), 'PurgeQueueInProgress');
  });

  it('does not purge or block other queues', async () => {
    const other = queueKey('untouched');
    f.sqs.createQueue(other, {}, {});
    send(f.sqs, other, 'm');
    f.sqs.purgeQueue(q);
    expect(counts(f.sqs, other)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
    f.sqs.purgeQueue(other);
  });

  it('refuses a queue that does not exist', () => {
    expectAwsError(() => f.sqs.purgeQueue(queueKey('missing')), 'QueueDoesNotExist', 'The specified queue does not exist.');
  });
});
