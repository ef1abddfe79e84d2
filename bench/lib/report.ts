// Rendering: a plain-text table for humans (stdout) and results.json for machines.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TARGET_NAMES, type BenchConfig, type TargetName } from './config.js';
import type { MetricSpec, Outcome, Scenario } from './scenarios.js';

/** What happened to one target over the whole run. */
export interface TargetRun {
  readonly name: TargetName;
  status: 'ran' | 'skipped' | 'not selected';
  reason?: string;
  command?: string;
  readonly warnings: string[];
  /** Scenario id -> outcome, or 'n/a' where the scenario does not apply to the target. */
  readonly outcomes: Map<string, Outcome | 'n/a'>;
}

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemGiB: number;
  readonly os: string;
  readonly node: string;
  readonly moto: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    moto: motoVersion(),
  };
}

/** moto_server has no --version flag in moto 5, so fall back to asking Python. */
function motoVersion(): string {
  const attempts: Array<[string, string[]]> = [
    ['moto_server', ['--version']],
    ['python', ['-c', 'import moto; print(moto.__version__)']],
    ['python3', ['-c', 'import moto; print(moto.__version__)']],
  ];
  for (const [command, args] of attempts) {
    try {
      const out = execFileSync(command, args, { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      const version = /\d+\.\d+\.\d+\S*/.exec(out)?.[0];
      if (version) return version;
    } catch {
      /* try the next way */
    }
  }
  return 'unknown';
}

// ---------------------------------------------------------------------------
// Cells and flags.

/**
 * At this load-generator CPU the client, not the server, sets the pace: on a
 * two-core box such a figure is a floor for the server, not its capacity.
 */
const CLIENT_BOUND_PCT = 90;
/** Other processes using more than this (% of one core) during a measurement make it noisy. */
const BUSY_MACHINE_PCT = 25;

function isFlagged(outcome: Outcome): boolean {
  return outcome.status === 'failed' || outcome.errors > 0 || outcome.timedOut || outcome.notes.length > 0;
}

function isClientBound(outcome: Outcome): boolean {
  return (outcome.cpu?.clientPct ?? 0) >= CLIENT_BOUND_PCT;
}

function outcomeOf(run: TargetRun, scenario: Scenario): Outcome | undefined {
  const outcome = run.outcomes.get(scenario.id);
  return outcome === undefined || outcome === 'n/a' ? undefined : outcome;
}

/** ' !' for flagged outcomes, ' ~' for client-bound ones, '' otherwise. */
function marker(...outcomes: Array<Outcome | undefined>): string {
  if (outcomes.some((o) => o && isFlagged(o))) return ' !';
  if (outcomes.some((o) => o && isClientBound(o))) return ' ~';
  return '';
}

function metricValue(run: TargetRun, scenario: Scenario, metric: MetricSpec): number | undefined {
  const outcome = run.outcomes.get(scenario.id);
  if (outcome === undefined || outcome === 'n/a' || outcome.status === 'failed') return undefined;
  const value = outcome.metrics[metric.key];
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

function formatNumber(value: number, metric: MetricSpec): string {
  if (metric.unit === 'ms') return value < 10 ? value.toFixed(2) : value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function cell(run: TargetRun, scenario: Scenario, metric: MetricSpec): string {
  if (run.status !== 'ran') return run.status === 'skipped' ? 'skipped' : '-';
  const outcome = run.outcomes.get(scenario.id);
  if (outcome === undefined) return '-';
  if (outcome === 'n/a') return 'n/a';
  if (outcome.status === 'failed') return 'FAILED !';
  const value = metricValue(run, scenario, metric);
  const text = value === undefined ? 'no data' : formatNumber(value, metric);
  return text + marker(outcome);
}

/** a/b, carrying the markers of both sides: a ratio is only as good as its inputs. */
function ratio(a: TargetRun, b: TargetRun, scenario: Scenario, metric: MetricSpec): string {
  const x = metricValue(a, scenario, metric);
  const y = metricValue(b, scenario, metric);
  if (x === undefined || y === undefined || y === 0) return '-';
  return `${(x / y).toFixed(2)}x${marker(outcomeOf(a, scenario), outcomeOf(b, scenario))}`;
}

// ---------------------------------------------------------------------------
// Text output.

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderReport(cfg: BenchConfig, machine: MachineInfo, scenarios: Scenario[], runs: Record<TargetName, TargetRun>): string {
  const { wharf, moto, fastify } = runs;
  const mainRows: string[][] = [];
  for (const scenario of scenarios) {
    for (const metric of scenario.metrics) {
      mainRows.push([
        metric.label,
        cell(wharf, scenario, metric),
        cell(moto, scenario, metric),
        cell(fastify, scenario, metric),
        ratio(wharf, moto, scenario, metric),
        ratio(wharf, fastify, scenario, metric),
      ]);
    }
  }

  const out: string[] = [];
  out.push(
    `Machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.totalMemGiB} GiB, ${machine.os}; ` +
      `node ${machine.node}; moto ${machine.moto}`,
  );
  out.push(
    `Settings: ${cfg.durationMs / 1000} s per throughput scenario after ${cfg.warmupMs / 1000} s warm-up; ` +
      `${cfg.bodyBytes}-byte bodies; ${cfg.longPollIterations} long-poll samples.`,
  );
  out.push('Throughput rows: messages/second, higher is better. Latency rows: ms, lower is better.');
  out.push(`"!" = errors, time limit or anomaly (see notes). "~" = bench client at >= ${CLIENT_BOUND_PCT}% CPU (client-bound).`);
  out.push('');
  out.push(renderTable(['Scenario', 'wharf', 'moto', 'fastify', 'wharf/moto', 'wharf/fastify'], mainRows));
  out.push('');
  out.push('CPU during the measured phase, % of one core: server process group / bench client / everything else');
  const measured = scenarios.filter((s) => TARGET_NAMES.some((n) => outcomeOf(runs[n], s)?.cpu));
  out.push(renderTable(['Scenario', 'wharf', 'moto', 'fastify'], measured.map((s) => [s.title, ...TARGET_NAMES.map((n) => cpuCell(runs[n], s))])));

  const notes = collectNotes(scenarios, runs);
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((n) => `  ${n}`));
  return out.join('\n');
}

function cpuCell(run: TargetRun, scenario: Scenario): string {
  const outcome = run.outcomes.get(scenario.id);
  if (outcome === undefined || outcome === 'n/a' || !outcome.cpu) return '-';
  const pct = (value: number | null): string => (value === null ? '?' : `${value}%`);
  return `${pct(outcome.cpu.serverPct)} / ${pct(outcome.cpu.clientPct)} / ${pct(outcome.cpu.otherPct)}`;
}

/** One warning naming the measurements during which something else loaded the machine. */
function busyMachineNote(scenarios: Scenario[], runs: Record<TargetName, TargetRun>): string | undefined {
  const busy: string[] = [];
  for (const name of TARGET_NAMES) {
    for (const scenario of scenarios) {
      const other = outcomeOf(runs[name], scenario)?.cpu?.otherPct ?? 0;
      if (other > BUSY_MACHINE_PCT) busy.push(`${name}/${scenario.id} ${other}%`);
    }
  }
  if (busy.length === 0) return undefined;
  return (
    `WARNING: other processes used CPU during ${busy.length} measurement(s) (${busy.join(', ')} of a core); ` +
    'those figures are noisy, rerun on an idle machine'
  );
}

function collectNotes(scenarios: Scenario[], runs: Record<TargetName, TargetRun>): string[] {
  const notes: string[] = [];
  const busy = busyMachineNote(scenarios, runs);
  if (busy) notes.push(busy);
  for (const name of TARGET_NAMES) {
    const run = runs[name];
    if (run.status === 'skipped') notes.push(`${name}: skipped: ${firstLines(run.reason ?? '', 6)}`);
    for (const warning of run.warnings) notes.push(`WARNING ${name}: ${warning}`);
    for (const scenario of scenarios) {
      const outcome = run.outcomes.get(scenario.id);
      if (outcome === undefined || outcome === 'n/a' || !isFlagged(outcome)) continue;
      const parts: string[] = [];
      if (outcome.failure) parts.push(`failed: ${outcome.failure}`);
      if (outcome.errors > 0) parts.push(`${outcome.errors} errors in ${outcome.requests} requests [${outcome.errorSamples.join('; ')}]`);
      parts.push(...outcome.notes);
      notes.push(`! ${name} / ${scenario.id}: ${parts.join('; ')}`);
    }
  }
  return notes;
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n      ');
}

// ---------------------------------------------------------------------------
// JSON output.

export function writeResults(
  cfg: BenchConfig,
  machine: MachineInfo,
  scenarios: Scenario[],
  runs: Record<TargetName, TargetRun>,
  startedAt: Date,
): void {
  const { rootDir: _rootDir, ...settings } = cfg;
  const table = scenarios.flatMap((scenario) =>
    scenario.metrics.map((metric) => ({
      scenario: scenario.id,
      metric: metric.key,
      label: metric.label,
      unit: metric.unit,
      better: metric.better,
      wharf: metricValue(runs.wharf, scenario, metric) ?? null,
      moto: metricValue(runs.moto, scenario, metric) ?? null,
      fastify: metricValue(runs.fastify, scenario, metric) ?? null,
      flagged: TARGET_NAMES.filter((n) => {
        const o = outcomeOf(runs[n], scenario);
        return o !== undefined && isFlagged(o);
      }),
      clientBound: TARGET_NAMES.filter((n) => {
        const o = outcomeOf(runs[n], scenario);
        return o !== undefined && isClientBound(o);
      }),
    })),
  );
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    settings: { ...settings, outFile: path.relative(cfg.rootDir, cfg.outFile) },
    targets: Object.fromEntries(
      TARGET_NAMES.map((n) => [
        n,
        { status: runs[n].status, reason: runs[n].reason ?? null, command: runs[n].command ?? null, warnings: runs[n].warnings },
      ]),
    ),
    table,
    scenarios: scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      results: Object.fromEntries(TARGET_NAMES.map((n) => [n, runs[n].outcomes.get(s.id) ?? null])),
    })),
  };
  mkdirSync(path.dirname(cfg.outFile), { recursive: true });
  writeFileSync(cfg.outFile, JSON.stringify(results, null, 2) + '\n');
}
