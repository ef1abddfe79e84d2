import * as kinesis from '@aws-sdk/client-kinesis';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { spawnSync } from 'node:child_process';
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { Emulator } from '../../src/emulator.js';
import type { RunningServer } from '../../src/server.js';
import { canonicalString } from '../../src/services/sns/engine/signing.js';
import { startTestServer } from '../support/server.js';

// Every kind of state, written by one server on a data directory and read by the next one on
// the same directory after a clean restart (the kill -9 run covers abrupt ones). Time is a
// ManualClock that both servers share, so deadlines can be checked to the millisecond.
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
const credentials = { accessKeyId: 'AKIDRESTART', secretAccessKey: 'secret' };

interface Wharf {
  server: RunningServer;
  sqs: sqs.SQSClient;
  sns: sns.SNSClient;
  kinesis: kinesis.KinesisClient;
}

let dataDir: string;
let clock: ManualClock;
let current: Wharf | undefined;

async function start(): Promise<Wharf> {
  const server = await startTestServer({ clock, config: { dataDir } });
  const config = { endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 };
  current = { server, sqs: new sqs.SQSClient(config), sns: new sns.SNSClient(config), kinesis: new kinesis.KinesisClient(config) };
  return current;
}

async function stop(): Promise<void> {
  if (!current) return;
  current.sqs.destroy();
  current.sns.destroy();
  current.kinesis.destroy();
  await current.server.close();
  current = undefined;
}

async function restart(): Promise<Wharf> {
  await stop();
  return start();
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wharf-restart-'));
  clock = new ManualClock(T0);
});
afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const queueUrl = (w: Wharf, name: string) => `${w.server.url}/000000000000/${name}`;
const receive = async (w: Wharf, name: string, extra: Partial<sqs.ReceiveMessageCommandInput> = {}) =>
  (await w.sqs.send(new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl(w, name), MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], ...extra })))
    .Messages ?? [];
