import {
  GetRecordsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  CreateStreamCommand,
  ListShardsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, PublishBatchCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIFO_GROUPS, isServerAnswer, NAMES, queueArn, SHARDS, topicArn, type Clients } from './clients.js';
import type { Ledger } from './ledger.js';
import { keyOf, payloadOf, type Random } from './random.js';

/** What the producers of one server process share. */
export interface CycleContext {
  clients: Clients;
  ledger: Ledger;
  /** True once the server is being killed: producers stop starting requests. */
  stopping(): boolean;
  /** Called after each request wharf answered with success. */
  answered(): void;
  fail(message: string): void;
}

/** Creates the queues, the topic and its SQS subscription, the stream, and a reader per shard. */
export async function setUp(clients: Clients, ledger: Ledger): Promise<void> {
  const { sqs, sns, kinesis } = clients;
  await sqs.send(new CreateQueueCommand({ QueueName: NAMES.standard, Attributes: { VisibilityTimeout: '2' } }));
  await sqs.send(new CreateQueueCommand({ QueueName: NAMES.fifo, Attributes: { FifoQueue: 'true' } }));
  await sqs.send(new CreateQueueCommand({ QueueName: NAMES.snsQueue }));
  await sns.send(new CreateTopicCommand({ Name: NAMES.topic }));
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn(NAMES.snsQueue) }));
  await kinesis.send(new CreateStreamCommand({ StreamName: NAMES.stream, ShardCount: SHARDS }));
  const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: NAMES.stream }));
  for (const shard of Shards ?? []) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: NAMES.stream, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    ledger.readers.set(shard.ShardId!, { iterator: ShardIterator!, records: [] });
  }
}

/** Every producer and consumer at once, each until the server goes away. */
export function runWorkload(ctx: CycleContext, random: Random): Promise<void> {
  return Promise.all([
    produceStandard(ctx, random.fork()),
    produceFifo(ctx, random.fork()),
    publishToTopic(ctx, random.fork()),
    putRecords(ctx, random.fork()),
    consumeStandard(ctx),
    readShards(ctx),
  ]).then(() => undefined);
}

/** Sends one request; undefined (ending the producer) when the server went away or answered an error. */
async function attempt<T>(ctx: CycleContext, what: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await call();
    ctx.answered();
    return result;
  } catch (err) {
    const e = err as Error;
    if (isServerAnswer(err)) ctx.fail(`${what}: wharf answered ${e.name}: ${e.message}`);
    else if (!ctx.stopping()) ctx.fail(`${what}: the request failed while wharf was up: ${e.name}: ${e.message}`);
    return undefined;
  }
}

const batchSize = (random: Random, max: number) => (random.chance(0.5) ? 1 : random.int(2, max));

async function produceStandard(ctx: CycleContext, random: Random): Promise<void> {
  const { ledger, clients } = ctx;
  const QueueUrl = clients.queueUrl(NAMES.standard);
  while (!ctx.stopping()) {
    const keys = Array.from({ length: batchSize(random, 10) }, () => ledger.nextKey('s'));
    for (const key of keys) ledger.standard.set(key, {});
    if (keys.length === 1) {
      const out = await attempt(ctx, 'SendMessage', () => clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: payloadOf(keys[0]!) })));
      if (!out) return;
      ledger.standard.get(keys[0]!)!.acked = out.MessageId!;
    } else {
      const Entries = keys.map((key, i) => ({ Id: String(i), MessageBody: payloadOf(key) }));
      const out = await attempt(ctx, 'SendMessageBatch', () => clients.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries })));
      if (!out) return;
      for (const ok of out.Successful ?? []) ledger.standard.get(keys[Number(ok.Id)]!)!.acked = ok.MessageId!;
      for (const failed of out.Failed ?? []) ctx.fail(`SendMessageBatch entry ${failed.Id} failed: ${failed.Code} ${failed.Message}`);
    }
  }
}

