// SQS (JSON 1.0 protocol) benchmark: wharf vs moto_server vs a bare Fastify
// route. Each server runs alone in its own process while this process
// generates the load; see bench/README.md.
//
//   npm run bench                      # defaults, about 3-4 minutes
//   BENCH_DURATION=10 npm run bench    # steadier numbers
//   npm run bench -- --help
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, TARGET_NAMES, type BenchConfig, type TargetName } from './lib/config.js';
import { fifoScenario, redriveScenario } from './lib/fifo-redrive.js';
import { groupCpuSeconds, installCleanupHandlers } from './lib/processes.js';
import { machineInfo, renderReport, writeResults, type TargetRun } from './lib/report.js';
import { drainScenario, failedOutcome, longPollScenario, runScenario, throughputScenario, type Outcome, type Scenario } from './lib/scenarios.js';
import { TARGETS, startTarget, type RunningTarget } from './lib/targets.js';

/** Pause between scenarios so a server's leftover work (GC, closing sockets) is not billed to the next one. */
const SETTLE_MS = 300;
/**
 * After a scenario cut by its time limit the server may still be working off the aborted
 * requests (moto completes each one, a second or more apiece on a deep queue): wait, up to
 * this long, until it uses less than IDLE_CPU_PCT of a core over an IDLE_SAMPLE_MS window.
 */
const IDLE_WAIT_LIMIT_MS = 30_000;
const IDLE_SAMPLE_MS = 500;
const IDLE_CPU_PCT = 10;

/** The rows of the report, in this order: throughput rows first, latency rows last. */
function buildScenarios(cfg: BenchConfig): Scenario[] {
  return [
    ...cfg.sendConcurrencies.map((c) => throughputScenario('SendMessage', c)),
    throughputScenario('SendMessageBatch', cfg.batchConcurrency),
    drainScenario(cfg.drainMessages, cfg.drainConsumers),
    fifoScenario(cfg),
    redriveScenario(cfg),
    longPollScenario(),
  ];
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

async function benchTarget(name: TargetName, cfg: BenchConfig, scenarios: Scenario[]): Promise<TargetRun> {
  const run: TargetRun = { name, status: 'not selected', warnings: [], outcomes: new Map() };
  if (!cfg.targets.includes(name)) return run;

  const spec = TARGETS[name];
  log(`starting ${name}: ${spec.description}`);
  const started = await startTarget(spec, cfg);
  if (typeof started === 'string') {
    log(`skipping ${name}: ${started}`);
    return { ...run, status: 'skipped', reason: started };
  }
  run.status = 'ran';
  run.command = started.commandLine;
  run.warnings.push(...started.warnings);
  log(`${name} is up at ${started.baseUrl} (pid ${started.process.pid}: ${started.commandLine})`);
  for (const warning of started.warnings) log(`WARNING (${name}): ${warning}`);

  try {
    for (const scenario of scenarios) {
      if (scenario.needsRealQueues && !spec.hasRealQueues) {
        run.outcomes.set(scenario.id, 'n/a');
        continue;
      }
      if (started.process.exitDescription !== undefined) {
        const tail = started.process.outputTail(3).replaceAll('\n', ' | ');
        run.outcomes.set(scenario.id, failedOutcome(`server ${started.process.exitDescription}: ${tail}`));
        continue;
      }
      log(`  ${name}: ${scenario.title}`);
      const outcome = await runScenario(scenario, started, cfg);
      run.outcomes.set(scenario.id, outcome);
      log(`  ${name}: ${summarize(scenario, outcome)}`);
      if (outcome.timedOut || outcome.status === 'failed') await waitUntilIdle(name, started);
      await sleep(SETTLE_MS);
    }
  } finally {
    await started.process.stop();
    log(`${name} stopped`);
  }
  return run;
}

async function waitUntilIdle(name: TargetName, target: RunningTarget): Promise<void> {
  const start = Date.now();
  let before = groupCpuSeconds(target.process.pid);
  while (before !== undefined && Date.now() - start < IDLE_WAIT_LIMIT_MS && target.process.exitDescription === undefined) {
    await sleep(IDLE_SAMPLE_MS);
    const after = groupCpuSeconds(target.process.pid);
    if (after === undefined || (100 * (after - before) * 1000) / IDLE_SAMPLE_MS < IDLE_CPU_PCT) break;
    before = after;
  }
  const waited = Date.now() - start;
  if (waited > IDLE_SAMPLE_MS) log(`  ${name}: waited ${(waited / 1000).toFixed(1)} s for the server to go idle after the cut`);
}

function summarize(scenario: Scenario, outcome: Outcome): string {
  if (outcome.status === 'failed') return `FAILED: ${outcome.failure}`;
  const metrics = scenario.metrics.map((m) => `${m.key}=${outcome.metrics[m.key]}`).join(' ');
  const errors = outcome.errors > 0 ? ` errors=${outcome.errors}` : '';
  const limit = outcome.timedOut ? ' (time limit)' : '';
  return `${metrics} requests=${outcome.requests}${errors}${limit}`;
}

async function main(): Promise<void> {
  const cfg = loadConfig(process.argv.slice(2));
  installCleanupHandlers();
  // Safety net: whatever goes wrong, the run ends and the 'exit' handler kills the servers.
  setTimeout(() => {
    console.error(`[bench] global limit of ${cfg.globalLimitMs / 1000} s reached; giving up`);
    process.exit(2);
  }, cfg.globalLimitMs).unref();

  const startedAt = new Date();
  const machine = machineInfo(cfg);
  log(`${machine.cpus} CPUs, node ${machine.node}, moto ${machine.moto}; targets: ${cfg.targets.join(', ')}`);

  const scenarios = buildScenarios(cfg);
  const runs = {} as Record<TargetName, TargetRun>;
  // One target at a time: on a small machine an idle-but-running server still costs memory and noise.
  for (const name of TARGET_NAMES) runs[name] = await benchTarget(name, cfg, scenarios);

  console.log(renderReport(cfg, machine, scenarios, runs));
  writeResults(cfg, machine, scenarios, runs, startedAt);
  log(`results written to ${cfg.outFile} (total ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('[bench] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
