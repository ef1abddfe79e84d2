// Rendering: a plain-text table for humans (stdout) and results.json for machines.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  readonly serverNode: string;
  readonly fauxqs: string;
}

export function machineInfo(cfg?: BenchConfig): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    moto: motoVersion(),
    serverNode: cfg ? serverNodeVersion(cfg.serverNode) : process.version,
    fauxqs: cfg ? packageVersion(cfg.rootDir, 'fauxqs') : 'unknown',
  };
}

function serverNodeVersion(node: string): string {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

export function packageVersion(rootDir: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(rootDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
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

/**
 * A row whose checks failed (errors, messages not counted back, order violations) is not
 * reported: its number would measure something other than the scenario. A row cut short by
 * its time limit ("only N of M were enqueued", "stopped by the time limit") is reported as
 * partial, marked "!".
 */
function checksFailed(outcome: Outcome): boolean {
  if (outcome.status === 'failed' || outcome.errors > 0) return true;
  return outcome.notes.some((n) => !n.startsWith('only ') && !n.startsWith('stopped by'));
}

function cell(run: TargetRun, scenario: Scenario, metric: MetricSpec): string {
  if (run.status !== 'ran') return run.status === 'skipped' ? 'skipped' : '-';
  const outcome = run.outcomes.get(scenario.id);
  if (outcome === undefined) return '-';
  if (outcome === 'n/a') return 'n/a';
  if (outcome.status === 'failed') return 'FAILED !';
  if (checksFailed(outcome)) return 'refused !';
  const value = metricValue(run, scenario, metric);
  const text = value === undefined ? 'no data' : formatNumber(value, metric);
  return text + marker(outcome);
}

/** a/b, carrying the markers of both sides: a ratio is only as good as its inputs. */
function ratio(a: TargetRun, b: TargetRun, scenario: Scenario, metric: MetricSpec): string {
  const x = metricValue(a, scenario, metric);
  const y = metricValue(b, scenario, metric);
  const oa = outcomeOf(a, scenario);
  const ob = outcomeOf(b, scenario);
  if (x === undefined || y === undefined || y === 0 || (oa && checksFailed(oa)) || (ob && checksFailed(ob))) return '-';
  return `${(x / y).toFixed(2)}x${marker(oa, ob)}`;
}

/** Messages the CPU window of a scenario covered (sent, deleted or moved). */
function messagesMeasured(outcome: Outcome): number | undefined {
  const d = outcome.details;
  return d['messages'] ?? d['deleted'] ?? d['moved'];
}

/** Server CPU per message in µs: the figure that holds on a shared machine. */
export function cpuPerMessageUs(outcome: Outcome | undefined): number | undefined {
  if (!outcome || outcome.status === 'failed' || checksFailed(outcome)) return undefined;
  const seconds = outcome.cpu?.serverSeconds;
  const messages = messagesMeasured(outcome);
  if (seconds === null || seconds === undefined || !messages) return undefined;
  return (seconds * 1e6) / messages;
}

// ---------------------------------------------------------------------------
// Text output.

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function renderReport(cfg: BenchConfig, machine: MachineInfo, scenarios: Scenario[], runs: Record<TargetName, TargetRun>): string {
  const shown = TARGET_NAMES.filter((n) => runs[n].status !== 'not selected');
  const others = shown.filter((n) => n !== 'wharf');
  const withWharf = shown.includes('wharf');
  const mainRows: string[][] = [];
  for (const scenario of scenarios) {
    for (const metric of scenario.metrics) {
      mainRows.push([
        metric.label,
        ...shown.map((n) => cell(runs[n], scenario, metric)),
        ...(withWharf ? others.map((n) => ratio(runs.wharf, runs[n], scenario, metric)) : []),
      ]);
    }
  }

  const out: string[] = [];
  out.push(
    `Machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.totalMemGiB} GiB, ${machine.os}; ` +
      `bench node ${machine.node}; server node ${machine.serverNode}; moto ${machine.moto}; fauxqs ${machine.fauxqs}`,
  );
  out.push(
    `Settings: ${cfg.durationMs / 1000} s per throughput scenario after ${cfg.warmupMs / 1000} s warm-up; ` +
      `${cfg.bodyBytes}-byte bodies; ${cfg.longPollIterations} long-poll samples.`,
  );
  out.push('Throughput rows: messages/second, higher is better. Latency rows: ms, lower is better.');
  out.push(
    `"!" = time limit or anomaly (see notes); "refused" = the row's checks failed (errors, messages not counted back), no number reported. "~" = bench client at >= ${CLIENT_BOUND_PCT}% CPU (client-bound).`,
  );
  out.push('');
  const ratioHeads = withWharf ? others.map((n) => `wharf/${n}`) : [];
  out.push(renderTable(['Scenario', ...shown, ...ratioHeads], mainRows));
  out.push('');
  out.push('Server CPU per message (µs, server CPU-seconds from /proc/<pid>/stat ÷ messages; lower is better), and request latency p50/p99 (ms):');
  const measured = scenarios.filter((s) => shown.some((n) => outcomeOf(runs[n], s)?.cpu));
  out.push(
    renderTable(
      ['Scenario', ...shown.map((n) => `${n} µs/msg`), ...(withWharf ? others.map((n) => `wharf/${n} CPU`) : []), ...shown.map((n) => `${n} p50/p99`)],
      measured.map((s) => [
        s.title,
        ...shown.map((n) => fmtUs(cpuPerMessageUs(outcomeOf(runs[n], s)))),
        ...(withWharf ? others.map((n) => cpuRatio(outcomeOf(runs.wharf, s), outcomeOf(runs[n], s))) : []),
        ...shown.map((n) => latencyCell(outcomeOf(runs[n], s))),
      ]),
    ),
  );
  out.push('');
  out.push('CPU during the measured phase, % of one core: server process group / bench client / everything else; load average (1 min) at its end');
  out.push(
    renderTable(
      ['Scenario', ...shown],
      measured.map((s) => [s.title, ...shown.map((n) => cpuCell(runs[n], s))]),
    ),
  );

  const notes = collectNotes(scenarios, runs);
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((n) => `  ${n}`));
  return out.join('\n');
}

function fmtUs(value: number | undefined): string {
  return value === undefined ? '-' : value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

function cpuRatio(a: Outcome | undefined, b: Outcome | undefined): string {
  const x = cpuPerMessageUs(a);
  const y = cpuPerMessageUs(b);
  return x === undefined || y === undefined || y === 0 ? '-' : `${(x / y).toFixed(2)}x`;
}

function latencyCell(outcome: Outcome | undefined): string {
  const p50 = outcome?.details['requestP50Ms'];
  const p99 = outcome?.details['requestP99Ms'];
  return p50 === undefined || p99 === undefined ? '-' : `${p50}/${p99}`;
}

function cpuCell(run: TargetRun, scenario: Scenario): string {
  const outcome = run.outcomes.get(scenario.id);
  if (outcome === undefined || outcome === 'n/a' || !outcome.cpu) return '-';
  const pct = (value: number | null): string => (value === null ? '?' : `${value}%`);
  const load = outcome.cpu.loadAvg === null ? '' : ` (load ${outcome.cpu.loadAvg})`;
  return `${pct(outcome.cpu.serverPct)} / ${pct(outcome.cpu.clientPct)} / ${pct(outcome.cpu.otherPct)}${load}`;
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

export function writeResults(cfg: BenchConfig, machine: MachineInfo, scenarios: Scenario[], runs: Record<TargetName, TargetRun>, startedAt: Date): void {
  const { rootDir: _rootDir, ...settings } = cfg;
  const table = scenarios.flatMap((scenario) =>
    scenario.metrics.map((metric) => ({
      scenario: scenario.id,
      metric: metric.key,
      label: metric.label,
      unit: metric.unit,
      better: metric.better,
      ...Object.fromEntries(TARGET_NAMES.map((n) => [n, metricValue(runs[n], scenario, metric) ?? null])),
      cpuUsPerMessage: Object.fromEntries(TARGET_NAMES.map((n) => [n, cpuPerMessageUs(outcomeOf(runs[n], scenario)) ?? null])),
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
      TARGET_NAMES.map((n) => [n, { status: runs[n].status, reason: runs[n].reason ?? null, command: runs[n].command ?? null, warnings: runs[n].warnings }]),
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
