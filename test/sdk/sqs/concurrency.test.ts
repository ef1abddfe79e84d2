import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';
import { connectSqs, type SqsConnection } from '../../support/sqs-clients.js';

const MESSAGES = 2_000; // a multiple of BATCH
const BATCH = 10;
const RECEIVERS = 32;
const WAIT_SECONDS = 1;

/**
 * Many clients receiving from one queue at once, over HTTP with the real SDK and the system
 * clock: every message must go to exactly one receiver while it is invisible.
 */
describe('SQS concurrent receivers over HTTP', () => {
  let server: RunningServer;
  let sqs: SqsConnection;
  beforeAll(async () => {
    server = await startTestServer();
    sqs = connectSqs('json', server.url);
  });
  afterAll(async () => {
    sqs?.client.destroy();
    await server?.close();
  });

  async function createQueue(name: string): Promise<string> {
    const { QueueUrl } = await sqs.client.send(new sqs.sdk.CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '300' } }));
    return QueueUrl!;
  }

  async function sendAll(queueUrl: string): Promise<string[]> {
    const batches = Array.from({ length: MESSAGES / BATCH }, (_, b) =>
      sqs.client.send(
        new sqs.sdk.SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: BATCH }, (_, k) => ({ Id: `e${k}`, MessageBody: `message ${b * BATCH + k}` })),
        }),
      ),
    );
    const results = await Promise.all(batches);
    for (const r of results) expect(r.Failed ?? []).toEqual([]);
    return results.flatMap((r) => (r.Successful ?? []).map((s) => s.MessageId!));
  }

  /** RECEIVERS loops of ReceiveMessage until MESSAGES have been received in total. */
  async function receiveAll(queueUrl: string, onBatch: (receiptHandles: string[]) => Promise<void> = async () => {}): Promise<string[][]> {
    let total = 0;
    // Once all are in, the receives still long-polling are cut short rather than left to wait.
    const done = new AbortController();
    return Promise.all(
      Array.from({ length: RECEIVERS }, async () => {
        const mine: string[] = [];
        while (total < MESSAGES) {
          const command = new sqs.sdk.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: WAIT_SECONDS });
          const reply = await sqs.client.send(command, { abortSignal: done.signal }).catch((err: Error) => {
            if (done.signal.aborted) return { Messages: [] };
            throw err;
          });
          const messages = reply.Messages ?? [];
          total += messages.length;
          mine.push(...messages.map((m) => m.MessageId!));
          if (messages.length > 0) await onBatch(messages.map((m) => m.ReceiptHandle!));
          if (total >= MESSAGES) done.abort();
        }
        return mine;
      }),
    );
  }

  async function approximateCounts(queueUrl: string) {
    const { Attributes = {} } = await sqs.client.send(
      new sqs.sdk.GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    return Attributes;
  }

  it(`delivers each of ${MESSAGES} messages to exactly one of ${RECEIVERS} concurrent receivers`, async () => {
    const queueUrl = await createQueue('contended');
    const sent = await sendAll(queueUrl);
    expect(new Set(sent).size).toBe(MESSAGES);

    const perReceiver = await receiveAll(queueUrl);
    const received = perReceiver.flat();
    expect(received).toHaveLength(MESSAGES); // no duplicates across receivers…
    expect([...received].sort()).toEqual([...sent].sort()); // …and none missing
    expect(perReceiver.filter((ids) => ids.length > 0).length).toBeGreaterThan(1); // they really did share the work

    expect(await approximateCounts(queueUrl)).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: String(MESSAGES),
      ApproximateNumberOfMessagesDelayed: '0',
    });
  });

  it('empties the queue when concurrent receivers delete what they receive', async () => {
    const queueUrl = await createQueue('drained');
    const sent = await sendAll(queueUrl);

    const perReceiver = await receiveAll(queueUrl, async (receiptHandles) => {
      const { Failed = [] } = await sqs.client.send(
        new sqs.sdk.DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: receiptHandles.map((ReceiptHandle, i) => ({ Id: `d${i}`, ReceiptHandle })) }),
      );
      expect(Failed).toEqual([]);
    });
    const received = perReceiver.flat();
    expect(received).toHaveLength(MESSAGES);
    expect([...received].sort()).toEqual([...sent].sort());

    expect(await approximateCounts(queueUrl)).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    const { Messages } = await sqs.client.send(new sqs.sdk.ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
    expect(Messages).toBeUndefined();
  });
});
