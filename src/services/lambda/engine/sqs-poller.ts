import { Countdown, type Clock } from '../../../clock.js';
import type { EventSourceQueue, SqsEventSourcePort } from '../../sqs/engine/event-source.js';
import type { ReceivedMessage } from '../../sqs/engine/types.js';
import { parsedOrText, type RecordFilter } from './filters.js';
import type { FunctionRegistry } from './functions.js';
import type { InvocationLog } from './invocation-log.js';
import { failedItemsOf } from './item-failures.js';
import type { Mapping } from './types.js';

export interface SqsPollerParts {
  clock: Clock;
  functions: FunctionRegistry;
  sqs: SqsEventSourcePort;
  log: InvocationLog;
}

/** How a mapping's pollers scale, as Lambda's do: up while there is a backlog, down when polls come back empty. */
export interface PollerScaling {
  /** A poller gathered a full batch: there is a backlog, another poller may start. */
  backlog(): void;
  /** A poller's long poll came back empty: true when it should stop (it is not the last one). */
  idle(): boolean;
}

/** SQS's ReceiveMessage returns at most 10 messages; Lambda's poller builds larger batches from several. */
const RECEIVE_MAX = 10;
/** Lambda's pollers long-poll SQS with the longest wait. */
const LONG_POLL_SECONDS = 20;

/**
 * One of a mapping's SQS pollers (a mapping runs several, up to ScalingConfig.MaximumConcurrency):
 * long-poll, gather a batch within the batching window, invoke, then delete what succeeded.
 * What fails stays in flight until its visibility timeout, so the queue's redrive policy moves
 * it to a dead-letter queue after maxReceiveCount receives, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 */
export async function runSqsPoller(
  mapping: Mapping,
  filter: RecordFilter | undefined,
  parts: SqsPollerParts,
  scaling: PollerScaling,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const queue = parts.sqs.queueByArn(mapping.eventSourceArn);
    if (!queue) {
      await parts.clock.sleep(1000, signal); // the queue is gone (or not yet there): look again later
      continue;
    }
    if (!parts.functions.canInvoke(mapping.functionArn)) {
      await parts.functions.nextRegistration(signal); // messages wait in the queue until the function exists
      continue;
    }
    const messages = await collectBatch(queue, mapping, parts, signal);
    if (signal.aborted) return;
    if (messages.length === 0) {
      if (scaling.idle()) return;
      continue;
    }
    if (messages.length >= mapping.settings.BatchSize) scaling.backlog();
    await processBatch(queue, mapping, messages, filter, parts);
  }
}

/** Up to BatchSize messages: one long poll, then more receives while the batching window lasts. */
async function collectBatch(queue: EventSourceQueue, mapping: Mapping, parts: SqsPollerParts, signal: AbortSignal): Promise<ReceivedMessage[]> {
  const { BatchSize: batchSize, MaximumBatchingWindowInSeconds: windowSeconds } = mapping.settings;
  const batch = await parts.sqs.receive(queue, Math.min(RECEIVE_MAX, batchSize), LONG_POLL_SECONDS, signal);
  if (batch.length === 0) return batch;
  const window = new Countdown(parts.clock, windowSeconds * 1000);
  while (batch.length < batchSize && !signal.aborted) {
    const remainingMs = window.remainingMs();
    // Without a window, Lambda takes what one poll returned; with one, it keeps polling until it ends.
    if (remainingMs <= 0) break;
    batch.push(...(await parts.sqs.receive(queue, Math.min(RECEIVE_MAX, batchSize - batch.length), remainingMs / 1000, signal)));
  }
  return batch;
}

async function processBatch(
  queue: EventSourceQueue,
  mapping: Mapping,
  messages: ReceivedMessage[],
  filter: RecordFilter | undefined,
  parts: SqsPollerParts,
): Promise<void> {
  const records = messages.map((m) => sqsRecord(m, queue.arn, mapping.region));
  // Messages no filter matches are deleted without an invocation, as Lambda does for SQS.
  const kept = filter ? records.filter((r) => filter(filterView(r))) : records;
  for (const record of records) if (!kept.includes(record)) parts.sqs.deleteMessage(queue, record.receiptHandle);
  const startedMs = parts.clock.now();
  if (kept.length === 0) {
    parts.log.record(mapping.uuid, { atMs: startedMs, batchSize: 0, outcome: 'filtered', durationMs: 0 });
    return;
  }
  const outcome = await parts.functions.invoke(mapping.functionArn, { Records: kept });
  const durationMs = parts.clock.now() - startedMs;
  if (!outcome.ok) {
    // A function error: nothing is deleted; every message reappears after its visibility timeout.
    parts.log.record(mapping.uuid, {
      atMs: startedMs,
      batchSize: kept.length,
      outcome: 'error',
      durationMs,
      error: `${outcome.errorType}: ${outcome.errorMessage}`,
    });
    return;
  }
  const reportsFailures = mapping.settings.FunctionResponseTypes.includes('ReportBatchItemFailures');
  const failed = reportsFailures
    ? failedItemsOf(
        outcome.response,
        kept.map((r) => r.messageId),
      )
    : [];
  if (failed === 'invalid') {
    parts.log.record(mapping.uuid, {
      atMs: startedMs,
      batchSize: kept.length,
      outcome: 'error',
      durationMs,
      error: 'Invalid batchItemFailures response: the whole batch failed',
    });
    return;
  }
  for (const record of kept) if (!failed.includes(record.messageId)) parts.sqs.deleteMessage(queue, record.receiptHandle);
  parts.log.record(mapping.uuid, {
    atMs: startedMs,
    batchSize: kept.length,
    outcome: failed.length > 0 ? 'partial' : 'ok',
    durationMs,
    ...(failed.length > 0 ? { failedItems: failed } : {}),
  });
}

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsEventMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

interface SqsEventMessageAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** A message as Lambda's SQS event shows it (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message event"). */
export function sqsRecord(message: ReceivedMessage, queueArn: string, region: string): SqsEventRecord {
  const messageAttributes: Record<string, SqsEventMessageAttribute> = {};
  for (const [name, a] of Object.entries(message.messageAttributes ?? {})) {
    messageAttributes[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue.toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType,
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: message.attributes ?? {},
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { md5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** What a filter pattern sees: the record with its body parsed when it is JSON. */
function filterView(record: SqsEventRecord): Record<string, unknown> {
  return { ...record, body: parsedOrText(record.body) };
}
