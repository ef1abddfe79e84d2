// The kill -9 durability run, for as many cycles as you like (CI runs a bounded one in
// test/durability/kill-9.test.ts):
//
//   npm run durability -- --cycles 2000
//   npm run durability -- --cycles 500 --durability full --seed 1234 --cold
//
// Each cycle starts wharf on the same data directory, lets SQS (standard and FIFO), SNS and
// Kinesis producers and consumers run against it through the AWS SDK, and kills it with SIGKILL
// at a random moment: after a random number of answered requests (0..--max-requests) and a
// random 0..--kill-jitter-ms, so mostly with requests in flight (some cycles while wharf is
// still starting, a few with SIGTERM instead). Then a last
// wharf checks every acknowledged message and record. Exit code 1 on any failure.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runDurability } from './durability/run.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '500' },
    seed: { type: 'string' },
    durability: { type: 'string', default: 'normal' },
    'max-requests': { type: 'string', default: '60' },
    'kill-jitter-ms': { type: 'string', default: '30' },
    cold: { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
});

const durability = values.durability;
if (durability !== 'normal' && durability !== 'full') throw new Error('--durability must be normal or full');
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const cycles = Number(values.cycles);
console.log(`durability run: ${cycles} cycles, seed ${seed}, durability ${durability}${values.cold ? ', cold starts' : ''}`);

const result = await runDurability({
  cycles,
  seed,
  durability,
  maxRequestsPerCycle: Number(values['max-requests']),
  killJitterMs: Number(values['kill-jitter-ms']),
  startUpKillShare: 0.1,
  sigtermShare: 0.03,
  cold: values.cold,
  progress: (line) => console.log(line),
});

const f = result.figures;
const rows: [string, string | number][] = [
  ['seed', seed],
  ['durability', durability],
  ['cycles', f.cycles],
  ['SIGKILLs (of which during start-up)', `${f.sigkills} (${f.killedDuringStartUp})`],
  ['SIGTERMs', f.sigterms],
  ['SQS standard messages acknowledged (sent, no answer)', `${f.standardAcked} (${f.standardUnacked})`],
  ['SQS standard deletes acknowledged', f.deletesAcked],
  ['SQS FIFO messages acknowledged (re-sends after a kill)', `${f.fifoAcked} (${f.fifoRetries})`],
  ['SNS publishes acknowledged, delivered to SQS', f.snsAcked],
  ['Kinesis records acknowledged (put, no answer)', `${f.kinesisAcked} (${f.kinesisUnacked})`],
  ['Kinesis records read with iterators kept across restarts', f.readerRecords],
  ['duration', `${(f.durationMs / 1000).toFixed(1)} s`],
  ['failures', result.failures.length],
];
for (const [name, value] of rows) console.log(`${name.padEnd(58)} ${value}`);
if (result.failures.length > 0) {
  console.log(`\nFAILED (seed ${seed}; data directory kept at ${result.dataDir}):`);
  for (const failure of result.failures) console.log(`  ${failure}`);
  process.exitCode = 1;
} else if (!values['keep-data']) {
  rmSync(result.dataDir, { recursive: true, force: true });
}
