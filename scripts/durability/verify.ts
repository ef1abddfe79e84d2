import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { NAMES, topicArn, type Clients } from './clients.js';
import type { Ledger, ReadRecord } from './ledger.js';
import { keyOf, payloadOf } from './random.js';
import { checkStandardMessage } from './workload.js';

/**
 * After the last kill: every acknowledged message and record is there, with the MessageId or
 * SequenceNumber wharf acknowledged and the body it was sent with; nothing is there that nobody
 * sent; FIFO groups and shards are in order; what was deleted stays deleted.
 */
export async function verify(clients: Clients, ledger: Ledger, fail: (message: string) => void): Promise<void> {
  await verifyStandard(clients, ledger, fail);
  await verifyFifo(clients, ledger, fail);
  await verifySns(clients, ledger, fail);
  await verifyKinesis(clients, ledger, fail);
}

/** Receives and deletes until the queue is empty, in flight included (messages received before the last kill come back when their visibility timeout ends). */
async function drain(clients: Clients, name: string, onMessage: (m: Message) => void): Promise<void> {
  const QueueUrl = clients.queueUrl(name);
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300, MessageSystemAttributeNames: ['All'] }),
    );
    for (const message of Messages) onMessage(message);
    if (Messages.length > 0) {
      const Entries = Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! }));
      const { Failed = [] } = await clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
      if (Failed.length > 0) throw new Error(`draining ${name}: DeleteMessageBatch failed: ${JSON.stringify(Failed)}`);
      continue;
    }
    const { Attributes = {} } = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    if (Object.values(Attributes).every((v) => v === '0')) return;
    await sleep(100);
  }
  throw new Error(`draining ${name} did not finish within 60 s`);
}

async function verifyStandard(clients: Clients, ledger: Ledger, fail: (m: string) => void): Promise<void> {
  await drain(clients, NAMES.standard, (m) => checkStandardMessage({ ledger, fail }, m, 'in the final drain'));
  for (const [key, attempt] of ledger.standard) {
    if (attempt.acked !== undefined && !ledger.received.has(key))
      fail(`standard queue: ${key} (MessageId ${attempt.acked}) was acknowledged but never received`);
  }
}

async function verifyFifo(clients: Clients, ledger: Ledger, fail: (m: string) => void): Promise<void> {
  const seen = new Map<string, number>();
  const lastIndexOfGroup = new Map<string, number>();
  await drain(clients, NAMES.fifo, (m) => {
    const body = m.Body ?? '';
    const key = keyOf(body);
    const attempt = key === undefined ? undefined : ledger.fifo.get(key);
    if (!key || !attempt) return fail(`FIFO queue: a message nobody sent (MessageId ${m.MessageId})`);
    if (body !== payloadOf(key)) fail(`FIFO queue: ${key} has a different body than was sent`);
    if (m.Attributes?.MessageGroupId !== attempt.group) fail(`FIFO queue: ${key} is in group ${m.Attributes?.MessageGroupId}, not ${attempt.group}`);
    if (attempt.acked !== undefined && attempt.acked !== m.MessageId)
      fail(`FIFO queue: ${key} has MessageId ${m.MessageId}, but the send was acknowledged with ${attempt.acked}`);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (seen.get(key) === 2) fail(`FIFO queue: ${key} was stored twice (deduplication id ${key}, sent ${attempt.retries + 1} times)`);
    const last = lastIndexOfGroup.get(attempt.group) ?? -1;
    if (attempt.index <= last) fail(`FIFO queue: ${key} came out of order in group ${attempt.group}`);
    lastIndexOfGroup.set(attempt.group, Math.max(last, attempt.index));
  });
  for (const [key, attempt] of ledger.fifo) {
    if (attempt.acked !== undefined && !seen.has(key)) fail(`FIFO queue: ${key} (MessageId ${attempt.acked}) was acknowledged but never received`);
  }
}

