import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock, type Clock } from '../../src/clock.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from './server.js';
import { errorOf, keepRawBodies, rawBodyOf, xmlError } from './sqs-suite.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
const credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };

/** One wharf per test file, reset after each test, with SNS and SQS (JSON) clients. */
export interface SnsSuite {
  server: RunningServer;
  clock: ManualClock;
  sns: sns.SNSClient;
  sqs: sqs.SQSClient;
  createTopic(name?: string, attributes?: Record<string, string>): Promise<string>;
  /** Creates a queue and subscribes it; returns the queue URL and the subscription ARN. */
  queueSubscription(topicArn: string, queueName: string, attributes?: Record<string, string>): Promise<{ queueUrl: string; subscriptionArn: string }>;
  /** Receives what is in a queue now (up to 10 messages). */
  receive(queueUrl: string): Promise<sqs.Message[]>;
}

export function useSnsServer(options: { clock?: () => Clock } = {}): SnsSuite {
  const suite = {} as SnsSuite;
  beforeAll(async () => {
    suite.clock = (options.clock?.() ?? new ManualClock()) as ManualClock;
    suite.server = await startTestServer({ clock: suite.clock });
    const config = { endpoint: suite.server.url, region: REGION, credentials, maxAttempts: 1 };
    suite.sns = new sns.SNSClient(config);
    keepRawBodies(suite.sns);
    suite.sqs = new sqs.SQSClient(config);
    suite.createTopic = async (name = 'events', attributes) =>
      (await suite.sns.send(new sns.CreateTopicCommand({ Name: name, ...(attributes ? { Attributes: attributes } : {}) }))).TopicArn!;
    suite.queueSubscription = async (topicArn, queueName, attributes) => {
      const queueAttributes: Record<string, string> = queueName.endsWith('.fifo') ? { FifoQueue: 'true' } : {};
      const { QueueUrl } = await suite.sqs.send(new sqs.CreateQueueCommand({ QueueName: queueName, Attributes: queueAttributes }));
      const { SubscriptionArn } = await suite.sns.send(
        new sns.SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`,
          ...(attributes ? { Attributes: attributes } : {}),
        }),
      );
      return { queueUrl: QueueUrl!, subscriptionArn: SubscriptionArn! };
    };
    suite.receive = async (queueUrl) =>
      (
        await suite.sqs.send(
          new sqs.ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
          }),
        )
      ).Messages ?? [];
  });
  afterEach(async () => {
    await suite.server.emulator.sns.http.idle();
    suite.server.emulator.reset();
    suite.clock.set(Date.UTC(2026, 0, 1));
  });
  afterAll(async () => {
    await suite.server?.close();
  });
  return suite;
}

/** Asserts an SNS error: the SDK's exception name, the query code, status and exact message. */
export async function expectSnsError(promise: Promise<unknown>, code: string, message: string, status = 400): Promise<void> {
  const err = await errorOf(promise);
  const xml = xmlError(rawBodyOf(err));
  expect({ code: xml.code, message: xml.message, status: (err.$metadata as { httpStatusCode?: number }).httpStatusCode }).toEqual({ code, message, status });
}

export { sns, sqs };
