import * as sqs from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLoadServer } from './load-server.js';
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
  const load = useLoadServer(CONSUMERS + SENDERS + 1);

  it(
    `never lets two consumers hold one of ${MESSAGES} messages at once, redelivers what crashed consumers dropped, and loses nothing`,
    async () => {
      const { QueueUrl } = await load.client.send(new sqs.CreateQueueCommand({ QueueName: 'contended' }));
      const run = await runWorkload({
        client: load.client,
        queueUrl: QueueUrl!,
        messages: MESSAGES,
        consumers: CONSUMERS,
        crashers: CRASHERS,
        senders: SENDERS,
        delayEvery: 10,
        giveUpMs: timeLimitMs(120_000),
      });
      console.info(
        `standard queue: ${MESSAGES} messages, ${CONSUMERS} consumers (${CRASHERS} crashing): ${run.durationMs} ms, ${run.receiveCalls} receives, ${run.redeliveries} redeliveries, ${run.samples.length} count samples`,
      );
      expect(run.errors).toEqual([]);
      expect(run.sent).toHaveLength(MESSAGES);
      // Crashed consumers really did make messages come back, and the run checked those too.
      expect(run.redeliveries).toBeGreaterThan(0);
      expect(checkRun(run).slice(0, 20)).toEqual([]);

      const { Attributes } = await load.client.send(
        new sqs.GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
      // The last long polls were cut short by the client: none is left waiting in the server.
      await expect.poll(async () => (await load.server.stats()).sqsWaiting).toBe(0);
      expect((await load.server.stats()).sqsQueuesWaitedOn).toBe(0);
    },
    timeLimitMs(150_000),
  );
});