async function verifySns(clients: Clients, ledger: Ledger, fail: (m: string) => void): Promise<void> {
  const seen = new Map<string, number>();
  await drain(clients, NAMES.snsQueue, (m) => {
    let envelope: { Type?: string; MessageId?: string; TopicArn?: string; Message?: string };
    try {
      envelope = JSON.parse(m.Body ?? '') as typeof envelope;
    } catch {
      return fail(`SNS subscription queue: a message that is not an SNS envelope (MessageId ${m.MessageId})`);
    }
    const body = envelope.Message ?? '';
    const key = keyOf(body);
    const attempt = key === undefined ? undefined : ledger.sns.get(key);
    if (!key || !attempt) return fail(`SNS subscription queue: a notification nobody published (SNS MessageId ${envelope.MessageId})`);
    if (body !== payloadOf(key) || envelope.TopicArn !== topicArn || envelope.Type !== 'Notification')
      fail(`SNS subscription queue: ${key} differs from what was published`);
    if (attempt.acked !== undefined && attempt.acked !== envelope.MessageId)
      fail(`SNS subscription queue: ${key} has SNS MessageId ${envelope.MessageId}, but Publish acknowledged ${attempt.acked}`);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (seen.get(key) === 2) fail(`SNS subscription queue: ${key} was delivered twice from one Publish`);
  });
  for (const [key, attempt] of ledger.sns) {
    if (attempt.acked !== undefined && !seen.has(key))
      fail(`SNS: ${key} (MessageId ${attempt.acked}) was acknowledged but never delivered to the subscribed queue`);
  }
}

async function verifyKinesis(clients: Clients, ledger: Ledger, fail: (m: string) => void): Promise<void> {
  const { kinesis } = clients;
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: NAMES.stream }));
  const found = new Map<string, { shardId: string; sequenceNumber: string }>();
  for (const shard of Shards) {
    const shardId = shard.ShardId!;
    const records: ReadRecord[] = [];
    let { ShardIterator: iterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: NAMES.stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator) {
      const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const record of out.Records ?? []) {
        const data = Buffer.from(record.Data ?? new Uint8Array()).toString('utf8');
        const key = keyOf(data);
        if (!key || !ledger.kinesis.has(key)) fail(`Kinesis ${shardId}: a record nobody put (${record.SequenceNumber})`);
        else if (data !== payloadOf(key)) fail(`Kinesis ${shardId}: ${key} has different data than was put`);
        const previous = records.at(-1);
        if (previous && BigInt(record.SequenceNumber!) <= BigInt(previous.sequenceNumber))
          fail(`Kinesis ${shardId}: sequence number ${record.SequenceNumber} does not follow ${previous.sequenceNumber}`);
        if (key && found.has(key)) fail(`Kinesis: ${key} was stored twice`);
        if (key) found.set(key, { shardId, sequenceNumber: record.SequenceNumber! });
        records.push({ key: key ?? '?', sequenceNumber: record.SequenceNumber! });
      }
      if ((out.Records ?? []).length === 0 && out.MillisBehindLatest === 0) break;
      iterator = out.NextShardIterator;
    }
    // A reader's iterator, carried across every restart, must have read a gap-free prefix of the shard.
    const reader = ledger.readers.get(shardId);
    reader?.records.forEach((r, i) => {
      const expected = records[i];
      if (!expected || expected.sequenceNumber !== r.sequenceNumber)
        fail(
          `Kinesis ${shardId}: the iterator carried across restarts read ${r.sequenceNumber} at position ${i}, the shard has ${expected?.sequenceNumber ?? 'nothing'} there`,
        );
    });
  }
  for (const [key, attempt] of ledger.kinesis) {
    if (!attempt.acked) continue;
    const at = found.get(key);
    if (!at) fail(`Kinesis: ${key} (${attempt.acked.shardId} ${attempt.acked.sequenceNumber}) was acknowledged but is not in the stream`);
    else if (at.shardId !== attempt.acked.shardId || at.sequenceNumber !== attempt.acked.sequenceNumber)
      fail(`Kinesis: ${key} is at ${at.shardId} ${at.sequenceNumber}, acknowledged at ${attempt.acked.shardId} ${attempt.acked.sequenceNumber}`);
  }
}
