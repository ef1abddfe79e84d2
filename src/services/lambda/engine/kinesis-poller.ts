import { randomUUID } from 'node:crypto';
import { Countdown, type Clock } from '../../../clock.js';
import type { KinesisEventSourcePort, ShardPosition } from '../../kinesis/engine/event-source.js';
import type { StoredRecord } from '../../kinesis/engine/types.js';
import type { SqsEventSourcePort } from '../../sqs/engine/event-source.js';
import { parsedOrText, type RecordFilter } from './filters.js';
import type { FunctionRegistry, InvokeOutcome } from './functions.js';
import type { InvocationLog } from './invocation-log.js';
import { failedItemsOf } from './item-failures.js';
import type { Mapping } from './types.js';

export interface KinesisPollerParts {
  clock: Clock;
  functions: FunctionRegistry;
  kinesis: KinesisEventSourcePort;
  sqs: SqsEventSourcePort;
  log: InvocationLog;
  /** The shard's checkpoint: the last sequence number processed (or given up on), and whether the shard is finished. */
  checkpoint(shardId: string): { sequenceNumber?: string; finished: boolean } | undefined;
  saveCheckpoint(shardId: string, sequenceNumber: string | undefined, finished: boolean): void;
  setLastProcessingResult(result: string): void;
}

/** Lambda reads each shard about once a second when it has nothing to do. */
const IDLE_POLL_MS = 1000;
/** Retries of a failed batch wait 1 s, 2 s, 4 s, … up to a minute on wharf's clock (AWS: "exponential backoff"; the steps are wharf's). */
const FIRST_RETRY_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * A mapping's stream poller: one loop per shard, parents read to their end before their
 * children start (so records of a partition key stay in order across a reshard). Each batch is
 * retried until it succeeds, MaximumRetryAttempts or MaximumRecordAgeInSeconds; then its failure
 * goes to DestinationConfig.OnFailure and the shard moves on. Checkpoints follow each batch.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export async function runKinesisPoller(mapping: Mapping, filter: RecordFilter | undefined, parts: KinesisPollerParts, signal: AbortSignal): Promise<void> {
  const started = new Set<string>();
  const finished = new Set<string>();
  const initialShards = new Set((parts.kinesis.shardsOf(mapping.eventSourceArn) ?? []).map((s) => s.shardId));
  const loops: Promise<void>[] = [];
  while (!signal.aborted) {
    if (!parts.functions.canInvoke(mapping.functionArn)) {
      await parts.functions.nextRegistration(signal);
      continue;
    }
    const shards = parts.kinesis.shardsOf(mapping.eventSourceArn) ?? [];
    for (const shard of shards) {
      if (started.has(shard.shardId)) continue;
      if (parts.checkpoint(shard.shardId)?.finished) {
        started.add(shard.shardId);
        finished.add(shard.shardId);
        continue;
      }
      // A child shard waits until every parent it has (still within retention) is finished.
      if (!shard.parentShardIds.every((p) => finished.has(p) || !shards.some((s) => s.shardId === p))) continue;
      started.add(shard.shardId);
      const fromStart = !initialShards.has(shard.shardId);
      loops.push(
        pollShard(mapping, shard.shardId, fromStart, filter, parts, signal).then((done) => {
          if (done) finished.add(shard.shardId);
        }),
      );
    }
    // Look for new shards (resharding) or newly finished parents once a second.
    await parts.clock.sleep(IDLE_POLL_MS, signal);
  }
  await Promise.all(loops);
}

