/**
 * Messages per second from an SQS queue through an event source mapping into an in-process
 * no-op handler, and the process CPU per message (wharf and the handler share the process, so
 * the CPU figure is the mapping's whole cost: receive, event building, invoke, delete).
 * The queue is filled first through the engine (not HTTP), so only the mapping path is timed.
 *
 *   node --import tsx bench/lambda.ts [messages=20000] [batchSize=10] [maxConcurrency=10]
 */
import { loadavg } from 'node:os';
import { Emulator } from '../src/emulator.js';

const [total = 20_000, batchSize = 10, maxConcurrency = 10] = process.argv.slice(2).map(Number);
const owner = { accountId: '000000000000', region: 'us-east-1' };
const queue = { ...owner, name: 'bench' };

const emulator = new Emulator();
emulator.sqs.createQueue(queue, {}, {});
const body = 'x'.repeat(256);
for (let sent = 0; sent < total; sent += 10) {
  emulator.sqs.sendMessageBatch(
    queue,
    Array.from({ length: Math.min(10, total - sent) }, () => ({ body, senderId: owner.accountId })),
  );
}

let handled = 0;
let done!: () => void;
const allHandled = new Promise<void>((resolve) => (done = resolve));
emulator.lambda.functions.register('noop', async (event) => {
  handled += (event as { Records: unknown[] }).Records.length;
  if (handled >= total) done();
});

const load = loadavg()[0]!.toFixed(2);
const cpuStart = process.cpuUsage();
const startMs = performance.now();
emulator.lambda.createMapping(owner, {
  FunctionName: 'noop',
  EventSourceArn: `arn:aws:sqs:us-east-1:${owner.accountId}:bench`,
  BatchSize: batchSize,
  ...(batchSize > 10 ? { MaximumBatchingWindowInSeconds: 1 } : {}),
  ScalingConfig: { MaximumConcurrency: maxConcurrency },
});
await allHandled;
const elapsedMs = performance.now() - startMs;
const cpu = process.cpuUsage(cpuStart);
const cpuUsPerMessage = (cpu.user + cpu.system) / total;
const left = emulator.sqs.getQueueAttributes(queue, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']);
console.log(
  JSON.stringify({
    messages: total,
    batchSize,
    maxConcurrency,
    messagesPerSecond: Math.round(total / (elapsedMs / 1000)),
    cpuMicrosecondsPerMessage: Math.round(cpuUsPerMessage),
    loadAverage1m: load,
    leftInQueue: left,
  }),
);
emulator.close();
