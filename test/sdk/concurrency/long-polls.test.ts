import * as sqs from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ServerProcessStats } from '../../support/server-process.js';
import { useLoadServer } from './load-server.js';

const WAITERS = 1_000;
const BATCH = 10;
/**
 * CPU the server may use in one idle second with 1,000 receives waiting. Waiting is a timer and
 * a listener per receive, so the real figure is a few milliseconds (the stats request itself,
 * GC); anything that polled (each receive checking the queue every second would be 1,000
 * transactions a second) would cost far more. Generous, for a loaded CI machine.
 */
const IDLE_CPU_BUDGET_MS = 100;

/**
 * 1,000 long polls at once on one queue, against wharf in its own process so its CPU time and
 * its timers can be read from outside.
 */
describe('1,000 long polls waiting on one queue', () => {
  const load = useLoadServer(WAITERS + 16);

  async function waitUntil(condition: (stats: ServerProcessStats) => boolean, what: string): Promise<ServerProcessStats> {
    const giveUpAt = Date.now() + 15_000;
    for (;;) {
      const stats = await load.server.stats();
      if (condition(stats)) return stats;
      if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(stats)}`);
      await sleep(50);
    }
  }

  it('cost next to no CPU while they wait, each gets one distinct message when 1,000 are sent, and leave no waiter or timer behind', async () => {
    const { QueueUrl } = await load.client.send(new sqs.CreateQueueCommand({ QueueName: 'waited-on' }));
    const before = await load.server.stats();

    const receives = Array.from({ length: WAITERS }, () =>
      load.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MessageSystemAttributeNames: ['ApproximateReceiveCount'] })),
    );
    await waitUntil((s) => s.sqsWaiting === WAITERS, `${WAITERS} waiting receives`);

    // Collect the garbage of 1,000 requests first: a major GC in the idle second is not waiting's cost.
    const idleFrom = await load.server.stats({ gc: true });
    await sleep(1_000);
    const idleTo = await load.server.stats();
    const idleCpuMs = (idleTo.cpuMicros - idleFrom.cpuMicros) / 1000;
    expect(idleTo.sqsWaiting).toBe(WAITERS);
    expect(idleCpuMs).toBeLessThan(IDLE_CPU_BUDGET_MS);

    const sentFromMs = Date.now();
    const batches = await Promise.all(
      Array.from({ length: WAITERS / BATCH }, (_, b) =>
        load.client.send(
          new sqs.SendMessageBatchCommand({
            QueueUrl,
            Entries: Array.from({ length: BATCH }, (_, k) => ({ Id: String(k), MessageBody: `message ${b * BATCH + k}` })),
          }),
        ),
      ),
    );
    const sentIds = batches.flatMap((out) => (out.Successful ?? []).map((s) => s.MessageId!));
    expect(sentIds).toHaveLength(WAITERS);
    const replies = await Promise.all(receives);
    const wokenMs = Date.now() - sentFromMs;
    const woken = await load.server.stats();
    console.info(
      `1,000 long polls: ${idleCpuMs.toFixed(1)} ms of server CPU over an idle second; all answered ${wokenMs} ms after the sends began, using ${((woken.cpuMicros - idleTo.cpuMicros) / 1000).toFixed(0)} ms of server CPU`,
    );

    // MaxNumberOfMessages is 1 and there are as many messages as receives: each got exactly one,
    // none twice, so every one was woken and claimed before its 20 s ran out.
    expect(replies.map((r) => r.Messages?.length ?? 0)).toEqual(Array(WAITERS).fill(1));
    const receivedIds = replies.map((r) => r.Messages![0]!.MessageId!);
    expect(new Set(receivedIds).size).toBe(WAITERS);
    expect([...receivedIds].sort()).toEqual([...sentIds].sort());
    expect(replies.every((r) => r.Messages![0]!.Attributes!.ApproximateReceiveCount === '1')).toBe(true);

    // Each wait held a timer (its deadline) and a listener: all gone, none left to fire later.
    const after = await waitUntil((s) => s.sqsWaiting === 0, 'no waiting receive');
    expect(after.sqsQueuesWaitedOn).toBe(0);
    expect(after.resources.Timeout ?? 0).toBeLessThanOrEqual(before.resources.Timeout ?? 0);
  }, 60_000);
});