/** Reads one shard to its end (true) or until stopped (false). */
async function pollShard(
  mapping: Mapping,
  shardId: string,
  fromStart: boolean,
  filter: RecordFilter | undefined,
  parts: KinesisPollerParts,
  signal: AbortSignal,
): Promise<boolean> {
  const arn = mapping.eventSourceArn;
  const s = mapping.settings;
  const checkpoint = parts.checkpoint(shardId)?.sequenceNumber;
  const position: ShardPosition = checkpoint
    ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint }
    : fromStart
      ? { type: 'TRIM_HORIZON' }
      : { type: s.StartingPosition ?? 'LATEST', ...(s.StartingPositionTimestampMs !== undefined ? { timestampMs: s.StartingPositionTimestampMs } : {}) };
  let iterator = parts.kinesis.iterator(arn, shardId, position);
  while (iterator && !signal.aborted) {
    const batch: StoredRecord[] = [];
    const window = new Countdown(parts.clock, s.MaximumBatchingWindowInSeconds * 1000);
    let next: string | undefined = iterator;
    for (;;) {
      const read = parts.kinesis.read(arn, next, s.BatchSize - batch.length);
      if (!read) return false;
      batch.push(...read.records);
      next = read.nextIterator;
      if (!next || batch.length >= s.BatchSize || signal.aborted) break;
      const remainingMs = window.remainingMs();
      if (batch.length > 0 && remainingMs <= 0) break;
      // Wait for the next put (or the window's end, or the once-a-second poll).
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      await Promise.race([parts.kinesis.nextPut(arn, shardId, stop.signal), parts.clock.sleep(batch.length > 0 ? remainingMs : IDLE_POLL_MS, stop.signal)]);
      stop.abort();
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) return false;
    if (batch.length > 0) {
      const ok = await processWithRetries(mapping, shardId, batch, filter, parts, signal);
      if (!ok) return false; // stopped while retrying: the checkpoint stays before the batch
    }
    if (!next) {
      parts.saveCheckpoint(shardId, batch.at(-1)?.sequenceNumber ?? parts.checkpoint(shardId)?.sequenceNumber, true);
      return true;
    }
    iterator = next;
  }
  return false;
}

/** Invokes until the batch succeeds or is given up; false when stopped first. */
async function processWithRetries(
  mapping: Mapping,
  shardId: string,
  batch: StoredRecord[],
  filter: RecordFilter | undefined,
  parts: KinesisPollerParts,
  signal: AbortSignal,
): Promise<boolean> {
  const s = mapping.settings;
  const records = batch.map((r) => kinesisRecord(r, shardId, mapping));
  const kept = filter
    ? records.filter((r) => filter({ ...r, kinesis: { ...r.kinesis, data: parsedOrText(Buffer.from(r.kinesis.data, 'base64').toString('utf8')) } }))
    : records;
  if (kept.length === 0) {
    parts.log.record(mapping.uuid, { atMs: parts.clock.now(), batchSize: 0, outcome: 'filtered', durationMs: 0 });
    parts.saveCheckpoint(shardId, batch.at(-1)!.sequenceNumber, false);
    return true;
  }
  // Bisection splits a failing batch in halves, each retried on its own (AWS: not counted as retries).
  const pending: (typeof kept)[] = [kept];
  let retries = 0;
  let delayMs = FIRST_RETRY_DELAY_MS;
  while (pending.length > 0) {
    const part = pending[0]!;
    const startedMs = parts.clock.now();
    const outcome = await parts.functions.invoke(mapping.functionArn, { Records: part });
    const durationMs = parts.clock.now() - startedMs;
    const failed =
      outcome.ok && s.FunctionResponseTypes.includes('ReportBatchItemFailures')
        ? failedItemsOf(
            outcome.response,
            part.map((r) => r.kinesis.sequenceNumber),
          )
        : [];
    if (outcome.ok && failed !== 'invalid' && failed.length === 0) {
      parts.log.record(mapping.uuid, { atMs: startedMs, batchSize: part.length, outcome: 'ok', durationMs });
      parts.saveCheckpoint(shardId, part.at(-1)!.kinesis.sequenceNumber, false);
      parts.setLastProcessingResult('OK');
      pending.shift();
      retries = 0;
      delayMs = FIRST_RETRY_DELAY_MS;
      continue;
    }
    const error = !outcome.ok
      ? `${outcome.errorType}: ${outcome.errorMessage}`
      : failed === 'invalid'
        ? 'Invalid batchItemFailures response: the whole batch failed'
        : undefined;
    parts.log.record(mapping.uuid, {
      atMs: startedMs,
      batchSize: part.length,
      outcome: error ? 'error' : 'partial',
      durationMs,
      ...(error ? { error } : { failedItems: failed as string[] }),
    });
    parts.setLastProcessingResult('PROBLEM: Function call failed');
    // A partial failure checkpoints before the lowest failed sequence number and retries from there.
    if (!error) {
      const firstFailed = part.findIndex((r) => (failed as string[]).includes(r.kinesis.sequenceNumber));
      if (firstFailed > 0) parts.saveCheckpoint(shardId, part[firstFailed - 1]!.kinesis.sequenceNumber, false);
      pending[0] = part.slice(firstFailed);
    } else if (s.BisectBatchOnFunctionError && part.length > 1) {
      // Splitting does not count against the retry quota; the halves are tried at once.
      const half = Math.ceil(part.length / 2);
      pending.splice(0, 1, part.slice(0, half), part.slice(half));
      continue;
    }
    retries++;
    const giveUp = exhausted(s.MaximumRetryAttempts, retries)
      ? 'RetryAttemptsExhausted'
      : tooOld(s.MaximumRecordAgeInSeconds, pending[0]!, parts.clock.now())
        ? 'RecordAgeExceeded'
        : undefined;
    if (giveUp) {
      const given = pending.shift()!;
      sendToOnFailure(mapping, shardId, given, giveUp, retries, outcome, parts);
      parts.saveCheckpoint(shardId, given.at(-1)!.kinesis.sequenceNumber, false);
      retries = 0;
      delayMs = FIRST_RETRY_DELAY_MS;
      continue;
    }
    await parts.clock.sleep(delayMs, signal);
    delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
    if (signal.aborted) return false;
  }
  return true;
}

