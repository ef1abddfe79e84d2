// Memory is bounded by what is stored, not by what passed through:
//
//   npm run million                      1,000,000 messages
//   npm run million -- --messages 200000 --margin-mib 32 --via sdk
//
// Starts wharf with a data directory in its own process, warms it up (10,000 messages), samples
// its RSS and heap (after a GC), then sends and consumes N messages and samples again with the
// queue empty. Fails (exit 1) if RSS ended more than --margin-mib above where it started.
// --via engine (default): through the SQS engine inside the wharf process (send in batches of 10,
// receive 10 at a time, delete), fast enough for a million on a shared machine;
// --via sdk: through the AWS SDK over HTTP (SQS JSON protocol, 8 workers), the whole path.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as sqsSdk from '@aws-sdk/client-sqs';
import type { Sample } from './soak/samples.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    'margin-mib': { type: 'string', default: '32' },
    workers: { type: 'string', default: '8' },
    via: { type: 'string', default: 'engine' },
  },
});
const via = values.via;
if (via !== 'engine' && via !== 'sdk') throw new Error('--via must be engine or sdk');
const total = Number(values.messages);
const marginMiB = Number(values['margin-mib']);
const workers = Number(values.workers);

const dataDir = mkdtempSync(join(tmpdir(), 'wharf-million-'));
const child = fork(join(import.meta.dirname, 'soak/server-main.ts'), ['--port', '0', '--log-level', 'warn', '--data-dir', dataDir], {
  execArgv: ['--import', 'tsx', '--expose-gc'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
let nextId = 0;
const pending = new Map<number, (sample: Sample) => void>();
const churned = new Map<number, () => void>();
const url = await new Promise<string>((resolve) => {
  child.on('message', (message: { type: string; url?: string; id?: number; sample?: Sample }) => {
    if (message.type === 'listening') resolve(message.url!);
    if (message.type === 'sample') pending.get(message.id!)?.(message.sample!);
    if (message.type === 'churned') churned.get(message.id!)?.();
  });
});
const churnInWharf = (messages: number) =>
  new Promise<void>((resolve) => {
    const id = nextId++;
    churned.set(id, resolve);
    child.send({ type: 'churn', id, messages });
  });
const sample = () =>
  new Promise<Sample>((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    child.send({ type: 'sample', id });
  });

const agent = new Agent({ keepAlive: true, maxSockets: workers * 2 });
const sqs = new sqsSdk.SQSClient({
  endpoint: url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDWHARF', secretAccessKey: 'secret' },
  maxAttempts: 3,
  requestHandler: { httpAgent: agent },
});
const { QueueUrl } = await sqs.send(new sqsSdk.CreateQueueCommand({ QueueName: 'million', Attributes: { VisibilityTimeout: '60' } }));

let sent = 0;
let consumed = 0;
/** Each worker sends a batch of 10, then receives and deletes what it gets, until `target` messages were consumed. */
async function pump(target: number): Promise<void> {
  const worker = async () => {
    while (consumed < target) {
      if (sent < target) {
        sent += 10;
        await sqs.send(
          new sqsSdk.SendMessageBatchCommand({
            QueueUrl,
            Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `message ${sent + i} ${'x'.repeat(200)}` })),
          }),
        );
      }
      const { Messages = [] } = await sqs.send(
        new sqsSdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: sent >= target ? 1 : 0 }),
      );
      if (Messages.length === 0) continue;
      await sqs.send(new sqsSdk.DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
      consumed += Messages.length;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

const run = (messages: number) => (via === 'engine' ? churnInWharf(messages) : pump(messages));
const startedMs = Date.now();
await run(10_000);
const before = await sample();
console.log(
  `million: warmed up with 10,000 messages; rss ${before.rssMiB.toFixed(1)} MiB, heap ${before.heapMiB.toFixed(1)} MiB, db ${before.dbMiB.toFixed(1)} MiB`,
);
sent = 0;
consumed = 0;
await run(total);
consumed = total;
// Let the free-page reclaimer (every 5 s) return the emptied queue's pages.
await new Promise((resolve) => setTimeout(resolve, 11_000));
const after = await sample();
const minutes = (Date.now() - startedMs) / 60_000;
const grewMiB = after.rssMiB - before.rssMiB;
console.log(
  `million: ${consumed.toLocaleString('en')} messages sent and consumed (via ${via}) in ${minutes.toFixed(1)} min; ` +
    `rss ${before.rssMiB.toFixed(1)} → ${after.rssMiB.toFixed(1)} MiB (${grewMiB >= 0 ? '+' : ''}${grewMiB.toFixed(1)}, margin ${marginMiB}), ` +
    `heap ${before.heapMiB.toFixed(1)} → ${after.heapMiB.toFixed(1)} MiB, db ${before.dbMiB.toFixed(1)} → ${after.dbMiB.toFixed(1)} MiB`,
);
sqs.destroy();
agent.destroy();
child.kill('SIGTERM');
await once(child, 'exit');
rmSync(dataDir, { recursive: true, force: true });
console.log(grewMiB <= marginMiB ? 'million: PASS' : 'million: FAIL (RSS grew beyond the margin)');
process.exitCode = grewMiB <= marginMiB ? 0 : 1;
