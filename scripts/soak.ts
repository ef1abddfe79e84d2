// The soak: hours, not minutes (not part of npm test; a 60 s version runs in npm run test:slow).
//
//   npm run soak                         30 minutes
//   npm run soak -- --minutes 120 --out soak-results
//
// A steady mixed load through the real SDKs on SQS (standard and FIFO: sends, receives, deletes,
// visibility changes), SNS (fan-out to a queue) and Kinesis (puts and reads), with long polls
// waiting, against a wharf with a data directory in its own process. Every few seconds it samples
// wharf's RSS, heap, open handles, event-loop delay and database size. It fails (exit 1) if one of
// them grows without bound (the fitted slope over the second half of the run is over its bound),
// if the event-loop delay p99 is over its bound, or if anything acknowledged was not seen again.
// Writes <out>/soak.json (every sample) and <out>/soak.svg (RSS and database size over time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { plotSvg } from './soak/plot.js';
import { DEFAULT_BOUNDS, runSoak } from './soak/run.js';
import { percentile } from './soak/samples.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    'sample-seconds': { type: 'string', default: '5' },
    out: { type: 'string', default: 'soak-results' },
    'max-loop-p99-ms': { type: 'string', default: String(DEFAULT_BOUNDS.maxLoopP99Ms) },
  },
});
const minutes = Number(values.minutes);
const out = values.out;
mkdirSync(out, { recursive: true });
const started = new Date();
console.log(`soak: ${minutes} min, sampling every ${values['sample-seconds']} s, started ${started.toISOString()}`);

const result = await runSoak({
  durationMs: minutes * 60_000,
  sampleEveryMs: Number(values['sample-seconds']) * 1000,
  maxSlopePerMinute: DEFAULT_BOUNDS.maxSlopePerMinute,
  maxLoopP99Ms: Number(values['max-loop-p99-ms']),
  log: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
});

const s = result.samples;
const first = s[0]!;
const last = s[s.length - 1]!;
const range = (pick: (x: (typeof s)[number]) => number) => `${Math.min(...s.map(pick)).toFixed(1)}–${Math.max(...s.map(pick)).toFixed(1)}`;
const summary = {
  started: started.toISOString(),
  minutes,
  samples: s.length,
  requests: result.load.requests,
  errors: result.load.errors,
  firstErrors: result.load.firstErrors,
  acknowledged: result.load.acknowledged,
  lost: result.load.lost,
  rssMiB: { first: first.rssMiB, last: last.rssMiB, range: range((x) => x.rssMiB), slopePerMin: result.slopes.rssMiB },
  heapMiB: { first: first.heapMiB, last: last.heapMiB, range: range((x) => x.heapMiB), slopePerMin: result.slopes.heapMiB },
  handles: { first: first.handles, last: last.handles, range: range((x) => x.handles), slopePerMin: result.slopes.handles },
  dbMiB: { first: first.dbMiB, last: last.dbMiB, range: range((x) => x.dbMiB), slopePerMin: result.slopes.dbMiB },
  loopDelayMs: {
    wholeRunP99: result.loopP99Ms,
    worstSampleP99: Math.max(...s.map((x) => x.loopP99Ms)),
    medianSampleP99: percentile(
      s.map((x) => x.loopP99Ms),
      50,
    ),
    max: Math.max(...s.map((x) => x.loopMaxMs)),
  },
  failures: result.failures,
};
writeFileSync(join(out, 'soak.json'), `${JSON.stringify({ summary, samples: s }, null, 2)}\n`);
writeFileSync(join(out, 'soak.svg'), plotSvg(s, `wharf soak, ${minutes} min: RSS (blue) and database + WAL (red)`));
console.log(JSON.stringify(summary, null, 2));
console.log(result.failures.length === 0 ? 'soak: PASS' : `soak: FAIL\n  ${result.failures.join('\n  ')}`);
process.exitCode = result.failures.length === 0 ? 0 : 1;
