import type { FastifyInstance } from 'fastify';
import type { LiveValues } from './model-arbitrary.js';

/**
 * A small world for the fuzzer to hit: queues (standard, FIFO, dead-letter) with a message in
 * flight, a topic with a queue subscription, a stream with two shards, a record, an iterator and
 * an enhanced fan-out consumer. Returns the live names, URLs, ARNs and handles by the member
 * names the models use, so generated requests name things that exist.
 */
export async function seedFixture(app: FastifyInstance): Promise<LiveValues> {
  const sqs = (op: string, input: object) => call(app, 'AmazonSQS', '1.0', op, input);
  const kinesis = (op: string, input: object) => call(app, 'Kinesis_20131202', '1.1', op, input);
  const queue = (await sqs('CreateQueue', { QueueName: 'fuzz-q' })).QueueUrl as string;
  const fifo = (await sqs('CreateQueue', { QueueName: 'fuzz-q.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }))
    .QueueUrl as string;
  const dlq = (await sqs('CreateQueue', { QueueName: 'fuzz-dlq' })).QueueUrl as string;
  await sqs('SendMessage', { QueueUrl: queue, MessageBody: 'hello' });
  const received = (await sqs('ReceiveMessage', { QueueUrl: queue, VisibilityTimeout: 600 })) as { Messages?: { ReceiptHandle: string }[] };
  const queueArn = 'arn:aws:sqs:us-east-1:000000000000:fuzz-q';
  const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:fuzz-dlq';

  const topic = snsValue(await snsQuery(app, { Action: 'CreateTopic', Name: 'fuzz-t' }), 'TopicArn');
  const subscription = snsValue(await snsQuery(app, { Action: 'Subscribe', TopicArn: topic, Protocol: 'sqs', Endpoint: queueArn }), 'SubscriptionArn');

  await kinesis('CreateStream', { StreamName: 'fuzz-s', ShardCount: 2 });
  const streamArn = 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz-s';
  const put = await kinesis('PutRecord', { StreamName: 'fuzz-s', PartitionKey: 'pk', Data: Buffer.from('record').toString('base64') });
  const iterator = await kinesis('GetShardIterator', { StreamName: 'fuzz-s', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
  const consumer = (await kinesis('RegisterStreamConsumer', { StreamARN: streamArn, ConsumerName: 'fuzz-c' })).Consumer as { ConsumerARN: string };

  return {
    QueueUrl: [
      queue,
      fifo,
      dlq,
      'http://localhost:4566/000000000000/missing',
      '/000000000000/fuzz-q',
      'http://x/000000000000/%E0%A4',
      'http://x/000000000000/%',
    ],
    QueueName: ['fuzz-q', 'fuzz-q.fifo', 'fuzz-dlq', 'fuzz-new', 'fuzz-new.fifo'],
    QueueNamePrefix: ['fuzz', 'f'],
    ReceiptHandle: received.Messages?.map((m) => m.ReceiptHandle) ?? [],
    MessageBody: ['hello', '{"a":1}', '\u0000', '\uFFFF', '\uD800', 'x'.repeat(1_048_577)],
    MessageGroupId: ['g1'],
    MessageDeduplicationId: ['d1'],
    SourceArn: [queueArn, dlqArn],
    DestinationArn: [dlqArn, queueArn],
    QueueOwnerAWSAccountId: ['000000000000', '123456789012'],
    TopicArn: [topic, 'arn:aws:sns:us-east-1:000000000000:missing'],
    TargetArn: [topic],
    ResourceArn: [topic, streamArn],
    SubscriptionArn: [subscription],
    Endpoint: [queueArn, 'http://127.0.0.1:9/', 'fuzz@example.com', '+15555550100'],
    Protocol: ['sqs', 'http', 'https', 'email', 'email-json', 'sms', 'lambda', 'application', 'firehose'],
    Name: ['fuzz-t', 'fuzz-t2', 'fuzz-t.fifo'],
    Message: ['hello', '{"default":"x"}'],
    MessageStructure: ['json'],
    'Attributes.key': ['DisplayName', 'Policy', 'RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'FifoTopic', 'DeliveryPolicy'],
    AttributeName: ['DisplayName', 'Policy', 'RawMessageDelivery', 'FilterPolicy', 'DeliveryPolicy'],
    StreamName: ['fuzz-s', 'fuzz-new'],
    StreamARN: [streamArn, 'arn:aws:kinesis:us-east-1:000000000000:stream/missing'],
    ConsumerARN: [consumer.ConsumerARN],
    ConsumerName: ['fuzz-c', 'fuzz-c2'],
    ShardId: [put.ShardId as string, 'shardId-000000000001', 'shardId-999999999999'],
    ShardToSplit: ['shardId-000000000000'],
    ShardToMerge: ['shardId-000000000000'],
    AdjacentShardToMerge: ['shardId-000000000001'],
    ShardIterator: [iterator.ShardIterator as string],
    PartitionKey: ['pk'],
    StartingSequenceNumber: [put.SequenceNumber as string],
    ExclusiveStartSequenceNumber: [put.SequenceNumber as string],
    SequenceNumberForOrdering: [put.SequenceNumber as string],
    NewStartingHashKey: ['170141183460469231731687303715884105728', '0', '340282366920938463463374607431768211456'],
  };
}

async function call(app: FastifyInstance, prefix: string, version: string, op: string, input: object): Promise<Record<string, unknown>> {
  const res = await app.inject({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': `${prefix}.${op}`, 'content-type': `application/x-amz-json-${version}` },
    payload: JSON.stringify(input),
  });
  if (res.statusCode !== 200) throw new Error(`fixture ${op}: ${res.statusCode} ${res.payload}`);
  return res.payload ? (JSON.parse(res.payload) as Record<string, unknown>) : {};
}

async function snsQuery(app: FastifyInstance, params: Record<string, string>): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20260101/us-east-1/sns/aws4_request' },
    payload: new URLSearchParams(params).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`fixture ${params.Action}: ${res.statusCode} ${res.payload}`);
  return res.payload;
}

function snsValue(xml: string, element: string): string {
  const value = new RegExp(`<${element}>([^<]+)</${element}>`).exec(xml)?.[1];
  if (!value) throw new Error(`fixture: no ${element} in ${xml}`);
  return value;
}
