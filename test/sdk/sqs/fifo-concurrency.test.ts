import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../../../src/clock.js';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';
import { connectSqs, type SqsConnection } from '../../support/sqs-clients.js';

const GROUPS = 10;
const CONSUMERS = 16;
const MESSAGES = 10_000; // a multiple of BATCH
const BATCH = 10;
const SENDERS = 8; // SendMessageBatch calls in flight at once
const VISIBILITY_TIMEOUT_SECONDS = 300; // far longer than the test: nothing may come back twice
const WAIT_SECONDS = 1; // long polls, so idle consumers do not spin against the in-process server
const GIVE_UP_MS = 25_000;

/**
 * A FIFO queue shared by many consumers over HTTP with the real SDK and the system clock. Each
 * consumer records (group, SequenceNumber) as it receives, then deletes what it received. Per
 * group, the records must be the sent sequence numbers in order, and no receive may hand out a
 * message of a group while an earlier receive still holds one of that group.
 */
describe('SQS FIFO queue with concurrent consumers over HTTP', () => {
  let server: RunningServer;
  let sqs: SqsConnection;
  beforeAll(async () => {
    server = await startTestServer({ clock: new SystemClock() });
    sqs = connectSqs('json', server.url);
  });
  afterAll(async () => {
    sqs?.client.destroy();
    await server?.close();
  });

  const groupOf = (i: number) => `group-${i % GROUPS}`;

  /** Sends MESSAGES messages with SENDERS concurrent batches; returns each group's SequenceNumbers in send order. */
  async function sendAll(QueueUrl: string): Promise<{ sequenceByGroup: Map<string, string[]>; messageIds: Set<string> }> {
    const sequenceByGroup = new Map<string, string[]>();
    const messageIds = new Set<string>();
    let nextBatch = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (nextBatch < MESSAGES / BATCH) {
          const first = nextBatch++ * BATCH;
          const Entries = Array.from({ length: BATCH }, (_, k) => ({
            Id: String(first + k),
            MessageBody: `message ${first + k}`,
            MessageGroupId: groupOf(first + k),
            MessageDeduplicationId: String(first + k),
          }));
          const out = await sqs.client.send(new sqs.sdk.SendMessageBatchCommand({ QueueUrl, Entries }));
          expect(out.Failed ?? []).toEqual([]);
          for (const entry of out.Successful ?? []) {
            const group = groupOf(Number(entry.Id));
            if (!sequenceByGroup.has(group)) sequenceByGroup.set(group, []);
            sequenceByGroup.get(group)!.push(entry.SequenceNumber!);
            messageIds.add(entry.MessageId!);
          }
        }
      }),
    );
    // SequenceNumbers are 20-digit decimal strings: text order is numeric order, and is the send order.
    for (const numbers of sequenceByGroup.values()) numbers.sort();
    return { sequenceByGroup, messageIds };
  }

  it(`keeps per-group order for ${MESSAGES} messages in ${GROUPS} groups across ${CONSUMERS} consumers, delivering each once`, async () => {
    const { QueueUrl } = await sqs.client.send(
      new sqs.sdk.CreateQueueCommand({ QueueName: 'ordered.fifo', Attributes: { FifoQueue: 'true', VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS) } }),
    );
    const sent = await sendAll(QueueUrl!);
    expect(sent.messageIds.size).toBe(MESSAGES);

    const receivedByGroup = new Map<string, string[]>();
    const receivedIds = new Set<string>();
    const duplicates: string[] = [];
    const overlaps: string[] = [];
    const heldBy = new Map<string, number>(); // group → the receive that holds one of its messages
    let received = 0;
    let receives = 0;
    const giveUpAt = performance.now() + GIVE_UP_MS;
    // Once all are in, the receives still long-polling are cut short rather than left to wait.
    const done = new AbortController();

    const perConsumer = await Promise.all(
      Array.from({ length: CONSUMERS }, async () => {
        let mine = 0;
        while (received < MESSAGES && performance.now() < giveUpAt) {
          const command = new sqs.sdk.ReceiveMessageCommand({
            QueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: WAIT_SECONDS,
            MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'],
          });
          const reply = await sqs.client.send(command, { abortSignal: done.signal }).catch((err: Error) => {
            if (done.signal.aborted) return { Messages: [] };
            throw err;
          });
          const messages = reply.Messages ?? [];
          if (messages.length === 0) continue;
          const receive = ++receives;
          for (const message of messages) {
            const group = message.Attributes!.MessageGroupId!;
            const holder = heldBy.get(group);
            if (holder !== undefined && holder !== receive)
              overlaps.push(`${group} seq ${message.Attributes!.SequenceNumber} while receive ${holder} held the group`);
            heldBy.set(group, receive);
            if (receivedIds.has(message.MessageId!)) duplicates.push(message.MessageId!);
            receivedIds.add(message.MessageId!);
            if (!receivedByGroup.has(group)) receivedByGroup.set(group, []);
            receivedByGroup.get(group)!.push(message.Attributes!.SequenceNumber!);
          }
          received += messages.length;
          mine += messages.length;
          // Released before the delete is sent: wharf may hand out the group's next message as soon as it
          // has processed the delete, before this consumer sees the reply.
          for (const message of messages) heldBy.delete(message.Attributes!.MessageGroupId!);
          const out = await sqs.client.send(
            new sqs.sdk.DeleteMessageBatchCommand({ QueueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
          );
          expect(out.Failed ?? []).toEqual([]);
          if (received >= MESSAGES) done.abort();
        }
        return mine;
      }),
    );

    expect(overlaps).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(receivedIds.size).toBe(MESSAGES); // nothing lost
    expect([...receivedIds].sort()).toEqual([...sent.messageIds].sort());
    for (const [group, numbers] of sent.sequenceByGroup) expect({ group, received: receivedByGroup.get(group) }).toEqual({ group, received: numbers });
    expect(perConsumer.filter((n) => n > 0).length).toBeGreaterThan(1);

    const { Attributes } = await sqs.client.send(
      new sqs.sdk.GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
  }, 40_000);
});
