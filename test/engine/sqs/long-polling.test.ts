import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqsStore } from '../../../src/services/sqs/store/sqs-store.js';
import { isSettled, settledValue, queueKey, receive, receiveOne, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
// Long polls wait on the ManualClock: nothing here moves real time, so a wait that is not woken
// by the engine stays pending until the test advances the clock.
describe('SQS long polling', () => {
  let f: EngineFixture;
  const q = queueKey('polled');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => {
    // Every test must leave no receive waiting and no clock sleeper behind.
    expect(f.sqs.signals.waiting).toBe(0);
    expect(f.clock.pendingSleepers).toBe(0);
    f.close();
  });

  it('returns a message sent while it waits, without the clock moving', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false);
    expect(f.sqs.signals.waiting).toBe(1);

    const { messageId } = send(f.sqs, q, 'hello');
    expect(await isSettled(polling)).toBe(true);
    expect((await settledValue(polling)).map((m) => m.messageId)).toEqual([messageId]);
    expect(f.clock.now()).toBe(T0);
  });

  it('returns at once, without waiting, when a message is already visible', async () => {
    send(f.sqs, q, 'ready');
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(true);
    expect(await settledValue(polling)).toHaveLength(1);
  });

  it('returns empty when the wait time ends, and not a millisecond earlier', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    f.clock.advance(19_999);
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(1);
    expect(await settledValue(polling)).toEqual([]);
  });

  it("waits for the queue's ReceiveMessageWaitTimeSeconds when the receive gives no wait time", async () => {
    f.sqs.setQueueAttributes(q, { ReceiveMessageWaitTimeSeconds: '10' });
    const polling = f.sqs.receiveMessages(q, { maxMessages: 1, systemAttributeNames: [], messageAttributeNames: [], signal: new AbortController().signal });
    f.clock.advance(9_999);
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(1);
    expect(await settledValue(polling)).toEqual([]);
  });

  it('lets WaitTimeSeconds 0 make a short poll on a queue that long-polls by default', async () => {
    f.sqs.setQueueAttributes(q, { ReceiveMessageWaitTimeSeconds: '20' });
    expect(await isSettled(receive(f.sqs, q, { waitTimeSeconds: 0 }))).toBe(true);
  });

  it('wakes when a delayed message becomes visible', async () => {
    const { messageId } = send(f.sqs, q, 'later', { delaySeconds: 5 });
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    f.clock.advance(4_999);
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(1);
    expect((await settledValue(polling)).map((m) => m.messageId)).toEqual([messageId]);
  });

  it('wakes when a message delayed after the wait began becomes visible', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    const { messageId } = send(f.sqs, q, 'later', { delaySeconds: 7 });
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(7_000);
    expect((await settledValue(polling)).map((m) => m.messageId)).toEqual([messageId]);
  });

  it("wakes when an in-flight message's visibility timeout expires", async () => {
    const { messageId } = send(f.sqs, q, 'retry');
    await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 3 });
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    f.clock.advance(2_999);
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(1);
    expect((await settledValue(polling)).map((m) => m.messageId)).toEqual([messageId]);
  });

  it('wakes when ChangeMessageVisibility makes a message visible now', async () => {
    send(f.sqs, q, 'm');
    const { receiptHandle } = await receiveOne(f.sqs, q);
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false);
    f.sqs.changeMessageVisibility(q, receiptHandle, 0);
    expect(await settledValue(polling)).toHaveLength(1);
  });

  it('wakes when ChangeMessageVisibility shortens a timeout to end before the wait does', async () => {
    send(f.sqs, q, 'm');
    const { receiptHandle } = await receiveOne(f.sqs, q); // visible again at 30 s, after the wait
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false);
    f.sqs.changeMessageVisibility(q, receiptHandle, 5);
    f.clock.advance(4_999);
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(1);
    expect(await settledValue(polling)).toHaveLength(1);
  });

  it('is not woken by a send to another queue, nor to a same-named queue of another account', async () => {
    const other = queueKey('other');
    const otherAccount = queueKey('polled', '210987654321');
    f.sqs.createQueue(other, {}, {});
    f.sqs.createQueue(otherAccount, {}, {});
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    send(f.sqs, other, 'not yours');
    send(f.sqs, otherAccount, 'not yours either');
    expect(await isSettled(polling)).toBe(false);
    f.clock.advance(20_000);
    expect(await settledValue(polling)).toEqual([]);
  });

  it('ends empty, at once, when its signal aborts', async () => {
    const abort = new AbortController();
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20, signal: abort.signal });
    expect(await isSettled(polling)).toBe(false);
    abort.abort();
    expect(await isSettled(polling)).toBe(true);
    expect(await settledValue(polling)).toEqual([]);
    expect(f.clock.now()).toBe(T0);
  });

  it('claims nothing for a receive whose signal has already aborted', async () => {
    send(f.sqs, q, 'keep me');
    const abort = new AbortController();
    abort.abort();
    expect(await receive(f.sqs, q, { waitTimeSeconds: 20, signal: abort.signal })).toEqual([]);
    expect(await receive(f.sqs, q)).toHaveLength(1);
  });

  it('gives one message to exactly one of several waiting receives; the others keep waiting', async () => {
    const polls = [1, 2, 3].map(() => receive(f.sqs, q, { waitTimeSeconds: 20 }));
    expect(f.sqs.signals.waiting).toBe(3);
    const { messageId } = send(f.sqs, q, 'only one');
    await isSettled(Promise.resolve());

    const settled = await Promise.all(polls.map((p) => isSettled(p)));
    expect(settled.filter(Boolean)).toHaveLength(1);
    const winner = polls[settled.indexOf(true)]!;
    expect((await settledValue(winner)).map((m) => m.messageId)).toEqual([messageId]);
    expect(f.sqs.signals.waiting).toBe(2);

    const second = send(f.sqs, q, 'another');
    const stillWaiting = polls.filter((_, i) => !settled[i]);
    const settledNow = await Promise.all(stillWaiting.map((p) => isSettled(p)));
    expect(settledNow.filter(Boolean)).toHaveLength(1);
    expect((await settledValue(stillWaiting[settledNow.indexOf(true)]!)).map((m) => m.messageId)).toEqual([second.messageId]);

    f.clock.advance(20_000);
    expect(await settledValue(stillWaiting[settledNow.indexOf(false)]!)).toEqual([]);
  });

  it('wakes only as many waiting receives as a send needs, plus one that finds the queue empty', async () => {
    const polls = Array.from({ length: 50 }, () => receive(f.sqs, q, { waitTimeSeconds: 20, maxMessages: 1 }));
    const claims = vi.spyOn(SqsStore.prototype, 'visibleMessages');
    f.sqs.sendMessageBatch(
      q,
      [1, 2, 3].map((n) => ({ body: `m${n}`, senderId: 'me' })),
    );
    const settled = await Promise.all(polls.map((p) => isSettled(p)));
    expect(settled.filter(Boolean)).toHaveLength(3);
    // Not one claim per waiter (50): each woken receive that got a message woke the next.
    expect(claims).toHaveBeenCalledTimes(4);
    claims.mockRestore();
    expect(f.sqs.signals.waiting).toBe(47);
    f.clock.advance(20_000);
    expect((await Promise.all(polls)).map((m) => m.length).sort()).toEqual([...Array(47).fill(0), 1, 1, 1]);
  });

  it('passes a wake-up on when the receive woken for a message is gone before it claims', async () => {
    const leaving = new AbortController();
    const first = receive(f.sqs, q, { waitTimeSeconds: 20, signal: leaving.signal });
    const second = receive(f.sqs, q, { waitTimeSeconds: 20 });
    const { messageId } = send(f.sqs, q, 'for whoever is there'); // wakes the first, the longest waiting…
    leaving.abort(); // …whose client leaves before it runs
    expect(await settledValue(first)).toEqual([]);
    expect((await settledValue(second)).map((m) => m.messageId)).toEqual([messageId]);
  });

  it('wakes when a delayed message becomes visible though the receive that saw it sent has left', async () => {
    const short = receive(f.sqs, q, { waitTimeSeconds: 1 });
    const long = receive(f.sqs, q, { waitTimeSeconds: 20 });
    const { messageId } = send(f.sqs, q, 'later', { delaySeconds: 5 }); // wakes the short poll, which goes back to sleep
    f.clock.advance(1_000);
    expect(await settledValue(short)).toEqual([]);
    f.clock.advance(3_999);
    expect(await isSettled(long)).toBe(false);
    f.clock.advance(1);
    expect((await settledValue(long)).map((m) => m.messageId)).toEqual([messageId]);
  });

  it('wakes when ChangeMessageVisibility shortens a timeout, though the receive woken for it has left', async () => {
    send(f.sqs, q, 'm');
    const { receiptHandle } = await receiveOne(f.sqs, q); // visible again at 30 s
    const short = receive(f.sqs, q, { waitTimeSeconds: 1 });
    const long = receive(f.sqs, q, { waitTimeSeconds: 20 });
    f.sqs.changeMessageVisibility(q, receiptHandle, 5);
    f.clock.advance(1_000);
    expect(await settledValue(short)).toEqual([]);
    f.clock.advance(4_000);
    expect(await settledValue(long)).toHaveLength(1);
  });

  it('returns up to MaxNumberOfMessages of a batch that arrives while it waits', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20, maxMessages: 3 });
    f.sqs.sendMessageBatch(
      q,
      [1, 2, 3, 4, 5].map((n) => ({ body: `m${n}`, senderId: 'me' })),
    );
    expect((await settledValue(polling)).map((m) => m.body)).toEqual(['m1', 'm2', 'm3']);
  });
});

describe('SQS long polling when the queue goes away', () => {
  let f: EngineFixture;
  const q = queueKey('vanishing');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => f.close());

  it('ends a waiting receive empty when the queue is deleted', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false);
    f.sqs.deleteQueue(q);
    expect(await settledValue(polling)).toEqual([]);
    expect(f.sqs.signals.waiting).toBe(0);
    expect(f.clock.pendingSleepers).toBe(0);
  });

  it('ends a waiting receive empty when the emulator is reset', async () => {
    const polling = receive(f.sqs, q, { waitTimeSeconds: 20 });
    expect(await isSettled(polling)).toBe(false);
    f.emulator.reset();
    expect(await settledValue(polling)).toEqual([]);
    expect(f.clock.pendingSleepers).toBe(0);
  });

  it('still refuses a receive on a queue that does not exist', async () => {
    await expect(receive(f.sqs, queueKey('never'), { waitTimeSeconds: 20 })).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
  });
});
