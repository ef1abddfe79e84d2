/**
 * The soak's steady mixed load, through the real AWS SDKs: SQS standard and FIFO (send, receive,
 * delete, visibility changes), SNS fan-out to a queue, Kinesis puts and reads (onto a fresh
 * stream every few minutes, the old one read to the end and deleted, as records past retention
 * would be trimmed), and long polls waiting on an empty queue. It remembers what wharf
 * acknowledged and checks at the end that every acknowledged message and record came back.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import * as kinesisSdk from '@aws-sdk/client-kinesis';
import * as snsSdk from '@aws-sdk/client-sns';
import * as sqsSdk from '@aws-sdk/client-sqs';

const credentials = { accessKeyId: 'AKIDWHARFSOAK', secretAccessKey: 'secret' };
const region = 'us-east-1';

export interface LoadFigures {
  requests: number;
  errors: number;
  firstErrors: string[];
  acknowledged: Record<string, number>;
  lost: Record<string, number>;
}

/** Acknowledged by wharf vs. seen back by a consumer, per stream of data. */
class Ledger {
  private readonly acked = new Set<string>();
  private readonly seen = new Set<string>();
  ack(id: string): void {
    this.acked.add(id);
  }
  see(id: string): void {
    this.seen.add(id);
  }
  get acknowledged(): number {
    return this.acked.size;
  }
  get missing(): number {
    let n = 0;
    for (const id of this.acked) if (!this.seen.has(id)) n++;
    return n;
  }
}

export async function runLoad(endpoint: string, durationMs: number, log: (line: string) => void): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const options = { endpoint, region, credentials, maxAttempts: 3, requestHandler: { httpAgent: agent } };
  const sqs = new sqsSdk.SQSClient(options);
  const sns = new snsSdk.SNSClient(options);
  // Kinesis over HTTP/1.1 as well (the SDK's default for the non-streaming operations).
  const kinesis = new kinesisSdk.KinesisClient(options);
  const figures: LoadFigures = { requests: 0, errors: 0, firstErrors: [], acknowledged: {}, lost: {} };
  const call = async <T>(what: string, send: () => Promise<T>): Promise<T | undefined> => {
    figures.requests++;
    try {
      return await send();
    } catch (err) {
      figures.errors++;
      if (figures.firstErrors.length < 10) figures.firstErrors.push(`${what}: ${(err as Error).name}: ${(err as Error).message}`);
      return undefined;
    }
  };

  const queue = async (name: string, attributes: Record<string, string> = {}) =>
    (await sqs.send(new sqsSdk.CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  const standardUrl = await queue('soak-standard', { VisibilityTimeout: '30' });
  const fifoUrl = await queue('soak-orders.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' });
  const fanoutUrl = await queue('soak-fanout', { VisibilityTimeout: '30' });
  const idleUrl = await queue('soak-idle');
  const fanoutArn = (await sqs.send(new sqsSdk.GetQueueAttributesCommand({ QueueUrl: fanoutUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const { TopicArn } = await sns.send(new snsSdk.CreateTopicCommand({ Name: 'soak-events' }));
  // The queue policy AWS needs before it delivers from the topic (without it wharf warns, once).
  const Policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: fanoutArn,
        Condition: { ArnEquals: { 'aws:SourceArn': TopicArn } },
      },
    ],
  });
  await sqs.send(new sqsSdk.SetQueueAttributesCommand({ QueueUrl: fanoutUrl, Attributes: { Policy } }));
  await sns.send(new snsSdk.SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: fanoutArn, Attributes: { RawMessageDelivery: 'true' } }));

  const ledgers = { sqsStandard: new Ledger(), sqsFifo: new Ledger(), snsFanout: new Ledger(), kinesis: new Ledger() };
  let producing = true;
  let consuming = true;
  const stopProducingAt = Date.now() + durationMs;
  let serial = 0;
  const next = () => `${Date.now().toString(36)}-${(serial++).toString(36)}`;

  /** Runs `step` every `everyMs` while `running()`. */
  const every = async (everyMs: number, running: () => boolean, step: () => Promise<void>) => {
    while (running()) {
      const startedMs = Date.now();
      await step();
      await sleep(Math.max(0, everyMs - (Date.now() - startedMs)));
    }
  };
  const whileProducing = () => producing && Date.now() < stopProducingAt;

  const produceStandard = every(100, whileProducing, async () => {
    const bodies = Array.from({ length: 10 }, () => `std-${next()}`);
    const reply = await call('SendMessageBatch', () =>
      sqs.send(new sqsSdk.SendMessageBatchCommand({ QueueUrl: standardUrl, Entries: bodies.map((body, i) => ({ Id: `m${i}`, MessageBody: body })) })),
    );
    for (const ok of reply?.Successful ?? []) ledgers.sqsStandard.ack(bodies[Number(ok.Id!.slice(1))]!);
  });
  const produceFifo = every(200, whileProducing, async () => {
    const bodies = Array.from({ length: 5 }, () => `fifo-${next()}`);
    const reply = await call('SendMessageBatch (FIFO)', () =>
      sqs.send(
        new sqsSdk.SendMessageBatchCommand({
          QueueUrl: fifoUrl,
          Entries: bodies.map((body, i) => ({ Id: `m${i}`, MessageBody: body, MessageGroupId: `group-${i % 3}`, MessageDeduplicationId: body })),
        }),
      ),
    );
    for (const ok of reply?.Successful ?? []) ledgers.sqsFifo.ack(bodies[Number(ok.Id!.slice(1))]!);
  });
  const publish = every(100, whileProducing, async () => {
    const body = `sns-${next()}`;
    if (await call('Publish', () => sns.send(new snsSdk.PublishCommand({ TopicArn, Message: body })))) ledgers.snsFanout.ack(body);
  });

  /** Receives and deletes; one message in ten is given back (visibility 0) instead, to be received again. */
  const consume = (queueUrl: string, ledger: Ledger, what: string) =>
    every(
      0,
      () => consuming,
      async () => {
        const reply = await call(`ReceiveMessage (${what})`, () =>
          sqs.send(new sqsSdk.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })),
        );
        const messages = reply?.Messages ?? [];
        const toDelete: sqsSdk.Message[] = [];
        for (const m of messages) {
          if (producing && Math.random() < 0.1) {
            await call('ChangeMessageVisibility', () =>
              sqs.send(new sqsSdk.ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
            );
          } else {
            toDelete.push(m);
          }
        }
        if (toDelete.length === 0) return;
        const deleted = await call(`DeleteMessageBatch (${what})`, () =>
          sqs.send(
            new sqsSdk.DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: toDelete.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }),
          ),
        );
        for (const ok of deleted?.Successful ?? []) ledger.see(toDelete[Number(ok.Id!.slice(1))]!.Body!);
      },
    );
  const consumers = [
    consume(standardUrl, ledgers.sqsStandard, 'standard'),
    consume(standardUrl, ledgers.sqsStandard, 'standard'),
    consume(fifoUrl, ledgers.sqsFifo, 'FIFO'),
    consume(fanoutUrl, ledgers.snsFanout, 'SNS fan-out'),
  ];
  // Long polls that mostly wait: the 20-second receive on a queue nobody sends to.
  const longPolls = Array.from({ length: 4 }, () =>
    every(
      0,
      () => consuming,
      async () => {
        await call('ReceiveMessage (long poll)', () => sqs.send(new sqsSdk.ReceiveMessageCommand({ QueueUrl: idleUrl, WaitTimeSeconds: producing ? 20 : 1 })));
      },
    ),
  );

  const kinesisRun = runKinesis(kinesis, call, ledgers.kinesis, whileProducing, log);

  await Promise.all([produceStandard, produceFifo, publish]);
  producing = false;
  log('producers stopped; draining');
  await kinesisRun;
  // Drain: consumers keep going until every acknowledged message came back, or nothing more has
  // come back for 60 s (a backlog on a loaded machine drains slowly but steadily; a lost message never comes).
  const missing = () => ledgers.sqsStandard.missing + ledgers.sqsFifo.missing + ledgers.snsFanout.missing;
  let lastMissing = missing();
  let lastProgressMs = Date.now();
  while (missing() > 0 && Date.now() - lastProgressMs < 60_000) {
    await sleep(1_000);
    if (missing() < lastMissing) {
      lastMissing = missing();
      lastProgressMs = Date.now();
    }
  }
  consuming = false;
  await Promise.all([...consumers, ...longPolls]);
  for (const [name, ledger] of Object.entries(ledgers)) {
    figures.acknowledged[name] = ledger.acknowledged;
    figures.lost[name] = ledger.missing;
  }
  sqs.destroy();
  sns.destroy();
  kinesis.destroy();
  agent.destroy();
  return figures;
}

