// The three servers under test. Each is started as its own process (so it
// gets its own core instead of sharing the load generator's event loop), run
// alone, and stopped before the next one starts.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { BenchConfig, TargetName } from './config.js';
import { ManagedProcess, freePort, waitForHttp, type LaunchSpec } from './processes.js';

export interface TargetSpec {
  readonly name: TargetName;
  readonly description: string;
  /** False for the fixed-reply Fastify ceiling: it has no queue to drain or wait on. */
  readonly hasRealQueues: boolean;
  /** A launch spec, or a string explaining why the target is skipped. */
  launch(port: number, cfg: BenchConfig): LaunchSpec | string;
  /** Things worth knowing about what is being measured (e.g. a stale build). */
  warnings?(cfg: BenchConfig): string[];
  readonly readyPath: string;
  readonly readyStatus: number | 'any';
}

export interface RunningTarget {
  readonly spec: TargetSpec;
  readonly baseUrl: string;
  readonly process: ManagedProcess;
  readonly commandLine: string;
  readonly warnings: string[];
}

/** Newest modification time (ms) of any file under `dir`, 0 if there is none. */
function newestMtime(dir: string): number {
  let newest = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A user-supplied command string, run by the shell with `{port}` substituted. */
function shellCommand(template: string, port: number, cwd: string): LaunchSpec {
  return { command: template.replaceAll('{port}', String(port)), args: [], shell: true, cwd };
}

export const TARGETS: Record<TargetName, TargetSpec> = {
  wharf: {
    name: 'wharf',
    description: 'wharf (node bin/wharf.js)',
    hasRealQueues: true,
    readyPath: '/_wharf/health',
    readyStatus: 200,
    launch(port, cfg) {
      if (cfg.wharfCmd) return shellCommand(cfg.wharfCmd, port, cfg.rootDir);
      const bin = path.join(cfg.rootDir, 'bin', 'wharf.js');
      if (!existsSync(bin)) return `${bin} does not exist yet (set WHARF_BENCH_CMD to start wharf another way)`;
      // A separate project copy (for another Node's better-sqlite3) is a tree of symlinks to this one.
      const copy = cfg.wharfRoot !== cfg.rootDir;
      return {
        command: cfg.serverNode,
        args: [
          ...(copy ? ['--preserve-symlinks', '--preserve-symlinks-main'] : []),
          path.join(cfg.wharfRoot, 'bin', 'wharf.js'),
          '--port',
          String(port),
          '--log-level',
          'warn',
        ],
        shell: false,
        cwd: cfg.wharfRoot,
      };
    },
    warnings(cfg) {
      if (cfg.wharfCmd) return [];
      // bin/wharf.js runs the compiled dist/, not src/: a forgotten build silently benchmarks old code.
      const src = newestMtime(path.join(cfg.rootDir, 'src'));
      const dist = newestMtime(path.join(cfg.rootDir, 'dist'));
      if (dist === 0) return ['dist/ is missing: bin/wharf.js needs `npm run build`'];
      if (src > dist) {
        const minutes = Math.round((src - dist) / 60_000);
        return [`dist/ is older than src/ (by ~${minutes} min): this run measures the last build; run \`npm run build\` first`];
      }
      return [];
    },
  },
  fauxqs: {
    name: 'fauxqs',
    description: 'fauxqs (npm, in memory, logger off)',
    hasRealQueues: true,
    readyPath: '/health',
    readyStatus: 'any',
    launch(port, cfg) {
      if (!existsSync(path.join(cfg.rootDir, 'node_modules', 'fauxqs'))) return 'fauxqs is not installed (`npm install -D fauxqs`)';
      return {
        command: cfg.serverNode,
        args: [path.join(cfg.rootDir, 'bench', 'peers', 'fauxqs.mjs'), String(port)],
        shell: false,
        cwd: cfg.rootDir,
      };
    },
  },
  moto: {
    name: 'moto',
    description: 'moto_server (Python, Werkzeug threaded)',
    hasRealQueues: true,
    readyPath: '/',
    readyStatus: 'any',
    launch(port, cfg) {
      if (cfg.motoCmd) return shellCommand(cfg.motoCmd, port, cfg.rootDir);
      return { command: 'moto_server', args: ['-H', '127.0.0.1', '-p', String(port)], shell: false, cwd: cfg.rootDir };
    },
  },
  fastify: {
    name: 'fastify',
    description: 'bare Fastify route with a fixed reply (ceiling)',
    hasRealQueues: false,
    readyPath: '/health',
    readyStatus: 200,
    launch(port, cfg) {
      // tsx only compiles the file at start-up; the request path runs as plain JS.
      return {
        command: cfg.serverNode,
        args: ['--import', 'tsx', path.join(cfg.rootDir, 'bench', 'fastify-ceiling.ts'), '--port', String(port), '--body-bytes', String(cfg.bodyBytes)],
        shell: false,
        cwd: cfg.rootDir,
      };
    },
  },
};

/** Start a target and wait until it answers. Returns a skip reason instead of throwing. */
export async function startTarget(spec: TargetSpec, cfg: BenchConfig): Promise<RunningTarget | string> {
  const port = await freePort();
  const launch = spec.launch(port, cfg);
  if (typeof launch === 'string') return launch;

  const commandLine = [launch.command, ...launch.args].join(' ');
  const proc = new ManagedProcess(spec.name, launch);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(proc, baseUrl + spec.readyPath, spec.readyStatus, cfg.startupLimitMs);
  } catch (err) {
    await proc.stop();
    return `could not start \`${commandLine}\`: ${(err as Error).message}`;
  }
  return { spec, baseUrl, process: proc, commandLine, warnings: spec.warnings?.(cfg) ?? [] };
}
