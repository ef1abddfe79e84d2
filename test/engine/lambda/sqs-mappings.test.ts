import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../../src/services/lambda/engine/functions.js';
import type { CreateMappingRequest } from '../../../src/services/lambda/engine/lambda-engine.js';
import { ACCOUNT, counts, queueKey, receive, REGION, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

const owner = { accountId: ACCOUNT, region: REGION };
const arnOf = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

let f: EngineFixture;
beforeEach(() => {
  f = startEngine();
});
afterEach(() => f.close());

interface SqsEvent {
  Records: { messageId: string; body: string; receiptHandle: string; attributes: Record<string, string>; messageAttributes: Record<string, unknown> }[];
}

/** A function that records every event it receives and answers with `respond`. */
function recorder(respond: (event: SqsEvent, call: number) => unknown = () => undefined) {
  const events: SqsEvent[] = [];
  const contexts: LambdaContext[] = [];
  const handler = async (event: unknown, context: LambdaContext) => {
    events.push(event as SqsEvent);
    contexts.push(context);
    return respond(event as SqsEvent, events.length);
  };
  return { events, contexts, handler };
}

function map(queue: string, request: Partial<CreateMappingRequest> = {}) {
  return f.emulator.lambda.createMapping(owner, { FunctionName: 'orders-consumer', EventSourceArn: arnOf(queue), ...request }).mapping.uuid;
}
const reached = (uuid: string, n: number) => f.emulator.lambda.invocationsReached(uuid, n);
/** Lets pending callbacks run (several event-loop turns) without moving the clock: what is due happens, nothing else. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('SQS event source mappings (in-process functions, ManualClock)', () => {
  it('invokes the function with AWS’s SQS event and deletes the batch when it succeeds', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const fn = recorder();
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders');
    const sent = send(f.sqs, queueKey('orders'), '{"id":1}', { messageAttributes: { kind: { DataType: 'String', StringValue: 'new' } } });
    await reached(uuid, 1);
    const record = fn.events[0]!.Records[0]!;
    expect(record).toEqual({
      messageId: sent.messageId,
      receiptHandle: expect.any(String),
      body: '{"id":1}',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(T0), SenderId: ACCOUNT, ApproximateFirstReceiveTimestamp: String(T0) },
      messageAttributes: { kind: { stringValue: 'new', stringListValues: [], binaryListValues: [], dataType: 'String' } },
      md5OfBody: sent.md5OfBody,
      md5OfMessageAttributes: sent.md5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: arnOf('orders'),
      awsRegion: REGION,
    });
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
    expect(f.emulator.lambda.invocations(uuid)).toMatchObject([{ batchSize: 1, outcome: 'ok' }]);
  });

  it('gives the handler a context with the function’s name, ARN, a request id and the time left on wharf’s clock', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const remaining: number[] = [];
    f.emulator.lambda.functions.register('orders-consumer', {
      timeoutSeconds: 10,
      handler: async (_event, context) => {
        remaining.push(context.getRemainingTimeInMillis());
        f.clock.advance(4000);
        remaining.push(context.getRemainingTimeInMillis());
        expect(context).toMatchObject({
          functionName: 'orders-consumer',
          invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-consumer`,
          functionVersion: '$LATEST',
        });
        expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
      },
    });
    const uuid = map('orders');
    send(f.sqs, queueKey('orders'), 'x');
    await reached(uuid, 1);
    expect(remaining).toEqual([10_000, 6000]);
    expect(f.emulator.lambda.invocations(uuid)[0]!.outcome).toBe('ok');
  });

  it('leaves a failed batch in the queue: it is received again after the visibility timeout, then lands in the DLQ after maxReceiveCount', async () => {
    f.sqs.createQueue(queueKey('orders-dlq'), {}, {});
    f.sqs.createQueue(
      queueKey('orders'),
      { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('orders-dlq'), maxReceiveCount: 3 }) },
      {},
    );
    const fn = recorder(() => {
      throw new Error('payment service down');
    });
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders');
    send(f.sqs, queueKey('orders'), 'order-1');
    await reached(uuid, 1);
    expect(f.emulator.lambda.invocations(uuid)[0]).toMatchObject({ outcome: 'error', error: 'Error: payment service down' });
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    f.clock.advance(30_000);
    await reached(uuid, 2);
    f.clock.advance(30_000);
    await reached(uuid, 3);
    expect(fn.events.map((e) => e.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    f.clock.advance(30_000);
    const [dead] = await receive(f.sqs, queueKey('orders-dlq'), { waitTimeSeconds: 20 });
    expect(dead!.body).toBe('order-1');
    expect(fn.events).toHaveLength(3);
  });

  it('retries a message that failed once and deletes it when the retry succeeds', async () => {
    f.sqs.createQueue(queueKey('orders'), { VisibilityTimeout: '30' }, {});
    const fn = recorder((_event, call) => {
      if (call === 1) throw new Error('flaky');
    });
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders');
    send(f.sqs, queueKey('orders'), 'order-1');
    await reached(uuid, 1);
    f.clock.advance(30_000);
    await reached(uuid, 2);
    expect(f.emulator.lambda.invocations(uuid).map((i) => i.outcome)).toEqual(['error', 'ok']);
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('counts a rejected promise and a timeout (on wharf’s clock) as function errors', async () => {
    f.sqs.createQueue(queueKey('orders'), { VisibilityTimeout: '30' }, {});
    f.emulator.lambda.functions.register('orders-consumer', {
      timeoutSeconds: 5,
      handler: (event) => ((event as SqsEvent).Records[0]!.body === 'slow' ? new Promise(() => {}) : Promise.reject(new TypeError('bad order'))),
    });
    const uuid = map('orders', { BatchSize: 1 });
    send(f.sqs, queueKey('orders'), 'bad');
    await reached(uuid, 1);
    expect(f.emulator.lambda.invocations(uuid)[0]).toMatchObject({ outcome: 'error', error: 'TypeError: bad order' });
    send(f.sqs, queueKey('orders'), 'slow');
    await flush();
    f.clock.advance(5000);
    await reached(uuid, 2);
    expect(f.emulator.lambda.invocations(uuid)[1]).toMatchObject({ outcome: 'error', error: 'Sandbox.Timedout: Task timed out after 5.00 seconds' });
  });

  it('deletes only the successes when the function reports batchItemFailures', async () => {
    f.sqs.createQueue(queueKey('orders'), { VisibilityTimeout: '30' }, {});
    const ids: string[] = [];
    for (const body of ['a', 'b', 'c']) ids.push(send(f.sqs, queueKey('orders'), body).messageId);
    const fn = recorder((event) => ({ batchItemFailures: event.Records.filter((r) => r.body === 'b').map((r) => ({ itemIdentifier: r.messageId })) }));
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders', { FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
    await reached(uuid, 1);
    expect(fn.events[0]!.Records.map((r) => r.body)).toEqual(['a', 'b', 'c']);
    expect(f.emulator.lambda.invocations(uuid)[0]).toMatchObject({ outcome: 'partial', failedItems: [ids[1]] });
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    f.clock.advance(30_000);
    await reached(uuid, 2);
    expect(fn.events[1]!.Records.map((r) => r.body)).toEqual(['b']);
  });

  it('fails the whole batch when batchItemFailures names an item not in it', async () => {
    f.sqs.createQueue(queueKey('orders'), { VisibilityTimeout: '30' }, {});
    send(f.sqs, queueKey('orders'), 'a');
    send(f.sqs, queueKey('orders'), 'b');
    f.emulator.lambda.functions.register('orders-consumer', async () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }));
    const uuid = map('orders', { FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } });
    await reached(uuid, 1);
    expect(f.emulator.lambda.invocations(uuid)[0]!.outcome).toBe('error');
    expect(counts(f.sqs, queueKey('orders')).notVisible).toBe(2);
  });

  it('ignores batchItemFailures unless the mapping has ReportBatchItemFailures', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    send(f.sqs, queueKey('orders'), 'a');
    f.emulator.lambda.functions.register('orders-consumer', async (event: unknown) => ({
      batchItemFailures: [{ itemIdentifier: (event as SqsEvent).Records[0]!.messageId }],
    }));
    const uuid = map('orders');
    await reached(uuid, 1);
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('gathers up to BatchSize messages within MaximumBatchingWindowInSeconds', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const fn = recorder();
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders', { BatchSize: 50, MaximumBatchingWindowInSeconds: 5 });
    for (let i = 0; i < 25; i++) send(f.sqs, queueKey('orders'), `m${i}`);
    await flush();
    expect(fn.events).toHaveLength(0); // still gathering: the window has not ended
    f.clock.advance(5000);
    await reached(uuid, 1);
    expect(fn.events.flatMap((e) => e.Records).length).toBe(25);
    expect(fn.events).toHaveLength(1);
  });

  it('deletes messages no filter matches, without invoking the function', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const fn = recorder();
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders', { BatchSize: 1, FilterCriteria: { Filters: [{ Pattern: '{"body":{"tier":["premium"]}}' }] } });
    send(f.sqs, queueKey('orders'), '{"tier":"basic"}');
    await reached(uuid, 1);
    send(f.sqs, queueKey('orders'), '{"tier":"premium"}');
    await reached(uuid, 2);
    expect(f.emulator.lambda.invocations(uuid).map((i) => i.outcome)).toEqual(['filtered', 'ok']);
    expect(fn.events.map((e) => e.Records[0]!.body)).toEqual(['{"tier":"premium"}']);
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('delivers a FIFO queue in group order, one batch per group at a time', async () => {
    f.sqs.createQueue(queueKey('orders.fifo'), { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '30' }, {});
    const seen: string[] = [];
    f.emulator.lambda.functions.register('orders-consumer', async (event: unknown) => {
      const records = (event as SqsEvent).Records;
      for (const r of records) seen.push(r.body);
      if (records.some((r) => r.body === 'g1-2') && !seen.includes('retried')) {
        seen.push('retried');
        throw new Error('g1 fails once');
      }
    });
    for (const body of ['g1-1', 'g1-2', 'g1-3']) send(f.sqs, queueKey('orders.fifo'), body, { messageGroupId: 'g1' });
    const uuid = map('orders.fifo', { BatchSize: 2 });
    await reached(uuid, 1);
    // The first batch (g1-1, g1-2) failed: nothing of g1 is delivered until it is retried.
    expect(seen).toEqual(['g1-1', 'g1-2', 'retried']);
    f.clock.advance(30_000);
    await reached(uuid, 3);
    expect(seen).toEqual(['g1-1', 'g1-2', 'retried', 'g1-1', 'g1-2', 'g1-3']);
  });

  it('never runs more invocations at once than ScalingConfig.MaximumConcurrency, and scales up with a backlog', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    let active = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    f.emulator.lambda.functions.register('orders-consumer', {
      timeoutSeconds: 900,
      handler: async () => {
        peak = Math.max(peak, ++active);
        await new Promise<void>((resolve) => release.push(resolve));
        active--;
      },
    });
    for (let i = 0; i < 20; i++) send(f.sqs, queueKey('orders'), `m${i}`);
    const uuid = map('orders', { BatchSize: 1, ScalingConfig: { MaximumConcurrency: 3 } });
    for (let done = 0; done < 20; done++) {
      await flush();
      release.shift()!();
      await reached(uuid, done + 1);
    }
    expect(peak).toBe(3);
    expect(counts(f.sqs, queueKey('orders'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('waits for its function: messages stay in the queue until a handler is registered', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const uuid = map('orders');
    send(f.sqs, queueKey('orders'), 'early');
    await flush();
    expect(counts(f.sqs, queueKey('orders')).visible).toBe(1);
    const fn = recorder();
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    await reached(uuid, 1);
    expect(fn.events[0]!.Records[0]!.body).toBe('early');
  });

  it('stops polling while disabled and resumes when enabled again', async () => {
    f.sqs.createQueue(queueKey('orders'), {}, {});
    const fn = recorder();
    f.emulator.lambda.functions.register('orders-consumer', fn.handler);
    const uuid = map('orders', { Enabled: false });
    send(f.sqs, queueKey('orders'), 'held');
    await flush();
    expect(fn.events).toHaveLength(0);
    f.emulator.lambda.updateMapping(owner, uuid, { Enabled: true });
    await reached(uuid, 1);
    expect(fn.events[0]!.Records[0]!.body).toBe('held');
  });
});
