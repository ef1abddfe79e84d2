// `npm run bench:peers`: wharf against its peers in one command, one server at a time:
//   SQS     bench/sqs.ts      wharf, fauxqs, moto_server, the bare-Fastify ceiling
//   SNS     bench/sns.ts      wharf, fauxqs, moto_server (fan-out to 10 raw SQS subscriptions)
//   Kinesis bench/kinesis.ts  wharf, kinesalite, kinesis-local, moto_server
//   start   bench/startup.ts  start to first answer, idle RSS, RSS with 100,000 queued
// Peers are optional devDependencies (fauxqs, kinesis-local, kinesalite) or on PATH (moto_server);
// one that is missing is reported as skipped. fauxqs 2.x needs Node >= 22.5: run every Node server
// on one Node with BENCH_SERVER_NODE (and BENCH_WHARF_ROOT for a better-sqlite3 built for it); see
// bench/README.md, "Peers". Other BENCH_* variables pass through (e.g. BENCH_DURATION).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = (process.env.BENCH_PEERS_PARTS ?? 'sqs,sns,kinesis,startup').split(',');
const parts: Array<[string, string, string]> = [
  ['sqs', 'bench/sqs.ts', process.env.BENCH_SQS_TARGETS ?? 'wharf,fauxqs,moto,fastify'],
  ['sns', 'bench/sns.ts', process.env.BENCH_SNS_TARGETS ?? 'wharf,fauxqs,moto'],
  ['kinesis', 'bench/kinesis.ts', process.env.BENCH_KINESIS_TARGETS ?? 'wharf,kinesalite,kinesis-local,moto'],
  ['startup', 'bench/startup.ts', process.env.BENCH_STARTUP_TARGETS ?? 'wharf,fauxqs,kinesalite,kinesis-local'],
];
let failed = false;
for (const [name, script, targets] of parts) {
  if (!only.includes(name)) continue;
  console.log(`\n## ${name} (${targets})\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, script)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_TARGETS: targets },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
