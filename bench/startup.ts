// Start-up and memory: for each target, the time from spawning the server to its first
// answered ListQueues (Kinesis targets: ListStreams), the median of STARTUP_RUNS (5) starts;
// the RSS once idle after that answer; and, for SQS targets, the RSS with STARTUP_QUEUED
// (100,000) messages queued (sent in batches of 10).
//
//   node --import tsx bench/startup.ts            # BENCH_TARGETS=wharf,fauxqs,kinesalite,kinesis-local
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqsJsonClient, parseJson } from './lib/client.js';
import { loadConfig } from './lib/config.js';
import { benchMessageBody, sendMessageBatchPayload } from './lib/messages.js';
import { ManagedProcess, freePort, groupCpuSeconds, installCleanupHandlers, type LaunchSpec } from './lib/processes.js';
import { TARGETS } from './lib/targets.js';

// Only the launch settings (BENCH_SERVER_NODE, BENCH_WHARF_ROOT) are used; BENCH_TARGETS is read below.
const cfg = loadConfig(['--targets', 'wharf']);
installCleanupHandlers();
const runs = Number(process.env.STARTUP_RUNS ?? 5);
const queued = Number(process.env.STARTUP_QUEUED ?? 100_000);
const names = (process.env.BENCH_TARGETS ?? 'wharf,fauxqs,kinesalite,kinesis-local').split(',');

interface StartupTarget {
  launch(port: number): LaunchSpec | string;
  kind: 'sqs' | 'kinesis';
}

const kinesisTarget = (file: string, args: (port: number) => string[], env?: (port: number) => Record<string, string>): StartupTarget => ({
  kind: 'kinesis',
  launch(port) {
    const script = path.join(cfg.rootDir, 'node_modules', file);
    const e = env?.(port);
    return {
      command: e
        ? `${Object.entries(e)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')} exec ${cfg.serverNode} ${script} ${args(port).join(' ')}`
        : cfg.serverNode,
      args: e ? [] : [script, ...args(port)],
      shell: e !== undefined,
      // kinesis-local reads its certificate (server.json) from the working directory.
      cwd: path.dirname(script),
    };
  },
});

const targets: Record<string, StartupTarget> = {
  wharf: { kind: 'sqs', launch: (port) => TARGETS.wharf.launch(port, cfg) },
  fauxqs: { kind: 'sqs', launch: (port) => TARGETS.fauxqs.launch(port, cfg) },
  kinesalite: kinesisTarget('kinesalite/cli.js', (port) => ['--port', String(port)]),
  'kinesis-local': kinesisTarget(
    'kinesis-local/main.js',
    () => [],
    (port) => ({ KINESIS_MOCK_PLAIN_PORT: String(port), KINESIS_MOCK_TLS_PORT: String(port + 1), LOG_LEVEL: 'WARN' }),
  ),
};

function firstAnswer(port: number, kind: 'sqs' | 'kinesis'): Promise<boolean> {
  const target = kind === 'sqs' ? 'AmazonSQS.ListQueues' : 'Kinesis_20131202.ListStreams';
  const type = kind === 'sqs' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';
  const service = kind === 'sqs' ? 'sqs' : 'kinesis';
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent: false,
        headers: {
          'content-type': type,
          'x-amz-target': target,
          'x-amz-date': '20260101T000000Z',
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      },
    );
    req.on('error', () => resolve(false));
    req.end('{}');
  });
}

/** RSS of the whole process group in MiB (a `sh -c` wrapper counts too, as it would for a user). */
function rssMiB(pgid: number): number {
  let kib = 0;
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kib / 1024;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

for (const name of names) {
  const target = targets[name];
  if (!target) throw new Error(`unknown target ${name}`);
  const times: number[] = [];
  // CPU spent until the first answer: on a shared machine, the figure that holds.
  const cpuTimes: number[] = [];
  let idleRss = NaN;
  let loadedRss = NaN;
  let skipped: string | undefined;
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const launch = target.launch(port);
    if (typeof launch === 'string') {
      skipped = launch;
      break;
    }
    const started = performance.now();
    const proc = new ManagedProcess(name, launch);
    let answered = false;
    while (!answered && performance.now() - started < 60_000 && proc.exitDescription === undefined) {
      answered = await firstAnswer(port, target.kind);
      if (!answered) await sleep(5);
    }
    if (!answered) {
      skipped = `no answer: ${proc.exitDescription ?? 'timeout'} ${proc.outputTail(3)}`;
      await proc.stop();
      break;
    }
    times.push(performance.now() - started);
    cpuTimes.push((groupCpuSeconds(proc.pid) ?? NaN) * 1000);
    if (run === runs - 1) {
      await sleep(2000);
      idleRss = rssMiB(proc.pid!);
      if (target.kind === 'sqs' && queued > 0) loadedRss = await rssWithMessages(port, proc.pid!);
    }
    await proc.stop();
  }
  const load = os.loadavg()[0]!.toFixed(1);
  if (skipped) console.log(`${name}: skipped (${skipped.trim()})`);
  else {
    console.log(
      `${name}: start to first answer median ${Math.round(median(times))} ms (${times.map((t) => Math.round(t)).join(', ')}), CPU until then median ${Math.round(median(cpuTimes))} ms; ` +
        `idle RSS ${idleRss.toFixed(0)} MiB` +
        (Number.isNaN(loadedRss) ? '' : `; RSS with ${queued.toLocaleString('en-US')} queued ${loadedRss.toFixed(0)} MiB`) +
        `; load ${load}`,
    );
  }
}
process.exit(0);

async function rssWithMessages(port: number, pgid: number): Promise<number> {
  const client = new SqsJsonClient(`http://127.0.0.1:${port}`, 16, new AbortController().signal);
  const url = parseJson((await client.call('CreateQueue', { QueueName: 'rss' })).body)?.['QueueUrl'] as string;
  const call = client.prepare('SendMessageBatch', sendMessageBatchPayload(url, benchMessageBody(256)));
  let sent = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < queued) {
        sent += 10;
        await client.send(call);
      }
    }),
  );
  client.close();
  await sleep(2000);
  return rssMiB(pgid);
}
