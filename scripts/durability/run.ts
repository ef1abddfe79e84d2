import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientsFor, type Clients } from './clients.js';
import { figuresOf, Ledger, type Figures } from './ledger.js';
import { Random } from './random.js';
import { verify } from './verify.js';
import { describe, WharfProcess, type WharfLaunch } from './wharf-process.js';
import { runWorkload, setUp } from './workload.js';

export interface RunOptions {
  cycles: number;
  seed: number;
  durability: 'normal' | 'full';
  /**
   * When to kill: after a random number (0..this) of successful requests, then a random 0..killJitterMs.
   * Counting requests rather than milliseconds gives every cycle work to lose, however slow the machine.
   */
  maxRequestsPerCycle: number;
  killJitterMs: number;
  /** Share of cycles killed while wharf is still starting (opening, recovering the WAL, migrating). */
  startUpKillShare: number;
  /** Share of cycles stopped with SIGTERM instead (a clean close between the kills). */
  sigtermShare: number;
  /** Spawn `node bin/wharf.js` every cycle instead of starting a process loaded in advance. */
  cold: boolean;
  /** Stop starting new cycles after this long (a bound for CI on a slow machine), then verify. */
  timeBudgetMs?: number;
  /** Cycles run whatever the time budget says. */
  minimumCycles?: number;
  dataDir?: string;
  progress?: (line: string) => void;
}

export interface RunResult {
  seed: number;
  dataDir: string;
  figures: Figures;
  failures: string[];
}

const MAX_FAILURES_KEPT = 100;

/**
 * The kill -9 durability run: producers send to SQS (standard and FIFO), SNS and Kinesis
 * through the AWS SDK while wharf is killed with SIGKILL at random moments and restarted on the
 * same data directory; then one last wharf checks that everything acknowledged is there.
 */
export async function runDurability(options: RunOptions): Promise<RunResult> {
  const random = new Random(options.seed);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'wharf-durability-'));
  const launch: WharfLaunch = { port: await freePort(), dataDir, durability: options.durability };
  const ledger = new Ledger();
  const failures: string[] = [];
  let failureCount = 0;
  const fail = (message: string) => {
    failureCount++;
    if (failures.length < MAX_FAILURES_KEPT) failures.push(message);
  };
  const counts = { cycles: 0, sigkills: 0, killedDuringStartUp: 0, sigterms: 0 };
  const started = performance.now();
  let spare: WharfProcess | undefined;
  let server = WharfProcess.cold(launch);
  let clients: Clients | undefined;
  try {
    await server.waitHealthy(launch.port);
    // One set of clients for the whole run, as an application keeps its own across a server's
    // restarts: connections to a killed server fail, and the next request opens new ones.
    clients = clientsFor(launch.port);
    await setUp(clients, ledger);
    await server.kill();

    for (; counts.cycles < options.cycles; counts.cycles++) {
      const overBudget = options.timeBudgetMs !== undefined && performance.now() - started > options.timeBudgetMs;
      if (overBudget && counts.cycles >= (options.minimumCycles ?? 0)) break;
      if (spare) {
        server = spare;
        server.go();
      } else {
        server = WharfProcess.cold(launch);
      }
      spare = undefined;
      if (random.chance(options.startUpKillShare)) {
        await sleep(random.int(0, 60));
        const exit = await server.kill();
        if (exit.signal !== 'SIGKILL' && exit.code !== null) return finish(`wharf exited (${describe(exit)}) while starting:\n${server.outputTail}`);
        counts.killedDuringStartUp++;
        counts.sigkills++;
        if (!options.cold) spare = WharfProcess.warm(launch);
        continue;
      }
      await server.waitHealthy(launch.port);
      // Loaded while this one serves: the next restart costs only wharf's own start-up.
      if (!options.cold) spare = WharfProcess.warm(launch);
      let stopping = false;
      const progress = requestCounter(random.int(0, options.maxRequestsPerCycle));
      const work = runWorkload({ clients, ledger, stopping: () => stopping, answered: progress.answered, fail }, random.fork());
      // Also ends if every producer stopped early (each recorded why) or wharf died.
      const watchdog = new AbortController();
      const stalled = sleep(60_000, undefined, { signal: watchdog.signal }).then(
        () => fail(`cycle ${counts.cycles}: fewer than the drawn number of requests were answered within 60 s`),
        () => {},
      );
      await Promise.race([progress.reached, work, server.exited, stalled]);
      watchdog.abort();
      await sleep(random.int(0, options.killJitterMs));
      if (server.hasExited) return finish(`wharf died on its own in cycle ${counts.cycles} (${describe(await server.exited)}):\n${server.outputTail}`);
      stopping = true;
      if (random.chance(options.sigtermShare)) {
        const exit = await server.stop();
        if (exit.code !== 0) fail(`wharf did not stop cleanly on SIGTERM in cycle ${counts.cycles} (${describe(exit)}):\n${server.outputTail}`);
        counts.sigterms++;
      } else {
        await server.kill();
        counts.sigkills++;
      }
      await work;
      if (counts.cycles % 50 === 49)
        options.progress?.(
          `after ${counts.cycles + 1} cycles: ${JSON.stringify(figuresOf(ledger, { ...counts, cycles: counts.cycles + 1, durationMs: Math.round(performance.now() - started) }))}`,
        );
    }
    await spare?.kill();
    spare = undefined;

    server = WharfProcess.cold(launch);
    await server.waitHealthy(launch.port);
    await verify(clients, ledger, fail);
    const exit = await server.stop();
    if (exit.code !== 0) fail(`the last wharf did not stop cleanly (${describe(exit)}):\n${server.outputTail}`);
    checkIntegrity(dataDir, fail);
    return finish();
  } finally {
    clients?.destroy();
    await spare?.kill();
    await server.kill();
  }

  function finish(fatal?: string): RunResult {
    if (fatal) fail(fatal);
    if (failureCount > failures.length) failures.push(`… and ${failureCount - failures.length} more failures`);
    return { seed: options.seed, dataDir, figures: figuresOf(ledger, { ...counts, durationMs: Math.round(performance.now() - started) }), failures };
  }
}

/** Resolves `reached` once `target` requests were answered. */
function requestCounter(target: number): { answered: () => void; reached: Promise<void> } {
  let count = 0;
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  if (target === 0) resolve();
  return {
    answered: () => {
      if (++count === target) resolve();
    },
    reached,
  };
}

/** SQLite's own check of the file the kills and recoveries left. */
function checkIntegrity(dataDir: string, fail: (message: string) => void): void {
  const db = new Database(path.join(dataDir, 'wharf.db'), { readonly: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') fail(`PRAGMA integrity_check: ${String(result)}`);
  } finally {
    db.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
