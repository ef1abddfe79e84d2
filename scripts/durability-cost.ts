// What WHARF_DURABILITY=full costs against normal: the same writes through the AWS SDK to a
// `wharf` on a fresh data directory with each setting, one after the other.
//
//   npm run durability:cost                 # 3 rounds of 1,000 SendMessage and 1,000 PutRecord per setting
//   npm run durability:cost -- --requests 5000 --rounds 5
//
// Each write request is one commit, so `full` adds one fsync of the WAL per request; `normal`
// syncs only at checkpoints. Requests are sent one at a time (latency) and then 8 at a time
// (throughput). The settings take turns, round after round, and each figure is the median of
// the rounds, so a busy moment on a shared machine does not land on one setting only. Run it on the disk your data directory will live on (TMPDIR): on tmpfs an
// fsync costs nothing and the two settings look the same.
import { PutRecordCommand, CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { clientsFor } from './durability/clients.js';
import { WharfProcess } from './durability/wharf-process.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, port: { type: 'string', default: '45700' } },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);
const port = Number(values.port);

interface Row {
  setting: string;
  operation: string;
  p50: number;
  p99: number;
  sequentialPerS: number;
  concurrentPerS: number;
}

async function measure(send: (i: number) => Promise<unknown>): Promise<Omit<Row, 'setting' | 'operation'>> {
  const latencies: number[] = [];
  let start = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    await send(i);
    latencies.push(performance.now() - t);
  }
  const sequentialPerS = REQUESTS / ((performance.now() - start) / 1000);
  start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < REQUESTS) await send(next++);
    }),
  );
  const concurrentPerS = REQUESTS / ((performance.now() - start) / 1000);
  latencies.sort((a, b) => a - b);
  return { p50: latencies[Math.floor(REQUESTS / 2)]!, p99: latencies[Math.floor(REQUESTS * 0.99)]!, sequentialPerS, concurrentPerS };
}

const rows: Row[] = [];
for (let round = 0; round < ROUNDS; round++)
  for (const setting of ['normal', 'full'] as const) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'wharf-durability-cost-'));
    const wharf = WharfProcess.cold({ port, dataDir, durability: setting });
    try {
      await wharf.waitHealthy(port);
      const clients = clientsFor(port);
      const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'cost' }));
      await clients.kinesis.send(new CreateStreamCommand({ StreamName: 'cost', ShardCount: 1 }));
      rows.push({
        setting,
        operation: 'SQS SendMessage',
        ...(await measure((i) => clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `message ${i}` })))),
      });
      rows.push({
        setting,
        operation: 'Kinesis PutRecord',
        ...(await measure((i) =>
          clients.kinesis.send(new PutRecordCommand({ StreamName: 'cost', PartitionKey: String(i), Data: Buffer.from(`record ${i}`) })),
        )),
      });
      clients.destroy();
    } finally {
      await wharf.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${REQUESTS} requests per operation, setting and round; medians of ${ROUNDS} rounds; data directory under ${tmpdir()}\n`);
console.log('| setting | operation | p50 ms (1 in flight) | p99 ms | requests/s (1 in flight) | requests/s (8 in flight) |');
console.log('|---|---|---:|---:|---:|---:|');
for (const operation of ['SQS SendMessage', 'Kinesis PutRecord']) {
  for (const setting of ['normal', 'full']) {
    const of = rows.filter((r) => r.setting === setting && r.operation === operation);
    const m = (f: (r: Row) => number) => median(of.map(f));
    console.log(
      `| ${setting} | ${operation} | ${m((r) => r.p50).toFixed(2)} | ${m((r) => r.p99).toFixed(2)} | ${Math.round(m((r) => r.sequentialPerS))} | ${Math.round(m((r) => r.concurrentPerS))} |`,
    );
  }
}
