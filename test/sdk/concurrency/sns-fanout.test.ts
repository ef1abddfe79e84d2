import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import type { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledAgent, pooledSns, pooledSqs } from '../../support/pooled-clients.js';
import { startTestServer } from '../../support/server.js';
import type { RunningServer } from '../../../src/server.js';
import { stressMessages, timeLimitMs } from './stress.js';

const PUBLISHERS = 64;
const PUBLISHES = stressMessages(1_000, 0.1);
const SUBSCRIPTIONS = [
  { queue: 'raw-a', raw: true },
  { queue: 'raw-b', raw: true },
  { queue: 'envelope-a', raw: false },
  { queue: 'envelope-b', raw: false },
];
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

/** 64 publishers on one topic with four SQS subscriptions: every subscription gets every message exactly once. */
describe('SNS fan-out under 64 concurrent publishers', () => {
  let server: RunningServer;
  let agent: Agent;
  let snsClient: sns.SNSClient;
  let sqsClient: sqs.SQSClient;
  beforeAll(async () => {
    server = await startTestServer();
    agent = pooledAgent(PUBLISHERS + 8);
    snsClient = pooledSns(server.url, agent);
    sqsClient = pooledSqs(server.url, agent);
  });
  afterAll(async () => {
    snsClient?.destroy();
    sqsClient?.destroy();
    agent?.destroy();
    await server?.close();
  });

  /** Every message in the queue (received with a long visibility timeout, so none comes twice legitimately). */
  async function drain(queueUrl: string): Promise<sqs.Message[]> {
    const messages: sqs.Message[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const { Messages = [] } = await sqsClient.send(
            new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
          );
          if (Messages.length === 0) return;
          messages.push(...Messages);
        }
      }),
    );
    return messages;
  }

  it(
    `delivers each of ${PUBLISHES} concurrent publishes once to every subscription, raw and enveloped`,
    async () => {
      const { TopicArn } = await snsClient.send(new sns.CreateTopicCommand({ Name: 'busy' }));
      const queueUrls = new Map<string, string>();
      for (const { queue, raw } of SUBSCRIPTIONS) {
        queueUrls.set(queue, (await sqsClient.send(new sqs.CreateQueueCommand({ QueueName: queue }))).QueueUrl!);
        await snsClient.send(
          new sns.SubscribeCommand({
            TopicArn,
            Protocol: 'sqs',
            Endpoint: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
            Attributes: { RawMessageDelivery: String(raw) },
          }),
        );
      }

      // body → the MessageId Publish acknowledged it with; a quarter go through PublishBatch.
      const published = new Map<string, string>();
      let next = 0;
      const startedMs = Date.now();
      await Promise.all(
        Array.from({ length: PUBLISHERS }, async (_, p) => {
          while (next < PUBLISHES) {
            if (p % 4 === 0 && next + 10 <= PUBLISHES) {
              const first = next;
              next += 10;
              const out = await snsClient.send(
                new sns.PublishBatchCommand({
                  TopicArn,
                  PublishBatchRequestEntries: Array.from({ length: 10 }, (_, k) => ({ Id: String(k), Message: `publish ${first + k}` })),
                }),
              );
              expect(out.Failed ?? []).toEqual([]);
              for (const ok of out.Successful ?? []) published.set(`publish ${first + Number(ok.Id)}`, ok.MessageId!);
            } else {
              const body = `publish ${next++}`;
              published.set(body, (await snsClient.send(new sns.PublishCommand({ TopicArn, Message: body }))).MessageId!);
            }
          }
        }),
      );
      expect(published.size).toBe(PUBLISHES);
      const publishedMs = Date.now() - startedMs;

      const drained = await Promise.all(SUBSCRIPTIONS.map(({ queue }) => drain(queueUrls.get(queue)!)));
      console.info(
        `SNS fan-out: ${PUBLISHES} publishes from ${PUBLISHERS} publishers in ${publishedMs} ms, ${SUBSCRIPTIONS.length} subscriptions drained in ${Date.now() - startedMs - publishedMs} ms`,
      );
      for (const [i, { queue, raw }] of SUBSCRIPTIONS.entries()) {
        const messages = drained[i]!;
        const delivered = messages.map((m) => {
          if (raw) return { body: m.Body!, messageId: published.get(m.Body!) };
          const envelope = JSON.parse(m.Body!) as { Type: string; MessageId: string; TopicArn: string; Message: string };
          expect({ Type: envelope.Type, TopicArn: envelope.TopicArn }).toEqual({ Type: 'Notification', TopicArn });
          return { body: envelope.Message, messageId: envelope.MessageId };
        });
        const bodies = delivered.map((d) => d.body);
        expect({ queue, count: bodies.length, distinct: new Set(bodies).size }).toEqual({ queue, count: PUBLISHES, distinct: PUBLISHES });
        expect(bodies.filter((body) => !published.has(body))).toEqual([]);
        // An envelope carries the MessageId that Publish returned for that message.
        if (!raw) expect(delivered.filter((d) => published.get(d.body) !== d.messageId)).toEqual([]);
      }
    },
    timeLimitMs(120_000),
  );
});
