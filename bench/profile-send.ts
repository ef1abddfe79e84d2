// Profiles wharf under SendMessage load: starts `node --cpu-prof bin/wharf.js` (BENCH_SERVER_NODE /
// BENCH_WHARF_ROOT as in the bench), sends SendMessage with 64 in flight for PROFILE_SECONDS (10),
// stops wharf with SIGINT so V8 writes the profile, and prints its top entries
// (bench/profile-top.ts).
//
//   node --import tsx bench/profile-send.ts [out-dir]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqsJsonClient, parseJson } from './lib/client.js';
import { loadConfig } from './lib/config.js';
import { benchMessageBody, sendMessagePayload } from './lib/messages.js';
import { ManagedProcess, freePort, groupCpuSeconds, installCleanupHandlers, waitForHttp } from './lib/processes.js';

// Only the launch settings (BENCH_SERVER_NODE, BENCH_WHARF_ROOT) are used; BENCH_TARGETS is read below.
const cfg = loadConfig(['--targets', 'wharf']);
installCleanupHandlers();
const outDir = process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'wharf-prof-'));
const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const inFlight = Number(process.env.PROFILE_IN_FLIGHT ?? 64);
/** PROFILE=0 measures without the profiler (its overhead is a few per cent). */
const profiling = process.env.PROFILE !== '0';
const port = await freePort();
const copy = cfg.wharfRoot !== cfg.rootDir;
const args = [
  ...(copy ? ['--preserve-symlinks', '--preserve-symlinks-main'] : []),
  ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${outDir}`] : []),
  path.join(cfg.wharfRoot, 'bin', 'wharf.js'),
  '--port',
  String(port),
  '--log-level',
  'warn',
  // e.g. PROFILE_WHARF_ARGS='--data-dir /tmp/d' to compare durability settings
  ...(process.env.PROFILE_WHARF_ARGS ?? '').split(' ').filter(Boolean),
];
const spawnedAt = Date.now();
const wharf = new ManagedProcess('wharf', { command: cfg.serverNode, args, shell: false, cwd: cfg.wharfRoot });
const base = `http://127.0.0.1:${port}`;
await waitForHttp(wharf, `${base}/_wharf/health`, 200, 30_000);
const client = new SqsJsonClient(base, inFlight, new AbortController().signal);
const queueUrl = parseJson((await client.call('CreateQueue', { QueueName: 'profile' })).body)?.['QueueUrl'] as string;
const call = client.prepare('SendMessage', sendMessagePayload(queueUrl, benchMessageBody(256)));
const cpuBefore = groupCpuSeconds(wharf.pid) ?? 0;
const skipMs = Date.now() - spawnedAt;
const deadline = Date.now() + seconds * 1000;
let sent = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (Date.now() < deadline) {
      const reply = await client.send(call);
      if (reply.status === 200) sent++;
      else failed++;
    }
  }),
);
const cpu = (groupCpuSeconds(wharf.pid) ?? 0) - cpuBefore;
client.close();
wharf.child.kill('SIGINT');
await wharf.exited;
console.log(
  `${sent} sent (${failed} failed) in ${seconds} s: ${Math.round(sent / seconds)} msg/s, ` +
    `${Math.round((cpu * 1e6) / sent)} µs server CPU per message; load ${os.loadavg()[0]?.toFixed(1)}`,
);
if (!profiling) process.exit(0);
const file = readdirSync(outDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${outDir}`);
console.log(`profile: ${path.join(outDir, file)}\n`);
console.log(
  execFileSync(process.execPath, ['--import', 'tsx', path.join(cfg.rootDir, 'bench', 'profile-top.ts'), path.join(outDir, file), '30', String(skipMs)], {
    encoding: 'utf8',
  }),
);
process.exit(0);
