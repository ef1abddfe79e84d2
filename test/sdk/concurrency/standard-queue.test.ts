import * as sqs from '@aws-sdk/client-sqs';
import type { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pooledAgent, pooledSqs } from '../../support/pooled-clients.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { runWorkload } from './sqs-workload.js';
import { stressMessages, timeLimitMs } from './stress.js';
import { checkRun } from './visibility-check.js';

const MESSAGES = stressMessages(8_000);
const CONSUMERS = 64;
const CRASHERS = 8;
const SENDERS = 8;

/**
 * Senders, 64 consumers and a sampler of the queue's counts at once, against wharf in its own
 * process (so server and clients really run in parallel), over HTTP with the real SDK. Every
 * send, receive, delete and count is recorded and checked afterwards (visibility-check.ts).
 */
describe('a standard queue under 64 concurrent consumers', () => {
  let server: ServerProcess;
  let agent: Agent;
  let client: sqs.SQSClient;
  beforeAll(async () => {
    server = await startServerProcess();
    // One socket per consumer, sender and the sampler: every call is really in flight at once.
    agent = pooledAgent(CONSUMERS + SENDERS + 1);
    client = pooledSqs(server.url, agent);
  });
  afterAll(async () => {
    client?.destroy();
    agent?.destroy();
    await server?.stop();
  });

  it(`never lets two consumers hold one of ${MESSAGES} messages at once, redelivers what crashed consumers dropped, and loses nothing`, async () => {
    const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: 'contended' }));
    const run = await runWorkload({ client, queueUrl: QueueUrl!, messages: MESSAGES, consumers: CONSUMERS, crashers: CRASHERS, senders: SENDERS, delayEvery: 10, giveUpMs: timeLimitMs(120_000) });
    console.info(
      `standard queue: ${MESSAGES} messages, ${CONSUMERS} consumers (${CRASHERS} crashing): ${run.durationMs} ms, ${run.receiveCalls} receives, ${run.redeliveries} redeliveries, ${run.samples.length} count samples`,
    );
    expect(run.errors).toEqual([]);
    expect(run.sent).toHaveLength(MESSAGES);
    // Crashed consumers really did make messages come back, and the run checked those too.
    expect(run.redeliveries).toBeGreaterThan(0);
    expect(checkRun(run).slice(0, 20)).toEqual([]);

    const { Attributes } = await client.send(
      new sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
    );
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
    // The last long polls were cut short by the client: none is left waiting in the server.
    await expect.poll(async () => (await server.stats()).sqsWaiting).toBe(0);
    expect((await server.stats()).sqsQueuesWaitedOn).toBe(0);
  }, timeLimitMs(150_000));
});