type Call = <T>(what: string, send: () => Promise<T>) => Promise<T | undefined>;

/** Streams live ROTATE_MS each: written to, read to the end by a reader, then deleted. */
const ROTATE_MS = 3 * 60_000;

async function runKinesis(kinesis: kinesisSdk.KinesisClient, call: Call, ledger: Ledger, running: () => boolean, log: (line: string) => void): Promise<void> {
  let generation = 0;
  while (running()) {
    const name = `soak-stream-${generation++}`;
    await kinesis.send(new kinesisSdk.CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    await kinesisSdk.waitUntilStreamExists({ client: kinesis, maxWaitTime: 60 }, { StreamName: name });
    const rotateAt = Date.now() + ROTATE_MS;
    let writing = true;
    const writer = (async () => {
      while (writing && running() && Date.now() < rotateAt) {
        const records = Array.from({ length: 10 }, (_, i) => ({ Data: Buffer.from(`${name}-${Date.now()}-${i}`), PartitionKey: `key-${i}` }));
        const reply = await call('PutRecords', () => kinesis.send(new kinesisSdk.PutRecordsCommand({ StreamName: name, Records: records })));
        for (const r of reply?.Records ?? []) if (r.SequenceNumber) ledger.ack(`${name}/${r.SequenceNumber}`);
        await sleep(100);
      }
      writing = false;
    })();
    const { Shards } = await kinesis.send(new kinesisSdk.ListShardsCommand({ StreamName: name }));
    let iterator = (
      await kinesis.send(new kinesisSdk.GetShardIteratorCommand({ StreamName: name, ShardId: Shards![0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
    ).ShardIterator;
    let readAfterWritesMs = 0;
    // Reads until the writer is done and a read past its last write came back empty.
    while (iterator) {
      const reply = await call('GetRecords', () => kinesis.send(new kinesisSdk.GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 })));
      if (!reply) {
        await sleep(200);
        continue;
      }
      for (const record of reply.Records ?? []) ledger.see(`${name}/${record.SequenceNumber}`);
      iterator = reply.NextShardIterator;
      if ((reply.Records ?? []).length === 0) {
        if (!writing) {
          if (readAfterWritesMs === 0) readAfterWritesMs = Date.now();
          else if (Date.now() - readAfterWritesMs > 1_000) break;
        }
        await sleep(200);
      }
    }
    await writer;
    await call('DeleteStream', () => kinesis.send(new kinesisSdk.DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true })));
    log(`kinesis: ${name} read to the end and deleted`);
  }
}
