import { expect } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { Emulator } from '../../src/emulator.js';
import { AwsError } from '../../src/errors.js';
import type { SqsEngine } from '../../src/services/sqs/engine/sqs-engine.js';
import type { MessageToSend, QueueKey, ReceivedMessage, ReceiveOptions } from '../../src/services/sqs/engine/types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** A start time with a millisecond part, so second-rounding bugs show. */
export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);

/** An in-memory emulator on a ManualClock: time moves only when the test moves it. */
export interface EngineFixture {
  clock: ManualClock;
  emulator: Emulator;
  sqs: SqsEngine;
  close(): void;
}

export function startEngine(): EngineFixture {
  const clock = new ManualClock(T0);
  const emulator = new Emulator({ clock });
  return { clock, emulator, sqs: emulator.sqs, close: () => emulator.close() };
}

export function queueKey(name: string, accountId = ACCOUNT, region = REGION): QueueKey {
  return { accountId, region, name };
}

export function send(sqs: SqsEngine, key: QueueKey, body: string, extra: Partial<MessageToSend> = {}) {
  return sqs.sendMessage(key, { body, senderId: ACCOUNT, ...extra });
}

/** ReceiveMessage with AWS's defaults, except a short poll unless waitTimeSeconds is given. */
export function receive(sqs: SqsEngine, key: QueueKey, options: Partial<ReceiveOptions> = {}): Promise<ReceivedMessage[]> {
  return sqs.receiveMessages(key, {
    maxMessages: 10,
    waitTimeSeconds: 0,
    systemAttributeNames: [],
    messageAttributeNames: [],
    signal: new AbortController().signal,
    ...options,
  });
}

export async function receiveOne(sqs: SqsEngine, key: QueueKey, options: Partial<ReceiveOptions> = {}): Promise<ReceivedMessage> {
  const messages = await receive(sqs, key, { maxMessages: 1, ...options });
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

/** The three approximate counts, as numbers. */
export function counts(sqs: SqsEngine, key: QueueKey) {
  const a = sqs.getQueueAttributes(key, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    notVisible: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

/** Asserts `fn` throws an AwsError with this code (and message, when given). */
export function expectAwsError(fn: () => unknown, code: string, message?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(AwsError);
  expect((thrown as AwsError).code).toBe(code);
  if (message !== undefined) expect((thrown as AwsError).message).toBe(message);
}

/**
 * Whether a promise has settled, after letting every queued microtask and one macrotask turn run.
 * Not a sleep: the ManualClock does not move, so a pending long poll stays pending.
 */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

/** The value of a promise that must already have settled (fails fast instead of hanging). */
export async function settledValue<T>(promise: Promise<T>): Promise<T> {
  expect(await isSettled(promise), 'the receive is still waiting').toBe(true);
  return promise;
}