const counts = async (w: Wharf, name: string) => {
  const { Attributes = {} } = await w.sqs.send(
    new sqs.GetQueueAttributesCommand({
      QueueUrl: queueUrl(w, name),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return {
    visible: Attributes.ApproximateNumberOfMessages,
    notVisible: Attributes.ApproximateNumberOfMessagesNotVisible,
    delayed: Attributes.ApproximateNumberOfMessagesDelayed,
  };
};

describe('SQS state across a restart', () => {
  it('keeps queues with their attributes and tags', async () => {
    let w = await start();
    await w.sqs.send(
      new sqs.CreateQueueCommand({
        QueueName: 'jobs',
        Attributes: { VisibilityTimeout: '45', MessageRetentionPeriod: '3600', DelaySeconds: '2' },
        tags: { team: 'a' },
      }),
    );
    const before = await w.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: queueUrl(w, 'jobs'), AttributeNames: ['All'] }));
    w = await restart();
    const after = await w.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: queueUrl(w, 'jobs'), AttributeNames: ['All'] }));
    expect(after.Attributes).toEqual(before.Attributes);
    expect((await w.sqs.send(new sqs.ListQueueTagsCommand({ QueueUrl: queueUrl(w, 'jobs') }))).Tags).toEqual({ team: 'a' });
  });

  it('keeps an in-flight message hidden until its visibility deadline, then returns it with its receive count', async () => {
    let w = await start();
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'jobs' }));
    const { MessageId } = await w.sqs.send(new sqs.SendMessageCommand({ QueueUrl: queueUrl(w, 'jobs'), MessageBody: 'work' }));
    const [first] = await receive(w, 'jobs', { VisibilityTimeout: 60 });
    clock.advance(10_000);
    w = await restart();
    expect(await receive(w, 'jobs')).toEqual([]);
    expect(await counts(w, 'jobs')).toEqual({ visible: '0', notVisible: '1', delayed: '0' });
    clock.advance(49_999);
    expect(await receive(w, 'jobs')).toEqual([]);
    clock.advance(1);
    const [again] = await receive(w, 'jobs');
    expect(again).toMatchObject({
      MessageId,
      Body: 'work',
      Attributes: { ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(first!.Attributes!.ApproximateFirstReceiveTimestamp) },
    });
  });

  it('accepts a receipt handle from before the restart: DeleteMessage deletes, ChangeMessageVisibility moves the deadline', async () => {
    let w = await start();
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'jobs' }));
    await w.sqs.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: queueUrl(w, 'jobs'),
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );
    const received = await receive(w, 'jobs', { VisibilityTimeout: 60 });
    const handleOf = (body: string) => received.find((m) => m.Body === body)!.ReceiptHandle!;
    w = await restart();
    await w.sqs.send(new sqs.DeleteMessageCommand({ QueueUrl: queueUrl(w, 'jobs'), ReceiptHandle: handleOf('a') }));
    await w.sqs.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(w, 'jobs'), ReceiptHandle: handleOf('b'), VisibilityTimeout: 0 }));
    expect((await receive(w, 'jobs')).map((m) => m.Body)).toEqual(['b']);
    expect(await counts(w, 'jobs')).toEqual({ visible: '0', notVisible: '1', delayed: '0' });
  });

  it('keeps a delayed message delayed until its time', async () => {
    let w = await start();
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'later' }));
    await w.sqs.send(new sqs.SendMessageCommand({ QueueUrl: queueUrl(w, 'later'), MessageBody: 'soon', DelaySeconds: 30 }));
    w = await restart();
    expect(await counts(w, 'later')).toEqual({ visible: '0', notVisible: '0', delayed: '1' });
    clock.advance(29_999);
    expect(await receive(w, 'later')).toEqual([]);
    clock.advance(1);
    expect((await receive(w, 'later')).map((m) => m.Body)).toEqual(['soon']);
  });

  it('keeps the FIFO deduplication window (the same id answers with the original MessageId and SequenceNumber) and the message group lock', async () => {
    let w = await start();
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }));
    const send = (body: string, dedup: string) =>
      w.sqs.send(new sqs.SendMessageCommand({ QueueUrl: queueUrl(w, 'orders.fifo'), MessageBody: body, MessageGroupId: 'g', MessageDeduplicationId: dedup }));
    const original = await send('first', 'd-1');
    await send('second', 'd-2');
    const [first] = await receive(w, 'orders.fifo', { MaxNumberOfMessages: 1 });
    expect(first!.Body).toBe('first');
    clock.advance(60_000);

    w = await restart();
    const duplicate = await send('first again', 'd-1');
    expect({ MessageId: duplicate.MessageId, SequenceNumber: duplicate.SequenceNumber }).toEqual({
      MessageId: original.MessageId,
      SequenceNumber: original.SequenceNumber,
    });
    // The first receive's 30 s visibility timeout ran out before the restart: 'first' (not the
    // duplicate, not 'second') is next in its group.
    const [redelivered] = await receive(w, 'orders.fifo', { MaxNumberOfMessages: 1, VisibilityTimeout: 30 });
    expect(redelivered).toMatchObject({ Body: 'first', Attributes: { ApproximateReceiveCount: '2' } });
    // While 'first' is in flight again, its group is locked: 'second' waits behind it, across another restart.
    w = await restart();
    expect(await receive(w, 'orders.fifo')).toEqual([]);
    await w.sqs.send(new sqs.DeleteMessageCommand({ QueueUrl: queueUrl(w, 'orders.fifo'), ReceiptHandle: redelivered!.ReceiptHandle! }));
    expect((await receive(w, 'orders.fifo')).map((m) => m.Body)).toEqual(['second']);
    // The window ends 5 minutes after the first send, restart or not.
    clock.set(T0 + 5 * 60_000);
    const fresh = await send('first, later', 'd-1');
    expect(fresh.MessageId).not.toBe(original.MessageId);
  });

  it('counts receives toward the redrive policy across restarts and moves the message to the dead-letter queue', async () => {
    let w = await start();
    const { QueueUrl: dlqUrl } = await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'jobs-dlq' }));
    const { Attributes } = await w.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
    await w.sqs.send(
      new sqs.CreateQueueCommand({
        QueueName: 'jobs',
        Attributes: { VisibilityTimeout: '10', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 2 }) },
      }),
    );
    const { MessageId } = await w.sqs.send(new sqs.SendMessageCommand({ QueueUrl: queueUrl(w, 'jobs'), MessageBody: 'poison' }));
    for (const count of ['1', '2']) {
      expect(await receive(w, 'jobs')).toMatchObject([{ MessageId, Attributes: { ApproximateReceiveCount: count } }]);
      clock.advance(10_000);
      w = await restart();
    }
    expect(await receive(w, 'jobs')).toEqual([]);
    expect(await receive(w, 'jobs-dlq')).toMatchObject([{ MessageId, Body: 'poison' }]);
  });
});

