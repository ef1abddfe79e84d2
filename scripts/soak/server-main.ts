/**
 * The wharf under soak, in its own process so that what is measured is wharf alone: started like
 * the `wharf` command (flags, WHARF_* variables), it answers `sample` over IPC with its RSS, heap,
 * open handles, event-loop delay since the last sample and database file size.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/cli/config.js';
import { startServer } from '../../src/server.js';
import type { Sample } from './samples.js';

const config = loadConfig(process.argv.slice(2), process.env);
const server = await startServer(config);
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
/** Never reset: the whole run's distribution. */
const wholeRunLoopDelay = monitorEventLoopDelay({ resolution: 10 });
wholeRunLoopDelay.enable();
const startedMs = performance.now();

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function sample(): Sample {
  // Collected first (wharf runs with --expose-gc), so heap and RSS show what is live, not GC timing.
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const db = config.dataDir ? join(config.dataDir, 'wharf.db') : '';
  const taken: Sample = {
    atS: (performance.now() - startedMs) / 1000,
    rssMiB: memory.rss / 2 ** 20,
    heapMiB: memory.heapUsed / 2 ** 20,
    handles: process.getActiveResourcesInfo().length,
    loopP99Ms: loopDelay.percentile(99) / 1e6,
    loopMaxMs: loopDelay.max / 1e6,
    wholeRunLoopP99Ms: wholeRunLoopDelay.percentile(99) / 1e6,
    dbMiB: db ? (fileBytes(db) + fileBytes(`${db}-wal`)) / 2 ** 20 : 0,
  };
  loopDelay.reset();
  return taken;
}

/**
 * Sends and consumes `messages` messages through the SQS engine in this process (batches of 10,
 * received 10 at a time and deleted), yielding to the event loop between rounds: a million
 * messages in minutes where the SDK path would take hours on a shared machine.
 */
async function churn(messages: number): Promise<void> {
  const key = { accountId: '000000000000', region: 'us-east-1', name: 'churn' };
  const sqs = server.emulator.sqs;
  const idle = new AbortController().signal;
  sqs.createQueue(key, { VisibilityTimeout: '60' }, {});
  for (let done = 0; done < messages; ) {
    for (let b = 0; b < 10; b++)
      sqs.sendMessageBatch(
        key,
        Array.from({ length: 10 }, (_, i) => ({ body: `message ${done + b * 10 + i} ${'x'.repeat(200)}`, senderId: 'AKIDWHARF' })),
      );
    for (let r = 0; r < 10; r++) {
      const received = await sqs.receiveMessages(key, {
        maxMessages: 10,
        waitTimeSeconds: 0,
        systemAttributeNames: [],
        messageAttributeNames: [],
        signal: idle,
      });
      for (const m of received) sqs.deleteMessage(key, m.receiptHandle);
      done += received.length;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

process.on('message', (message: { type: string; id: number; messages?: number }) => {
  if (message.type === 'sample') process.send!({ type: 'sample', id: message.id, sample: sample() });
  if (message.type === 'churn') void churn(message.messages!).then(() => process.send!({ type: 'churned', id: message.id }));
});
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
process.send!({ type: 'listening', url: server.url });
