import * as sqs from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLoadServer } from './load-server.js';
import { runWorkload } from './sqs-workload.js';
import { stressMessages, timeLimitMs } from './stress.js';
import { checkRun } from './visibility-check.js';

const MESSAGES = stressMessages(4_000);
const GROUPS = 128;
const CONSUMERS = 64;
const CRASHERS = 8;
const SENDERS = 8;

/**
 * The standard-queue run's load on a FIFO queue with many message groups: besides every
 * message, each group must be held by one receive at a time and handed out in send order, the
 * messages a crashed consumer dropped coming back first (visibility-check.ts).
 */
describe('a FIFO queue under 64 concurrent consumers', () => {
  const load = useLoadServer(CONSUMERS + SENDERS + 1);

  it(
    `keeps each of ${GROUPS} groups in order and held by one consumer at a time over ${MESSAGES} messages, losing and duplicating nothing`,
    async () => {
      const { QueueUrl } = await load.client.send(new sqs.CreateQueueCommand({ QueueName: 'contended.fifo', Attributes: { FifoQueue: 'true' } }));
      const run = await runWorkload({
        client: load.client,
        queueUrl: QueueUrl!,
        messages: MESSAGES,
        groups: GROUPS,
        consumers: CONSUMERS,
        crashers: CRASHERS,
        senders: SENDERS,
        giveUpMs: timeLimitMs(120_000),
      });
      console.info(
        `FIFO queue: ${MESSAGES} messages in ${GROUPS} groups, ${CONSUMERS} consumers (${CRASHERS} crashing): ${run.durationMs} ms, ${run.receiveCalls} receives, ${run.redeliveries} redeliveries, ${run.samples.length} count samples`,
      );
      expect(run.errors).toEqual([]);
      expect(run.sent).toHaveLength(MESSAGES);
      expect(run.redeliveries).toBeGreaterThan(0);
      expect(run.receipts.every((r) => r.groupId !== undefined && r.sequenceNumber !== undefined)).toBe(true);
      expect(checkRun(run).slice(0, 20)).toEqual([]);

      const { Attributes } = await load.client.send(
        new sqs.GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' });
      await expect.poll(async () => (await load.server.stats()).sqsWaiting).toBe(0);
    },
    timeLimitMs(150_000),
  );
});
