import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, systemAttributeNames, systemClock, until, useSqsServer } from '../../support/sqs-suite.js';

const START_MS = Date.UTC(2026, 0, 1);

describe.each(SQS_PROTOCOLS)('SQS ReceiveMessage over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;

  async function send(QueueUrl: string, MessageBody: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody, ...extra }));
  }
  async function receive(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, ...extra }))).Messages ?? [];
  }

  it('returns no messages from an empty queue', async () => {
    const { sdk, client } = t.sqs;
    const QueueUrl = await t.createQueue();
    const out = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    expect(out.Messages).toBeUndefined();
  });

  it('returns one message by default and up to MaxNumberOfMessages', async () => {
    const QueueUrl = await t.createQueue();
    for (let i = 0; i < 15; i++) await send(QueueUrl, `m${i}`);
    expect(await receive(QueueUrl)).toHaveLength(1);
    expect(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).toHaveLength(10);
    expect(await receive(QueueUrl, { MaxNumberOfMessages: 10 })).toHaveLength(4);
  });

  it.each([0, 11])('fails with InvalidParameterValue for MaxNumberOfMessages %i', async (max) => {
    const QueueUrl = await t.createQueue();
    await expectSqsError(
      t.sqs,
      receive(QueueUrl, { MaxNumberOfMessages: max }),
      'InvalidParameterValue',
      `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
    );
  });

  it('hides a received message for the VisibilityTimeout given on the receive', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello');
    expect(await receive(QueueUrl, { VisibilityTimeout: 5 })).toHaveLength(1);
    clock().advance(4_999);
    expect(await receive(QueueUrl)).toEqual([]);
    clock().advance(1);
    expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['hello']);
  });

  it("hides a received message for the queue's VisibilityTimeout by default", async () => {
    const QueueUrl = await t.createQueue('orders', { VisibilityTimeout: '10' });
    await send(QueueUrl, 'hello');
    expect(await receive(QueueUrl)).toHaveLength(1);
    clock().advance(9_999);
    expect(await receive(QueueUrl)).toEqual([]);
    clock().advance(1);
    expect(await receive(QueueUrl)).toHaveLength(1);
  });

  it('fails with InvalidParameterValue for a VisibilityTimeout above 43200 (unverified against AWS)', async () => {
    const QueueUrl = await t.createQueue();
    await expectSqsError(
      t.sqs,
      receive(QueueUrl, { VisibilityTimeout: 43_201 }),
      'InvalidParameterValue',
      'Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.',
    );
  });

  it('fails with InvalidParameterValue for WaitTimeSeconds 21 (unverified against AWS)', async () => {
    const QueueUrl = await t.createQueue();
    await expectSqsError(
      t.sqs,
      receive(QueueUrl, { WaitTimeSeconds: 21 }),
      'InvalidParameterValue',
      'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    );
  });

  it("long-polls for the queue's ReceiveMessageWaitTimeSeconds and returns empty when it ends", async () => {
    const QueueUrl = await t.createQueue('waiting', { ReceiveMessageWaitTimeSeconds: '20' });
    let settled = false;
    const polling = receive(QueueUrl).finally(() => (settled = true));
    await until(() => clock().pendingSleepers > 0, 'the receive waits');
    clock().advance(19_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    clock().advance(1);
    expect(await polling).toEqual([]);
  });

  it('short-polls with WaitTimeSeconds 0 on a queue with a ReceiveMessageWaitTimeSeconds', async () => {
    const QueueUrl = await t.createQueue('waiting', { ReceiveMessageWaitTimeSeconds: '20' });
    expect(await receive(QueueUrl, { WaitTimeSeconds: 0 })).toEqual([]);
  });

  it('ends a long poll when a delayed message becomes visible', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'later', { DelaySeconds: 5 });
    const polling = receive(QueueUrl, { WaitTimeSeconds: 20 });
    await until(() => clock().pendingSleepers > 0, 'the receive waits');
    clock().advance(5_000);
    expect((await polling).map((m) => m.Body)).toEqual(['later']);
  });

  it('returns SentTimestamp, ApproximateReceiveCount, ApproximateFirstReceiveTimestamp and SenderId', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello');
    clock().advance(1_000);
    const names = ['SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SenderId'];
    const [first] = await receive(QueueUrl, { VisibilityTimeout: 0, ...systemAttributeNames(protocol, names) });
    clock().advance(1_000);
    const [second] = await receive(QueueUrl, systemAttributeNames(protocol, ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp']));
    expect(first?.Attributes).toEqual({
      SentTimestamp: String(START_MS),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(START_MS + 1_000),
      SenderId: 'AKIDWHARFTEST',
    });
    expect(second?.Attributes).toEqual({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(START_MS + 1_000) });
  });

  it('returns every system attribute for All', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello', { MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } } });
    const [message] = await receive(QueueUrl, { AttributeNames: ['All'] });
    expect(message?.Attributes).toEqual({
      SenderId: 'AKIDWHARFTEST',
      SentTimestamp: String(START_MS),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(START_MS),
      AWSTraceHeader: 'Root=1-abc',
    });
  });

  it('accepts message system attribute names in the deprecated AttributeNames', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello');
    const [message] = await receive(QueueUrl, { AttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'] });
    expect(message?.Attributes).toEqual({ SentTimestamp: String(START_MS), ApproximateReceiveCount: '1' });
  });

  it.skipIf(protocol === 'query')('returns system attributes named in MessageSystemAttributeNames, All included', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello');
    const [message] = await receive(QueueUrl, { MessageSystemAttributeNames: ['All'] });
    expect(Object.keys(message?.Attributes ?? {}).sort()).toEqual(['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
  });

  describe('MessageAttributeNames', () => {
    const attributes = {
      General: { DataType: 'String', StringValue: 'Kenobi' },
      Hello: { DataType: 'String', StringValue: 'There' },
      'Help.Me': { DataType: 'String', StringValue: 'Me' },
    };

    it.each([
      ['All', ['All'], ['General', 'Hello', 'Help.Me'], '4c360f3fdafd970e05fae2f149d997f5'],
      ['.*', ['.*'], ['General', 'Hello', 'Help.Me'], '4c360f3fdafd970e05fae2f149d997f5'],
      ['an exact name', ['Hello'], ['Hello'], 'a311262e065454b75da111d535b8dacd'],
      // AWS documents `bar.*` as "starting with the prefix"; whether the dot is part of the prefix
      // is not recorded, so this filter matches under either reading.
      ['a prefix filter', ['Help.*'], ['Help.Me'], undefined],
    ])('returns the attributes selected by %s, with the MD5 of that subset', async (_what, names, expected, md5) => {
      const QueueUrl = await t.createQueue();
      await send(QueueUrl, 'msg', { MessageAttributes: attributes });
      const [message] = await receive(QueueUrl, { MessageAttributeNames: names });
      expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual(expected);
      if (md5) expect(message?.MD5OfMessageAttributes).toBe(md5);
    });

    it('returns no message attributes unless asked', async () => {
      const QueueUrl = await t.createQueue();
      await send(QueueUrl, 'msg', { MessageAttributes: attributes });
      const [message] = await receive(QueueUrl);
      expect([message?.MessageAttributes, message?.MD5OfMessageAttributes]).toEqual([undefined, undefined]);
    });
  });

  it('accepts a ReceiveRequestAttemptId on a standard queue', async () => {
    const QueueUrl = await t.createQueue();
    await send(QueueUrl, 'hello');
    expect((await receive(QueueUrl, { ReceiveRequestAttemptId: 'attempt-1' })).map((m) => m.Body)).toEqual(['hello']);
  });

  it('fails with QueueDoesNotExist for a missing queue', async () => {
    await expectNoSuchQueue(t.sqs, receive(`${t.server.url}/000000000000/missing`));
  });
});

describe.each(SQS_PROTOCOLS)('SQS long polling on the system clock over %s', (protocol) => {
  const t = useSqsServer(protocol, { clock: systemClock });

  it('returns a message as soon as it is sent to a queue being long-polled', async () => {
    const { sdk, client } = t.sqs;
    const QueueUrl = await t.createQueue();
    const startedAt = performance.now();
    const polling = client.send(new sdk.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await until(() => t.server.emulator.sqs.signals.waiting > 0, 'the receive waits');
    await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const out = await polling;
    expect(out.Messages?.map((m) => m.Body)).toEqual(['wake up']);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
  });
});
