// How long the test fixture's reset() takes, the call a suite makes between tests.
//
//   npm run bench:reset                          # defaults: 2,000 in-process resets, 500 over HTTP; a few seconds
//   BENCH_RESET_COUNT=20000 npm run bench:reset
//   npm run bench:reset -- --write               # also replaces the "Test fixture reset" section of bench/RESULTS.md
//
// Before each reset (unmeasured) the emulator is given a typical test's state through the engines:
// 3 SQS queues with 20 messages each, an SNS topic with a queue subscription, and a Kinesis stream
// of 2 shards with 20 records. Measured: `wharf.reset()` of startWharf (in-process: empties every
// table, abandons SNS retries, clock back to real time, wakes waiting receives), and the same
// through `POST /_wharf/reset` (connectWharf().reset(): one keep-alive HTTP round trip).
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectWharf, startWharf, type Wharf } from '../src/testing.js';
import { machineInfo } from './lib/report.js';

const count = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
};
const IN_PROCESS = count('BENCH_RESET_COUNT', 2000);
const OVER_HTTP = Math.max(1, Math.floor(IN_PROCESS / 4));
const RESULTS = join(import.meta.dirname, 'RESULTS.md');
const START = '<!-- bench:fixture-reset:start -->';
const END = '<!-- bench:fixture-reset:end -->';

function fill(wharf: Wharf): void {
  const { sqs, sns, kinesis } = wharf.server.emulator;
  const owner = { accountId: wharf.accountId, region: wharf.region };
  for (let q = 0; q < 3; q++) {
    const key = { ...owner, name: `queue-${q}` };
    sqs.createQueue(key, {}, {});
    sqs.sendMessageBatch(
      key,
      Array.from({ length: 10 }, (_, i) => ({ body: `message ${i}`, senderId: owner.accountId })),
    );
    sqs.sendMessageBatch(
      key,
      Array.from({ length: 10 }, (_, i) => ({ body: `message ${10 + i}`, senderId: owner.accountId })),
    );
  }
  const topicArn = sns.createTopic(owner, 'events', {}, {});
  sns.subscribe(topicArn, 'sqs', `arn:aws:sqs:${owner.region}:${owner.accountId}:queue-0`, {}, owner, { baseUrl: wharf.endpoint });
  const stream = { ...owner, name: 'stream' };
  kinesis.createStream(stream, { shardCount: 2, mode: 'PROVISIONED', tags: {} });
  kinesis.records.putRecords(
    stream,
    Array.from({ length: 20 }, (_, i) => ({ partitionKey: `k${i}`, data: Buffer.from(`record ${i}`) })),
  );
}

async function measure(wharf: Wharf, reset: () => Promise<void>, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    fill(wharf);
    const start = performance.now();
    await reset();
    samples.push(performance.now() - start);
  }
  return samples;
}

function summary(samples: number[]): { mean: number; p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p50: at(0.5), p99: at(0.99) };
}

const ms = (v: number) => v.toFixed(3);

const wharf = await startWharf();
try {
  await measure(wharf, () => wharf.reset(), 200); // warm-up
  const inProcess = summary(await measure(wharf, () => wharf.reset(), IN_PROCESS));
  const remote = connectWharf({ endpoint: wharf.endpoint });
  await measure(wharf, () => remote.reset(), 50); // warm-up
  const overHttp = summary(await measure(wharf, () => remote.reset(), OVER_HTTP));
  const m = machineInfo();
  const section = [
    START,
    '## Test fixture reset',
    '',
    `Recorded by \`npm run bench:reset\` (bench/fixture-reset.ts) with ${IN_PROCESS.toLocaleString('en')} in-process and ${OVER_HTTP.toLocaleString('en')} HTTP resets,`,
    `on ${m.cpus} vCPU (${m.cpuModel}), Node ${m.node}, load average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine`,
    'slows the tail). Before each reset: 3 queues × 20 messages, a topic with a queue subscription, a',
    '2-shard stream with 20 records (added through the engines, not measured).',
    '',
    '| Reset | mean (ms) | p50 (ms) | p99 (ms) |',
    '|---|---:|---:|---:|',
    `| \`startWharf().reset()\` (in-process) | ${ms(inProcess.mean)} | ${ms(inProcess.p50)} | ${ms(inProcess.p99)} |`,
    `| \`connectWharf().reset()\` (\`POST /_wharf/reset\`) | ${ms(overHttp.mean)} | ${ms(overHttp.p50)} | ${ms(overHttp.p99)} |`,
    END,
  ].join('\n');
  console.log(section);
  if (process.argv.includes('--write')) {
    const text = readFileSync(RESULTS, 'utf8');
    const begin = text.indexOf(START);
    const next = begin === -1 ? `${text.trimEnd()}\n\n${section}\n` : `${text.slice(0, begin)}${section}${text.slice(text.indexOf(END) + END.length)}`;
    writeFileSync(RESULTS, next);
    console.error(`[bench] wrote the section to ${RESULTS}`);
  }
} finally {
  await wharf.stop();
}
