// Bench configuration: every knob is a --flag and an environment variable
// (flags win), so the defaults stay small for a quick run (< ~4 minutes on
// two cores) and a longer, steadier run is one variable away.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TARGET_NAMES = ['wharf', 'fauxqs', 'moto', 'fastify'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface BenchConfig {
  /** Repository root (the directory that holds bin/ and bench/). */
  readonly rootDir: string;
  readonly targets: TargetName[];
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly sendConcurrencies: number[];
  readonly batchConcurrency: number;
  readonly drainMessages: number;
  readonly drainConsumers: number;
  readonly longPollIterations: number;
  readonly fifoMessages: number;
  /** Message groups of the FIFO scenario; one producer per group. */
  readonly fifoGroups: number;
  readonly fifoConsumers: number;
  readonly redriveMessages: number;
  readonly redriveConsumers: number;
  /** How long the consumer is given to park in ReceiveMessage before the producer sends. */
  readonly longPollParkMs: number;
  readonly bodyBytes: number;
  /** Hard cap for the drain and long-poll scenarios (throughput ones derive theirs from the duration). */
  readonly scenarioLimitMs: number;
  /** Hard caps for the FIFO and redrive scenarios: moto always reaches them, so they set the run's length. */
  readonly fifoLimitMs: number;
  readonly redriveLimitMs: number;
  readonly startupLimitMs: number;
  /** Safety net for the whole run; children are killed and the process exits when it fires. */
  readonly globalLimitMs: number;
  readonly outFile: string;
  /** Shell command replacing the default wharf launch; `{port}` is substituted. */
  readonly wharfCmd: string | undefined;
  /** Shell command replacing the default moto launch; `{port}` is substituted. */
  readonly motoCmd: string | undefined;
  /** The node binary that runs the Node servers (wharf, fauxqs, the ceiling); default: the bench's own. */
  readonly serverNode: string;
  /**
   * A copy of the project whose node_modules hold a better-sqlite3 built for `serverNode`
   * (see bench/README.md, "Peers"); wharf runs from there with --preserve-symlinks. Default: rootDir.
   */
  readonly wharfRoot: string;
}

interface OptionSpec {
  readonly env: string;
  readonly fallback: string;
  readonly help: string;
}

const OPTIONS = {
  targets: { env: 'BENCH_TARGETS', fallback: TARGET_NAMES.join(','), help: 'comma-separated targets to run' },
  duration: { env: 'BENCH_DURATION', fallback: '3', help: 'seconds measured per throughput scenario' },
  warmup: { env: 'BENCH_WARMUP', fallback: '0.5', help: 'seconds of unmeasured warm-up before each throughput scenario' },
  concurrency: { env: 'BENCH_CONCURRENCY', fallback: '1,16,64', help: 'in-flight levels for single SendMessage' },
  'batch-concurrency': { env: 'BENCH_BATCH_CONCURRENCY', fallback: '16', help: 'in-flight SendMessageBatch calls' },
  'drain-messages': { env: 'BENCH_DRAIN_MESSAGES', fallback: '20000', help: 'messages filled then drained' },
  'drain-consumers': { env: 'BENCH_DRAIN_CONSUMERS', fallback: '8', help: 'concurrent Receive+DeleteBatch consumers' },
  'fifo-messages': { env: 'BENCH_FIFO_MESSAGES', fallback: '20000', help: 'messages sent to, then received in order from, a FIFO queue' },
  'fifo-groups': { env: 'BENCH_FIFO_GROUPS', fallback: '10', help: 'FIFO message groups (one producer each)' },
  'fifo-consumers': { env: 'BENCH_FIFO_CONSUMERS', fallback: '10', help: 'concurrent FIFO Receive+DeleteBatch consumers' },
  'redrive-messages': { env: 'BENCH_REDRIVE_MESSAGES', fallback: '20000', help: 'messages moved to a dead-letter queue' },
  'redrive-consumers': { env: 'BENCH_REDRIVE_CONSUMERS', fallback: '8', help: 'concurrent receivers on the redrive source queue' },
  'longpoll-iterations': { env: 'BENCH_LONGPOLL_ITERATIONS', fallback: '200', help: 'long-poll wake samples' },
  'longpoll-park': { env: 'BENCH_LONGPOLL_PARK_MS', fallback: '50', help: 'ms the consumer waits in ReceiveMessage before the send' },
  'body-bytes': { env: 'BENCH_BODY_BYTES', fallback: '256', help: 'message body size in bytes' },
  'scenario-limit': { env: 'BENCH_SCENARIO_LIMIT', fallback: '60', help: 'seconds cap for the drain and long-poll scenarios' },
  'fifo-limit': { env: 'BENCH_FIFO_LIMIT', fallback: '40', help: 'seconds cap for the FIFO scenario' },
  'redrive-limit': { env: 'BENCH_REDRIVE_LIMIT', fallback: '40', help: 'seconds cap for the redrive scenario' },
  'startup-limit': { env: 'BENCH_STARTUP_LIMIT', fallback: '30', help: 'seconds to wait for a target to answer' },
  'global-limit': { env: 'BENCH_GLOBAL_LIMIT', fallback: '900', help: 'seconds cap for the whole run' },
  out: { env: 'BENCH_OUT', fallback: 'bench/results.json', help: 'machine-readable results file' },
} satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;

