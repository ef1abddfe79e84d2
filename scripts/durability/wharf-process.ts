import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'wharf.js');
const WARM = path.join(ROOT, 'scripts', 'durability', 'warm-wharf.mjs');

export interface WharfLaunch {
  port: number;
  dataDir: string;
  durability: 'normal' | 'full';
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One `wharf` process on a data directory. `cold` runs `node bin/wharf.js`; `warm` runs the same
 * main() from a process that loaded its modules in advance and starts when told (see warm-wharf.mjs).
 */
export class WharfProcess {
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private output = '';
  private exit: Exit | undefined;

  private constructor(script: string, launch: WharfLaunch) {
    const args = [script, '--port', String(launch.port), '--data-dir', launch.dataDir, '--durability', launch.durability, '--log-level', 'warn'];
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, WHARF_HOST: '127.0.0.1' } });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-8_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  static cold(launch: WharfLaunch): WharfProcess {
    return new WharfProcess(BIN, launch);
  }

  /** Loads now; call go() to start it. */
  static warm(launch: WharfLaunch): WharfProcess {
    return new WharfProcess(WARM, launch);
  }

  go(): void {
    this.child.stdin!.write('go\n');
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  get outputTail(): string {
    return this.output.trim().split('\n').slice(-10).join('\n');
  }

  /** Polls GET /_wharf/health every few ms until it answers 200; fails if the process exits first. */
  async waitHealthy(port: number, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.exit) throw new Error(`wharf exited (${describe(this.exit)}) before it was healthy:\n${this.outputTail}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/_wharf/health`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(4);
    }
    throw new Error(`wharf was not healthy within ${timeoutMs} ms:\n${this.outputTail}`);
  }

  async kill(): Promise<Exit> {
    if (!this.exit) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM: wharf finishes in-flight requests and closes its database. */
  async stop(): Promise<Exit> {
    if (!this.exit) this.child.kill('SIGTERM');
    return this.exited;
  }
}

export function describe(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
