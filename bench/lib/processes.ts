// Child-process management. Every server runs in its own process group so a
// single kill(-pgid) also reaches grandchildren (a `sh -c` wrapper, pyenv's
// shim, a server's workers), and every started group is killed on any exit
// path: normal end, error, SIGINT/SIGTERM, or the global watchdog.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

const OUTPUT_TAIL_BYTES = 16 * 1024;
const live = new Set<ChildProcess>();

export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** Run `command` through /bin/sh (used for user-supplied command strings). */
  readonly shell: boolean;
  readonly cwd: string;
}

export class ManagedProcess {
  readonly child: ChildProcess;
  /** Resolves with a description of how the process ended. */
  readonly exited: Promise<string>;
  private tail = '';
  private exitInfo: string | undefined;

  constructor(
    readonly name: string,
    readonly launch: LaunchSpec,
  ) {
    this.child = spawn(launch.command, [...launch.args], {
      cwd: launch.cwd,
      shell: launch.shell,
      detached: true, // own process group, see killGroup()
      // stdin stays a pipe: our own helper servers exit when it closes, i.e. when the bench dies.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    });
    live.add(this.child);
    // Always drain the pipes: a child blocked on a full stdout pipe would look like a slow server.
    this.child.stdout?.on('data', (chunk: Buffer) => this.record(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.record(chunk));
    this.child.stdin?.on('error', () => {}); // EPIPE when the child does not read stdin
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.exitInfo = `failed to start: ${err.message}`;
        live.delete(this.child);
        resolve(this.exitInfo);
      });
      this.child.on('exit', (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
        live.delete(this.child);
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** undefined while running. */
  get exitDescription(): string | undefined {
    return this.exitInfo;
  }

  /** Last few KB of combined stdout/stderr, for error messages. */
  outputTail(maxLines = 15): string {
    return this.tail.split('\n').filter(Boolean).slice(-maxLines).join('\n');
  }

  /** SIGTERM, then SIGKILL if the group has not gone within `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    killGroup(this.child, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
    if ((await Promise.race([this.exited, timer])) === 'timeout') {
      killGroup(this.child, 'SIGKILL');
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    }
    // The leader may be gone while grandchildren linger; make sure the group is empty.
    killGroup(this.child, 'SIGKILL');
    live.delete(this.child);
  }

  private record(chunk: Buffer): void {
    this.tail = (this.tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_BYTES);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone. Fall back to the leader alone just in case.
    try {
      child.kill(signal);
    } catch {
      /* already dead */
    }
  }
}

/** Install once: kill every started process group whatever way the bench ends. */
export function installCleanupHandlers(): void {
  // 'exit' handlers must be synchronous: SIGKILL is the only thing that certainly works there.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n[bench] ${signal}: stopping child processes`);
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  process.on('uncaughtException', (err) => {
    console.error('[bench] uncaught exception:', err);
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    console.error('[bench] unhandled rejection:', err);
    process.exit(1);
  });
}

async function stopAll(): Promise<void> {
  for (const child of live) killGroup(child, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const child of live) killGroup(child, 'SIGKILL');
}

/** Ask the kernel for a free port. Racy in theory; fine for a bench on one machine. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not get a free port'));
      });
    });
  });
}

/**
 * Poll `url` until it answers (with `status`, or any status when 'any') or the
 * process dies or `limitMs` passes. Throws with the process' output on failure.
 */
export async function waitForHttp(proc: ManagedProcess, url: string, status: number | 'any', limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.exitDescription !== undefined) {
      throw new Error(`${proc.name} ${proc.exitDescription} before answering ${url}\n${proc.outputTail()}`);
    }
    const answer = await probe(url);
    if (typeof answer === 'number' && (status === 'any' || answer === status)) return;
    last = typeof answer === 'number' ? `HTTP ${answer}` : answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${proc.name} did not answer ${url} within ${limitMs} ms (last: ${last})\n${proc.outputTail()}`);
}

function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve(err.message));
  });
}

// ---------------------------------------------------------------------------
// CPU accounting: sum utime+stime over the child's whole process group (Linux
// /proc only). It tells whether a figure is server-bound or client-bound.

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2000 }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds used so far by every live process in group `pgid`, or undefined without /proc. */
export function groupCpuSeconds(pgid: number | undefined): number | undefined {
  if (pgid === undefined || process.platform !== 'linux') return undefined;
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we were scanning
    }
    // The command name may contain spaces and parentheses; fields are stable after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
    ticks += Number(fields[11]) + Number(fields[12]); // fields 14/15: utime, stime
  }
  return ticks / ticksPerSecond();
}

/** CPU seconds the whole machine has spent busy (all cores), or undefined without /proc. */
export function systemBusySeconds(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // First line: "cpu  user nice system idle iowait irq softirq steal guest guest_nice" in ticks.
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (total - idle) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** The 1-minute load average, or null without /proc: the bench records it with every measurement. */
export function loadAverage(): number | null {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}