export function usage(): string {
  const lines = Object.entries(OPTIONS).map(([name, spec]) => `  --${name.padEnd(20)} ${spec.env.padEnd(26)} ${spec.help} (default ${spec.fallback})`);
  return [
    'Usage: node --import tsx bench/sqs.ts [options]',
    '',
    '  flag                   env                        meaning',
    ...lines,
    '',
    '  WHARF_BENCH_CMD   shell command to start wharf instead of `node bin/wharf.js --port {port} --log-level warn`',
    '  MOTO_BENCH_CMD    shell command to start moto instead of `moto_server -p {port}`',
    '  BENCH_SERVER_NODE node binary for wharf, fauxqs and the Fastify ceiling (default: this one)',
    '  BENCH_WHARF_ROOT  project copy with better-sqlite3 built for BENCH_SERVER_NODE (default: this tree)',
  ].join('\n');
}

export function loadConfig(argv: string[]): BenchConfig {
  const parsed = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' as const }])),
    },
    strict: true,
  });
  if (parsed.values.help) {
    console.log(usage());
    process.exit(0);
  }

  const raw = (name: OptionName): string => {
    const fromFlag = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (typeof fromFlag === 'string') return fromFlag;
    return process.env[OPTIONS[name].env] ?? OPTIONS[name].fallback;
  };
  const num = (name: OptionName, min: number): number => {
    const value = Number(raw(name));
    if (!Number.isFinite(value) || value < min) {
      throw new Error(`--${name} / ${OPTIONS[name].env} must be a number >= ${min}, got "${raw(name)}"`);
    }
    return value;
  };
  const intList = (name: OptionName): number[] =>
    raw(name)
      .split(',')
      .map((part) => Number(part.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);

  const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return {
    rootDir,
    targets: parseTargets(raw('targets')),
    warmupMs: num('warmup', 0) * 1000,
    durationMs: num('duration', 0.1) * 1000,
    sendConcurrencies: intList('concurrency'),
    batchConcurrency: Math.floor(num('batch-concurrency', 1)),
    drainMessages: Math.floor(num('drain-messages', 10)),
    drainConsumers: Math.floor(num('drain-consumers', 1)),
    fifoMessages: Math.floor(num('fifo-messages', 10)),
    fifoGroups: Math.floor(num('fifo-groups', 1)),
    fifoConsumers: Math.floor(num('fifo-consumers', 1)),
    redriveMessages: Math.floor(num('redrive-messages', 10)),
    redriveConsumers: Math.floor(num('redrive-consumers', 1)),
    longPollIterations: Math.floor(num('longpoll-iterations', 1)),
    longPollParkMs: num('longpoll-park', 0),
    bodyBytes: Math.floor(num('body-bytes', 1)),
    scenarioLimitMs: num('scenario-limit', 1) * 1000,
    fifoLimitMs: num('fifo-limit', 1) * 1000,
    redriveLimitMs: num('redrive-limit', 1) * 1000,
    startupLimitMs: num('startup-limit', 1) * 1000,
    globalLimitMs: num('global-limit', 10) * 1000,
    outFile: path.resolve(rootDir, raw('out')),
    wharfCmd: nonEmpty(process.env.WHARF_BENCH_CMD),
    motoCmd: nonEmpty(process.env.MOTO_BENCH_CMD),
    serverNode: nonEmpty(process.env.BENCH_SERVER_NODE) ?? process.execPath,
    wharfRoot: nonEmpty(process.env.BENCH_WHARF_ROOT) ?? rootDir,
  };
}

function parseTargets(list: string): TargetName[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(TARGET_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown target "${name}" (known: ${TARGET_NAMES.join(', ')})`);
    }
  }
  return names as TargetName[];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}
