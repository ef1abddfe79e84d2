import * as kinesis from '@aws-sdk/client-kinesis';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { WharfConfig } from '../../src/cli/config.js';
import { startServer, type RunningServer } from '../../src/server.js';

// The example the Docker set-up mounts: queues with a dead-letter queue declared after its
// source, a topic fanning out to two of them (one filtered, raw), a stream with a consumer.
const EXAMPLE = join(import.meta.dirname, '../../docker/wharf-init.yaml');
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Started {
  server: RunningServer;
  logs: { msg: string; level: number }[];
  sqs: sqs.SQSClient;
  sns: sns.SNSClient;
  kinesis: kinesis.KinesisClient;
  close(): Promise<void>;
}

async function start(config: Partial<WharfConfig>): Promise<Started> {
  const logs: Started['logs'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as Started['logs'][number]) });
  const server = await startServer({ port: 0, host: '127.0.0.1', init: EXAMPLE, ...config }, { logger });
  const clientConfig = { endpoint: server.url, region: REGION, credentials, maxAttempts: 1 };
  const clients = { sqs: new sqs.SQSClient(clientConfig), sns: new sns.SNSClient(clientConfig), kinesis: new kinesis.KinesisClient(clientConfig) };
  return {
    server,
    logs,
    ...clients,
    async close() {
      for (const client of Object.values(clients)) client.destroy();
      await server.close();
    },
  };
}

/** What a client sees of everything the example declares. */
async function observe(w: Started) {
  const queueUrl = (name: string) => `${w.server.url}/${ACCOUNT}/${name}`;
  const attributes = async (name: string) =>
    (await w.sqs.send(new sqs.GetQueueAttributesCommand({ QueueUrl: queueUrl(name), AttributeNames: ['All'] }))).Attributes!;
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:order-events`;
  const { Subscriptions = [] } = await w.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  const subscriptions = await Promise.all(
    Subscriptions.map(async (s) => (await w.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn! }))).Attributes!),
  );
  const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/clickstream`;
  return {
    queues: (await w.sqs.send(new sqs.ListQueuesCommand({}))).QueueUrls!.map((url) => url.slice(url.lastIndexOf('/') + 1)),
    orders: await attributes('orders'),
    ordersTags: (await w.sqs.send(new sqs.ListQueueTagsCommand({ QueueUrl: queueUrl('orders') }))).Tags,
    shipping: await attributes('shipping-notifications'),
    dlq: await attributes('orders-dlq'),
    topic: (await w.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!,
    topicTags: (await w.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn: topicArn }))).Tags,
    subscriptions: subscriptions.sort((a, b) => a.Endpoint!.localeCompare(b.Endpoint!)),
    stream: (await w.kinesis.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: 'clickstream' }))).StreamDescriptionSummary!,
    consumers: (await w.kinesis.send(new kinesis.ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers!,
  };
}

describe('the init file (WHARF_INIT), seen through the AWS SDKs', () => {
  it('creates the queues, topic, subscriptions and stream before wharf listens, and they work', async () => {
    // A create delay: init waits (on the clock) until the stream and its consumer are ACTIVE.
    const w = await start({ kinesisCreateDelayMs: 200 });
    try {
      const seen = await observe(w);
      expect(seen.queues).toEqual(['orders', 'orders-dlq', 'shipping-notifications']);
      expect(seen.orders).toMatchObject({
        VisibilityTimeout: '60',
        ReceiveMessageWaitTimeSeconds: '20',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`, maxReceiveCount: 5 }),
      });
      expect(seen.ordersTags).toEqual({ team: 'checkout' });
      expect(seen.dlq).toMatchObject({ MessageRetentionPeriod: '1209600' });
      expect(seen.topic).toMatchObject({ DisplayName: 'Order events' });
      expect(seen.topicTags).toEqual([{ Key: 'team', Value: 'checkout' }]);
      expect(seen.subscriptions).toEqual([
        expect.objectContaining({ Protocol: 'sqs', Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, RawMessageDelivery: 'false' }),
        expect.objectContaining({
          Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:shipping-notifications`,
          RawMessageDelivery: 'true',
          FilterPolicyScope: 'MessageBody',
          FilterPolicy: '{"status":["shipped"]}',
        }),
      ]);
      expect(seen.stream).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 2, RetentionPeriodHours: 48, ConsumerCount: 1 });
      expect(seen.consumers).toEqual([expect.objectContaining({ ConsumerName: 'analytics', ConsumerStatus: 'ACTIVE' })]);

      // The fan-out works: a shipped order reaches both queues (raw in one), a placed one only orders.
      const TopicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:order-events`;
      await w.sns.send(new sns.PublishCommand({ TopicArn, Message: '{"status":"placed"}' }));
      await w.sns.send(new sns.PublishCommand({ TopicArn, Message: '{"status":"shipped"}' }));
      const receive = async (name: string) =>
        (await w.sqs.send(new sqs.ReceiveMessageCommand({ QueueUrl: `${w.server.url}/${ACCOUNT}/${name}`, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })))
          .Messages ?? [];
      expect((await receive('shipping-notifications')).map((m) => m.Body)).toEqual(['{"status":"shipped"}']);
      expect((await receive('orders')).map((m) => (JSON.parse(m.Body!) as { Message: string }).Message).sort()).toEqual([
        '{"status":"placed"}',
        '{"status":"shipped"}',
      ]);
      await w.kinesis.send(new kinesis.PutRecordCommand({ StreamName: 'clickstream', PartitionKey: 'user-1', Data: Buffer.from('click') }));

      expect(w.logs.map((l) => l.msg)).toContain(
        `init: 3 queues, 1 topic (2 subscriptions), 1 stream (1 consumer) from ${EXAMPLE}: 8 created, 0 updated, 0 unchanged`,
      );
      // Init is done before wharf listens.
      const initDone = w.logs.findIndex((l) => l.msg.startsWith('init: 3 queues'));
      expect(initDone).toBeLessThan(w.logs.findIndex((l) => l.msg.startsWith('Server listening')));
    } finally {
      await w.close();
    }
  });

  it('changes nothing when restarted on the same data directory with the same file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wharf-init-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    const before = await observe(first);
    await first.close();

    const second = await start({ dataDir });
    try {
      expect(await observe(second)).toEqual(before);
      expect(second.logs.map((l) => l.msg)).toContain(
        `init: 3 queues, 1 topic (2 subscriptions), 1 stream (1 consumer) from ${EXAMPLE}: 0 created, 0 updated, 8 unchanged`,
      );
      expect(second.logs.filter((l) => /^init: (created|updated)/.test(l.msg))).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
