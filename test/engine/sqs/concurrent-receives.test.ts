import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, queueKey, receive, send, startEngine, type EngineFixture } from '../../support/sqs-engine.js';

const MESSAGES = 400; // a multiple of BATCH
const BATCH = 10;
const RECEIVERS = 24;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// A receive claims messages atomically: however many receives run at once, each message goes to
// exactly one of them until its visibility timeout (300 s here, never reached) expires.
describe('SQS concurrent receives (engine)', () => {
  let f: EngineFixture;
  const q = queueKey('contended');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, { VisibilityTimeout: '300' }, {});
  });
  afterEach(() => f.close());

  it('hands every message to exactly one of many concurrent short and long polls', async () => {
    const stop = new AbortController();
    // Every receiver listens on this one signal (a server gives each request its own).
    setMaxListeners(RECEIVERS + 1, stop.signal);
    const claimed: string[] = [];
    const receivers = Array.from({ length: RECEIVERS }, async (_, i) => {
      const longPoll = i % 2 === 1;
      while (!stop.signal.aborted) {
        const messages = await receive(f.sqs, q, { maxMessages: 1 + (i % 10), waitTimeSeconds: longPoll ? 20 : 0, signal: stop.signal });
        claimed.push(...messages.map((m) => m.messageId));
        if (!longPoll && messages.length === 0) await nextTurn(); // a short poll would spin otherwise
      }
    });

    const sent: string[] = [];
    for (let n = 0; n < MESSAGES; n += BATCH) {
      if ((n / BATCH) % 4 === 3) {
        // Some delayed messages: these wake the long polls through the clock, not a send.
        for (let k = 0; k < BATCH; k++) sent.push(send(f.sqs, q, `m${n + k}`, { delaySeconds: 1 }).messageId);
        await nextTurn();
        f.clock.advance(1_000);
      } else {
        const batch = f.sqs.sendMessageBatch(
          q,
          Array.from({ length: BATCH }, (_, k) => ({ body: `m${n + k}`, senderId: 'me' })),
        );
        for (const result of batch) {
          if (!('messageId' in result)) throw result;
          sent.push(result.messageId);
        }
      }
      await nextTurn();
    }
    for (let turns = 0; claimed.length < MESSAGES && turns < 1_000; turns++) await nextTurn();
    stop.abort();
    await Promise.all(receivers);

    expect(claimed).toHaveLength(MESSAGES);
    expect(new Set(claimed).size).toBe(MESSAGES);
    expect([...claimed].sort()).toEqual([...sent].sort());
    expect(counts(f.sqs, q)).toEqual({ visible: 0, notVisible: MESSAGES, delayed: 0 });
    expect(f.sqs.signals.waiting).toBe(0);
    expect(f.clock.pendingSleepers).toBe(0);
  });

  it('splits a burst among receives started together with Promise.all', async () => {
    const polls = Array.from({ length: RECEIVERS }, () => receive(f.sqs, q, { waitTimeSeconds: 20, maxMessages: 10 }));
    await nextTurn();
    expect(f.sqs.signals.waiting).toBe(RECEIVERS);
    for (let n = 0; n < 50; n += BATCH)
      f.sqs.sendMessageBatch(
        q,
        Array.from({ length: BATCH }, (_, k) => ({ body: `b${n + k}`, senderId: 'me' })),
      );
    await nextTurn();
    f.clock.advance(20_000);
    const results = await Promise.all(polls);
    const ids = results.flat().map((m) => m.messageId);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    // All fifty arrive before any woken waiter runs: the first five to run take ten each, the rest none.
    expect(results.filter((r) => r.length > 0)).toHaveLength(5);
    expect(f.clock.pendingSleepers).toBe(0);
  });
});