/**
 * FIFO sends, one group at a time. A send a kill left unanswered is sent again (same
 * deduplication ids) before anything newer in its group, as a client would: if the first
 * attempt was stored, deduplication must answer with its MessageId and store nothing new.
 */
async function produceFifo(ctx: CycleContext, random: Random): Promise<void> {
  const { ledger, clients } = ctx;
  const QueueUrl = clients.queueUrl(NAMES.fifo);
  while (!ctx.stopping()) {
    const group = FIFO_GROUPS[random.int(0, FIFO_GROUPS.length - 1)]!;
    const pending = ledger.fifoPending.get(group);
    const keys = pending ?? Array.from({ length: batchSize(random, 10) }, () => ledger.nextKey('f'));
    if (pending) {
      for (const key of keys) ledger.fifo.get(key)!.retries++;
    } else {
      for (const key of keys) ledger.fifo.set(key, { group, index: ledger.fifo.size, retries: 0 });
      ledger.fifoPending.set(group, keys);
    }
    const entries = keys.map((key, i) => ({ Id: String(i), MessageBody: payloadOf(key), MessageGroupId: group, MessageDeduplicationId: key }));
    if (entries.length === 1) {
      const out = await attempt(ctx, 'SendMessage (FIFO)', () => clients.sqs.send(new SendMessageCommand({ QueueUrl, ...entries[0]! })));
      if (!out) return;
      ledger.fifo.get(keys[0]!)!.acked = out.MessageId!;
    } else {
      const out = await attempt(ctx, 'SendMessageBatch (FIFO)', () => clients.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries })));
      if (!out) return;
      for (const ok of out.Successful ?? []) ledger.fifo.get(keys[Number(ok.Id)]!)!.acked = ok.MessageId!;
      for (const failed of out.Failed ?? []) ctx.fail(`SendMessageBatch (FIFO) entry ${failed.Id} failed: ${failed.Code} ${failed.Message}`);
    }
    ledger.fifoPending.delete(group);
  }
}

async function publishToTopic(ctx: CycleContext, random: Random): Promise<void> {
  const { ledger, clients } = ctx;
  while (!ctx.stopping()) {
    const keys = Array.from({ length: batchSize(random, 10) }, () => ledger.nextKey('n'));
    for (const key of keys) ledger.sns.set(key, {});
    if (keys.length === 1) {
      const out = await attempt(ctx, 'Publish', () => clients.sns.send(new PublishCommand({ TopicArn: topicArn, Message: payloadOf(keys[0]!) })));
      if (!out) return;
      ledger.sns.get(keys[0]!)!.acked = out.MessageId!;
    } else {
      const PublishBatchRequestEntries = keys.map((key, i) => ({ Id: String(i), Message: payloadOf(key) }));
      const out = await attempt(ctx, 'PublishBatch', () => clients.sns.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries })));
      if (!out) return;
      for (const ok of out.Successful ?? []) ledger.sns.get(keys[Number(ok.Id)]!)!.acked = ok.MessageId!;
      for (const failed of out.Failed ?? []) ctx.fail(`PublishBatch entry ${failed.Id} failed: ${failed.Code} ${failed.Message}`);
    }
  }
}

async function putRecords(ctx: CycleContext, random: Random): Promise<void> {
  const { ledger, clients } = ctx;
  while (!ctx.stopping()) {
    const keys = Array.from({ length: batchSize(random, 20) }, () => ledger.nextKey('k'));
    for (const key of keys) ledger.kinesis.set(key, {});
    const data = (key: string) => Buffer.from(payloadOf(key), 'utf8');
    if (keys.length === 1) {
      const key = keys[0]!;
      const out = await attempt(ctx, 'PutRecord', () =>
        clients.kinesis.send(new PutRecordCommand({ StreamName: NAMES.stream, PartitionKey: key, Data: data(key) })),
      );
      if (!out) return;
      ledger.kinesis.get(key)!.acked = { shardId: out.ShardId!, sequenceNumber: out.SequenceNumber! };
    } else {
      const Records = keys.map((key) => ({ PartitionKey: key, Data: data(key) }));
      const out = await attempt(ctx, 'PutRecords', () => clients.kinesis.send(new PutRecordsCommand({ StreamName: NAMES.stream, Records })));
      if (!out) return;
      out.Records?.forEach((result, i) => {
        if (result.ErrorCode) ctx.fail(`PutRecords record ${i} failed: ${result.ErrorCode} ${result.ErrorMessage}`);
        else ledger.kinesis.get(keys[i]!)!.acked = { shardId: result.ShardId!, sequenceNumber: result.SequenceNumber! };
      });
    }
  }
}