function exhausted(maximumRetryAttempts: number | undefined, retries: number): boolean {
  return maximumRetryAttempts !== undefined && maximumRetryAttempts !== -1 && retries > maximumRetryAttempts;
}

function tooOld(maximumRecordAgeSeconds: number | undefined, records: KinesisEventRecord[], nowMs: number): boolean {
  if (maximumRecordAgeSeconds === undefined || maximumRecordAgeSeconds === -1 || records.length === 0) return false;
  return nowMs - records[0]!.kinesis.approximateArrivalTimestamp * 1000 > maximumRecordAgeSeconds * 1000;
}

/** AWS's invocation record for a discarded Kinesis batch (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, "Configuring destinations"). */
function sendToOnFailure(
  mapping: Mapping,
  shardId: string,
  records: KinesisEventRecord[],
  condition: string,
  invokeCount: number,
  outcome: InvokeOutcome,
  parts: KinesisPollerParts,
): void {
  const destination = mapping.settings.DestinationConfig?.OnFailure?.Destination;
  if (!destination) return;
  const first = records[0]!.kinesis;
  const last = records.at(-1)!.kinesis;
  const record = {
    requestContext: { requestId: randomUUID(), functionArn: mapping.functionArn, condition, approximateInvokeCount: invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: outcome.ok ? undefined : 'Unhandled' },
    version: '1.0',
    timestamp: new Date(parts.clock.now()).toISOString(),
    KinesisBatchInfo: {
      shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.approximateArrivalTimestamp * 1000).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.approximateArrivalTimestamp * 1000).toISOString(),
      batchSize: records.length,
      streamArn: mapping.eventSourceArn,
    },
  };
  if (destination.startsWith('arn:aws:sqs:')) parts.sqs.sendRecord(destination, JSON.stringify(record), mapping.accountId);
}

export interface KinesisEventRecord {
  kinesis: { kinesisSchemaVersion: '1.0'; partitionKey: string; sequenceNumber: string; data: string; approximateArrivalTimestamp: number };
  eventSource: 'aws:kinesis';
  eventVersion: '1.0';
  eventID: string;
  eventName: 'aws:kinesis:record';
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

/** A record as Lambda's Kinesis event shows it ("Example event" in with-kinesis.html). */
export function kinesisRecord(record: StoredRecord, shardId: string, mapping: Mapping): KinesisEventRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.partitionKey,
      sequenceNumber: record.sequenceNumber,
      data: record.data.toString('base64'),
      approximateArrivalTimestamp: record.arrivedAtMs / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${record.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    // The function's execution role on AWS; wharf's functions have none, so a fixed one in the account.
    invokeIdentityArn: `arn:aws:iam::${mapping.accountId}:role/wharf-lambda-role`,
    awsRegion: mapping.region,
    eventSourceARN: mapping.eventSourceArn,
  };
}