describe('SNS state across a restart', () => {
  it('keeps topics with their attributes and tags, and subscriptions with theirs, which still filter and deliver', async () => {
    let w = await start();
    const { TopicArn } = await w.sns.send(
      new sns.CreateTopicCommand({ Name: 'events', Attributes: { DisplayName: 'Events' }, Tags: [{ Key: 'team', Value: 'a' }] }),
    );
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'orders-only' }));
    const { SubscriptionArn } = await w.sns.send(
      new sns.SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:orders-only',
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ kind: ['order'] }) },
        ReturnSubscriptionArn: true,
      }),
    );
    const topicBefore = await w.sns.send(new sns.GetTopicAttributesCommand({ TopicArn }));
    const subscriptionBefore = await w.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn }));

    w = await restart();
    expect((await w.sns.send(new sns.GetTopicAttributesCommand({ TopicArn }))).Attributes).toEqual(topicBefore.Attributes);
    expect((await w.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes).toEqual(subscriptionBefore.Attributes);
    expect((await w.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect((await w.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([SubscriptionArn]);
    for (const kind of ['refund', 'order']) {
      await w.sns.send(new sns.PublishCommand({ TopicArn, Message: `a ${kind}`, MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } }));
    }
    expect((await receive(w, 'orders-only')).map((m) => m.Body)).toEqual(['a order']);
  });

  it('keeps a FIFO topic deduplication window', async () => {
    let w = await start();
    const { TopicArn } = await w.sns.send(new sns.CreateTopicCommand({ Name: 'events.fifo', Attributes: { FifoTopic: 'true' } }));
    const publish = () => w.sns.send(new sns.PublishCommand({ TopicArn, Message: 'once', MessageGroupId: 'g', MessageDeduplicationId: 'd-1' }));
    const original = await publish();
    w = await restart();
    const again = await publish();
    expect({ MessageId: again.MessageId, SequenceNumber: again.SequenceNumber }).toEqual({
      MessageId: original.MessageId,
      SequenceNumber: original.SequenceNumber,
    });
  });

  it('signs notifications with a key kept in the data directory: one queued before a restart verifies against the certificate served after it, in another process too', async () => {
    let w = await start();
    const { TopicArn } = await w.sns.send(new sns.CreateTopicCommand({ Name: 'signed' }));
    await w.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'envelopes' }));
    await w.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:000000000000:envelopes' }));
    await w.sns.send(new sns.PublishCommand({ TopicArn, Message: 'signed before the restart' }));
    await stop();

    // Another process opens the same data directory and serves the same certificate.
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { Emulator } from ${JSON.stringify(join(import.meta.dirname, '../../dist/emulator.js'))}; const e = new Emulator({ dataDir: process.argv[1] }); process.stdout.write(e.sns.signingKey.certificatePem); e.close();`,
        dataDir,
      ],
      { encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);

    w = await start();
    const envelope = JSON.parse((await receive(w, 'envelopes'))[0]!.Body!) as Record<string, string>;
    const pem = await (await fetch(`${w.server.url}/_wharf/sns/SimpleNotificationService.pem`)).text();
    expect(pem).toBe(child.stdout);
    const verified = createVerify('RSA-SHA1').update(canonicalString(envelope)).verify(new X509Certificate(pem).publicKey, envelope.Signature!, 'base64');
    expect(verified).toBe(true);
  });
});

describe('Kinesis state across a restart', () => {
  it('keeps streams, shards (split ones too), consumers and records; sequence numbers go on rising', async () => {
    let w = await start();
    await w.kinesis.send(new kinesis.CreateStreamCommand({ StreamName: 'events', ShardCount: 2 }));
    const put = (key: string) =>
      w.kinesis.send(new kinesis.PutRecordCommand({ StreamName: 'events', PartitionKey: key, Data: Buffer.from(key), ExplicitHashKey: '0' }));
    const before = [await put('a'), await put('b')];
    const { Shards = [] } = await w.kinesis.send(new kinesis.ListShardsCommand({ StreamName: 'events' }));
    await w.kinesis.send(
      new kinesis.SplitShardCommand({ StreamName: 'events', ShardToSplit: Shards[1]!.ShardId!, NewStartingHashKey: '255211775190703847597530955573826158591' }),
    );
    const { StreamDescription } = await w.kinesis.send(new kinesis.DescribeStreamCommand({ StreamName: 'events' }));
    await w.kinesis.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: StreamDescription!.StreamARN!, ConsumerName: 'reader' }));

    w = await restart();
    const after = await w.kinesis.send(new kinesis.DescribeStreamCommand({ StreamName: 'events' }));
    expect(after.StreamDescription).toEqual(StreamDescription);
    expect(
      (await w.kinesis.send(new kinesis.ListStreamConsumersCommand({ StreamARN: StreamDescription!.StreamARN! }))).Consumers?.map((c) => c.ConsumerName),
    ).toEqual(['reader']);
    const later = await put('c');
    expect(later.ShardId).toBe(before[0]!.ShardId);
    expect(BigInt(later.SequenceNumber!)).toBeGreaterThan(BigInt(before[1]!.SequenceNumber!));
    const { ShardIterator } = await w.kinesis.send(
      new kinesis.GetShardIteratorCommand({ StreamName: 'events', ShardId: later.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await w.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator }));
    expect(Records.map((r) => [Buffer.from(r.Data!).toString(), r.SequenceNumber])).toEqual([
      ['a', before[0]!.SequenceNumber],
      ['b', before[1]!.SequenceNumber],
      ['c', later.SequenceNumber],
    ]);
  });

  it('continues a read with a shard iterator obtained before the restart (iterators are self-contained signed tokens)', async () => {
    let w = await start();
    await w.kinesis.send(new kinesis.CreateStreamCommand({ StreamName: 'events', ShardCount: 1 }));
    await w.kinesis.send(
      new kinesis.PutRecordsCommand({ StreamName: 'events', Records: ['1', '2', '3', '4'].map((d) => ({ PartitionKey: 'k', Data: Buffer.from(d) })) }),
    );
    const { ShardIterator } = await w.kinesis.send(
      new kinesis.GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const firstRead = await w.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator, Limit: 2 }));
    expect(firstRead.Records?.map((r) => Buffer.from(r.Data!).toString())).toEqual(['1', '2']);
    clock.advance(60_000);

    w = await restart();
    await w.kinesis.send(new kinesis.PutRecordCommand({ StreamName: 'events', PartitionKey: 'k', Data: Buffer.from('5') }));
    const rest = await w.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator: firstRead.NextShardIterator }));
    expect(rest.Records?.map((r) => Buffer.from(r.Data!).toString())).toEqual(['3', '4', '5']);
    // The iterator from before the restart still expires 5 minutes after it was issued.
    clock.advance(4 * 60_000 + 1);
    await expect(w.kinesis.send(new kinesis.GetRecordsCommand({ ShardIterator }))).rejects.toMatchObject({ name: 'ExpiredIteratorException' });
  });
});

describe('the signing key in a data directory', () => {
  it('is made once and then read back; another data directory gets its own', () => {
    const other = mkdtempSync(join(tmpdir(), 'wharf-restart-'));
    try {
      const first = new Emulator({ dataDir });
      const pem = first.sns.signingKey.certificatePem;
      first.close();
      const second = new Emulator({ dataDir });
      expect(second.sns.signingKey.certificatePem).toBe(pem);
      second.close();
      const elsewhere = new Emulator({ dataDir: other });
      expect(elsewhere.sns.signingKey.certificatePem).not.toBe(pem);
      elsewhere.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