/** Receives and deletes from the standard queue while the kills go on; long polls get killed too. */
async function consumeStandard(ctx: CycleContext): Promise<void> {
  const { ledger, clients } = ctx;
  const QueueUrl = clients.queueUrl(NAMES.standard);
  while (!ctx.stopping()) {
    const out = await attempt(ctx, 'ReceiveMessage', () =>
      clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })),
    );
    if (!out) return;
    const messages = out.Messages ?? [];
    if (messages.length === 0) continue;
    const keys = messages.map((m) => checkStandardMessage(ctx, m, 'received while running'));
    const Entries = messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! }));
    const deleted = await attempt(ctx, 'DeleteMessageBatch', () => clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries })));
    if (!deleted) return;
    for (const ok of deleted.Successful ?? []) {
      const key = keys[Number(ok.Id)];
      if (key) ledger.deleted.add(key);
    }
    for (const failed of deleted.Failed ?? []) ctx.fail(`DeleteMessageBatch entry ${failed.Id} failed: ${failed.Code} ${failed.Message}`);
  }
}

/** Checks a standard-queue message against the ledger; returns its key. */
export function checkStandardMessage(ctx: Pick<CycleContext, 'ledger' | 'fail'>, message: Message, when: string): string | undefined {
  const body = message.Body ?? '';
  const key = keyOf(body);
  const attempt = key === undefined ? undefined : ctx.ledger.standard.get(key);
  if (!key || !attempt) {
    ctx.fail(`standard queue: ${when}, a message nobody sent (MessageId ${message.MessageId}, body ${JSON.stringify(body.slice(0, 60))})`);
    return undefined;
  }
  if (body !== payloadOf(key)) ctx.fail(`standard queue: ${when}, ${key} has a different body than was sent`);
  if (attempt.acked !== undefined && attempt.acked !== message.MessageId)
    ctx.fail(`standard queue: ${when}, ${key} has MessageId ${message.MessageId}, but SendMessage acknowledged ${attempt.acked}`);
  if (ctx.ledger.deleted.has(key)) ctx.fail(`standard queue: ${when}, ${key} came back after its DeleteMessage was acknowledged`);
  ctx.ledger.received.set(key, (ctx.ledger.received.get(key) ?? 0) + 1);
  return key;
}

/** Reads every shard with iterators carried from one server process to the next. */
async function readShards(ctx: CycleContext): Promise<void> {
  const { ledger, clients } = ctx;
  while (!ctx.stopping()) {
    let read = 0;
    for (const [shardId, reader] of ledger.readers) {
      const out = await attempt(ctx, `GetRecords (${shardId})`, () =>
        clients.kinesis.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: 500 })),
      );
      if (!out) return;
      for (const record of out.Records ?? []) {
        const data = Buffer.from(record.Data ?? new Uint8Array()).toString('utf8');
        const key = keyOf(data);
        if (!key || !ledger.kinesis.has(key) || data !== payloadOf(key))
          ctx.fail(`GetRecords (${shardId}) read data nobody put: ${JSON.stringify(data.slice(0, 60))}`);
        reader.records.push({ key: key ?? '?', sequenceNumber: record.SequenceNumber! });
      }
      read += out.Records?.length ?? 0;
      if (out.NextShardIterator) reader.iterator = out.NextShardIterator;
    }
    if (read === 0) await sleep(10);
  }
}
