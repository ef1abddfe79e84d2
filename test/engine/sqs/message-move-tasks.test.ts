import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, counts, expectAwsError, queueKey, receive, send, startEngine, type EngineFixture } from '../../support/sqs-engine.js';

const arnOf = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const source = queueKey('orders');
const dlq = queueKey('orders-dlq');
const other = queueKey('elsewhere');
let f: EngineFixture;

/** Puts `n` messages into the DLQ through redrive (maxReceiveCount 1, visibility 0). */
async function deadLetter(n: number): Promise<void> {
  for (let i = 0; i < n; i++) send(f.sqs, source, `m${i}`);
  await receive(f.sqs, source); // receive each once (visibility 0: visible again at once)
  while (counts(f.sqs, source).visible > 0) await receive(f.sqs, source);
}

beforeEach(async () => {
  f = startEngine();
  f.sqs.createQueue(dlq, {}, {});
  f.sqs.createQueue(other, {}, {});
  f.sqs.createQueue(source, { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('orders-dlq'), maxReceiveCount: 1 }) }, {});
});
afterEach(() => f.close());

describe('message move tasks', () => {
  it('moves every message back to its original source queue when no destination is given', async () => {
    await deadLetter(5);
    expect(counts(f.sqs, dlq).visible).toBe(5);
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq') });
    expect(counts(f.sqs, dlq).visible).toBe(0);
    expect(counts(f.sqs, source).visible).toBe(5);
    expect(f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 1)[0]).toMatchObject({ status: 'COMPLETED', moved: 5, to_move: 5 });
  });

  it('respects MaxNumberOfMessagesPerSecond against the clock', async () => {
    await deadLetter(10);
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq'), destinationArn: arnOf('elsewhere'), maxNumberOfMessagesPerSecond: 3 });
    expect(counts(f.sqs, other).visible).toBe(0);
    f.clock.advance(1_000);
    expect(f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 1)[0]).toMatchObject({ status: 'RUNNING', moved: 3, to_move: 10 });
    f.clock.advance(2_000);
    expect(counts(f.sqs, other).visible).toBe(9);
    f.clock.advance(1_000);
    expect(f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 1)[0]).toMatchObject({ status: 'COMPLETED', moved: 10 });
  });

  it('allows one running task per source, and cancels it', async () => {
    await deadLetter(4);
    const handle = f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq'), maxNumberOfMessagesPerSecond: 1 });
    expectAwsError(
      () => f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq') }),
      'InvalidParameterValue',
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    );
    f.clock.advance(2_000);
    expect(f.sqs.cancelMessageMoveTask(handle)).toBe(2);
    f.clock.advance(10_000);
    expect(f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 10).map((t) => [t.status, t.moved])).toEqual([['CANCELLED', 2]]);
    expect(counts(f.sqs, dlq).visible).toBe(2);
    expectAwsError(() => f.sqs.cancelMessageMoveTask(handle), 'ResourceNotFoundException', 'Task does not exist.');
  });

  it('refuses a source that is not a dead-letter queue, and one that does not exist (unverified against AWS)', () => {
    expectAwsError(
      () => f.sqs.startMessageMoveTask({ sourceArn: arnOf('elsewhere') }),
      'InvalidParameterValue',
      'Source queue must be configured as a Dead Letter Queue.',
    );
    expectAwsError(() => f.sqs.startMessageMoveTask({ sourceArn: arnOf('nope') }), 'ResourceNotFoundException');
  });

  it('moves only the messages present when it started', async () => {
    await deadLetter(2);
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq'), destinationArn: arnOf('elsewhere'), maxNumberOfMessagesPerSecond: 1 });
    send(f.sqs, dlq, 'arrived later');
    f.clock.advance(5_000);
    expect(counts(f.sqs, other).visible).toBe(2);
    expect((await receive(f.sqs, dlq)).map((m) => m.body)).toEqual(['arrived later']);
  });

  it('fails when a message has no original source and no destination was given (unverified against AWS)', () => {
    send(f.sqs, dlq, 'sent straight to the DLQ');
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq') });
    const [task] = f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 1);
    expect(task).toMatchObject({ status: 'FAILED', moved: 0 });
    expect(task!.failure_reason).toBeTruthy();
  });

  it('lists tasks newest first, up to MaxResults', async () => {
    await deadLetter(1);
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq'), destinationArn: arnOf('elsewhere') });
    await deadLetter(1);
    f.sqs.startMessageMoveTask({ sourceArn: arnOf('orders-dlq') });
    const tasks = f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 10);
    expect(tasks.map((t) => t.destination_arn)).toEqual([null, arnOf('elsewhere')]);
    expect(f.sqs.listMessageMoveTasks(arnOf('orders-dlq'), 1)).toHaveLength(1);
  });
});
