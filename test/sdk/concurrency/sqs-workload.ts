import * as sqs from '@aws-sdk/client-sqs';
import { setMaxListeners } from 'node:events';
import type { CountSample, Receipt, RunLog, SentMessage } from './visibility-check.js';

export interface WorkloadOptions {
  client: sqs.SQSClient;
  queueUrl: string;
  messages: number;
  consumers: number;
  /** The first `crashers` consumers never delete: they receive with a 1 s visibility timeout and drop what they got. */
  crashers: number;
  /** SendMessageBatch calls in flight at once, running alongside the consumers. */
  senders: number;
  /** FIFO: messages go to this many groups, round robin. */
  groups?: number;
  /** Standard queues: every nth message is sent with DelaySeconds 1. */
  delayEvery?: number;
  /** The run fails if not every message is deleted by then. */
  giveUpMs: number;
}

export interface WorkloadResult extends RunLog {
  durationMs: number;
  receiveCalls: number;
  /** Receipts that were not a message's first receive. */
  redeliveries: number;
  /** Problems seen while running (a failed delete, giving up), beside what the checker finds afterwards. */
  errors: string[];
}

const BATCH = 10;
/** Long enough that a consumer that deletes always does so in time, even on a loaded machine. */
const VISIBILITY_SECONDS = 120;
const CRASH_VISIBILITY_SECONDS = 1;
/** A crashing consumer takes few messages: it comes back for more at once, having nothing to delete. */
const CRASH_BATCH = 2;
/** Long polls, so idle consumers wait instead of spinning; short, so the run's tail is not a 20 s wait. */
const WAIT_SECONDS = 1;
const SAMPLE_EVERY_MS = 200;

/**
 * Producers and consumers on one queue at once, recording every send, every message each
 * receive returned, every delete and, every SAMPLE_EVERY_MS, the queue's counts, with the
 * client-side times the checker needs. Runs until every message sent has been deleted.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const { client, queueUrl } = options;
  const log: WorkloadResult = { sent: [], receipts: [], samples: [], durationMs: 0, receiveCalls: 0, redeliveries: 0, errors: [] };
  const deletedIds = new Set<string>();
  const stop = new AbortController();
  // Every receive in flight listens for it (the SDK aborts the request).
  setMaxListeners(options.consumers + options.senders + 1, stop.signal);
  const startedMs = Date.now();
  const giveUp = setTimeout(() => {
    log.errors.push(`gave up after ${options.giveUpMs} ms with ${deletedIds.size} of ${options.messages} messages deleted`);
    stop.abort();
  }, options.giveUpMs);

  const send = async (first: number) => {
    const entries = Array.from({ length: Math.min(BATCH, options.messages - first) }, (_, k) => first + k);
    const sentFromMs = Date.now();
    const out = await client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: entries.map((n) => ({
          Id: String(n),
          MessageBody: `message ${n}`,
          ...(options.groups ? { MessageGroupId: `group-${n % options.groups}`, MessageDeduplicationId: String(n) } : {}),
          ...(options.delayEvery && n % options.delayEvery === 0 ? { DelaySeconds: 1 } : {}),
        })),
      }),
    );
    const sentAtMs = Date.now();
    for (const failed of out.Failed ?? []) log.errors.push(`send of message ${failed.Id} failed: ${failed.Code} ${failed.Message}`);
    for (const ok of out.Successful ?? []) {
      const n = Number(ok.Id);
      const message: SentMessage = {
        messageId: ok.MessageId!,
        body: `message ${n}`,
        sentFromMs,
        sentAtMs,
        delayMs: options.delayEvery && n % options.delayEvery === 0 ? 1_000 : 0,
      };
      if (options.groups) Object.assign(message, { groupId: `group-${n % options.groups}`, sequenceNumber: ok.SequenceNumber! });
      log.sent.push(message);
    }
  };

  let nextBatch = 0;
  const senders = Array.from({ length: options.senders }, async () => {
    while (nextBatch * BATCH < options.messages && !stop.signal.aborted) await send(nextBatch++ * BATCH);
  });

  const consume = async (crasher: boolean) => {
    const visibilityMs = (crasher ? CRASH_VISIBILITY_SECONDS : VISIBILITY_SECONDS) * 1000;
    while (!stop.signal.aborted) {
      const call = ++log.receiveCalls;
      const receivedFromMs = Date.now();
      const reply = await client
        .send(
          new sqs.ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: crasher ? CRASH_BATCH : BATCH,
            WaitTimeSeconds: WAIT_SECONDS,
            VisibilityTimeout: visibilityMs / 1000,
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'MessageGroupId', 'SequenceNumber'],
          }),
          { abortSignal: stop.signal },
        )
        .catch((err: Error) => {
          // Cut short once every message is deleted: what it may have claimed is never looked at.
          if (stop.signal.aborted) return undefined;
          throw err;
        });
      const receivedAtMs = Date.now();
      const messages = reply?.Messages ?? [];
      const receipts = messages.map(
        (m): Receipt => ({
          call,
          messageId: m.MessageId!,
          body: m.Body!,
          receiveCount: Number(m.Attributes!.ApproximateReceiveCount),
          visibilityMs,
          receivedFromMs,
          receivedAtMs,
          ...(m.Attributes!.MessageGroupId !== undefined ? { groupId: m.Attributes!.MessageGroupId, sequenceNumber: m.Attributes!.SequenceNumber! } : {}),
        }),
      );
      log.receipts.push(...receipts);
      if (crasher || receipts.length === 0) continue;
      const deleteFromMs = Date.now();
      for (const r of receipts) r.deleteFromMs = deleteFromMs;
      const out = await client.send(
        new sqs.DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
      );
      const deletedAtMs = Date.now();
      const failed = new Set((out.Failed ?? []).map((f) => Number(f.Id)));
      for (const f of out.Failed ?? []) log.errors.push(`delete of ${receipts[Number(f.Id)]!.messageId} failed: ${f.Code} ${f.Message}`);
      receipts.forEach((r, i) => {
        if (failed.has(i)) return;
        r.deletedAtMs = deletedAtMs;
        deletedIds.add(r.messageId);
      });
      if (deletedIds.size >= options.messages) stop.abort();
    }
  };
  const consumers = Array.from({ length: options.consumers }, (_, i) => consume(i < options.crashers));

  const sampler = (async () => {
    while (!stop.signal.aborted) {
      const fromMs = Date.now();
      const { Attributes = {} } = await client.send(
        new sqs.GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      const sample: CountSample = {
        fromMs,
        atMs: Date.now(),
        visible: Number(Attributes.ApproximateNumberOfMessages),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
        delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
      };
      log.samples.push(sample);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();

  // A loop that throws (an unexpected error reply) ends the run, and is reported with the rest.
  const guarded = [...senders, ...consumers, sampler].map((loop) =>
    loop.catch((err: Error) => {
      log.errors.push(`${err.name}: ${err.message}`);
      stop.abort();
    }),
  );
  await Promise.all(guarded);
  clearTimeout(giveUp);
  log.durationMs = Date.now() - startedMs;
  log.redeliveries = log.receipts.filter((r) => r.receiveCount > 1).length;
  return log;
}
