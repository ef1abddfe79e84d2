import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadFigures } from './load.js';
import { secondHalfSlopePerMinute, type Metric, type Sample } from './samples.js';

export interface SoakOptions {
  durationMs: number;
  sampleEveryMs: number;
  /** Bounds: slopes per minute over the second half, and the whole run's event-loop p99. */
  maxSlopePerMinute: Record<Metric, number>;
  maxLoopP99Ms: number;
  log: (line: string) => void;
}

export interface SoakResult {
  samples: Sample[];
  slopes: Record<Metric, number>;
  load: LoadFigures;
  loopP99Ms: number;
  failures: string[];
}

export const DEFAULT_BOUNDS: Pick<SoakOptions, 'maxSlopePerMinute' | 'maxLoopP99Ms'> = {
  maxSlopePerMinute: { rssMiB: 2, heapMiB: 1, handles: 1, dbMiB: 1 },
  maxLoopP99Ms: 250,
};

/** Starts wharf with a fresh data directory in its own process, loads it for the duration while sampling it, then judges. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wharf-soak-'));
  const child = fork(join(import.meta.dirname, 'server-main.ts'), ['--port', '0', '--log-level', 'warn', '--data-dir', dataDir], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: Sample[] = [];
  let nextId = 0;
  const pending = new Map<number, (sample: Sample) => void>();
  const listening = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`wharf exited with ${code} before listening`)));
    child.on('message', (message: { type: string; url?: string; id?: number; sample?: Sample }) => {
      if (message.type === 'listening') resolve(message.url!);
      if (message.type === 'sample') pending.get(message.id!)?.(message.sample!);
    });
  });
  const sample = () =>
    new Promise<Sample>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ type: 'sample', id });
    });
  try {
    const url = await listening;
    options.log(`wharf listening on ${url}, data directory ${dataDir}`);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = await sample();
        samples.push(s);
        if (samples.length % 12 === 1)
          options.log(
            `t=${s.atS.toFixed(0)}s rss=${s.rssMiB.toFixed(1)}MiB heap=${s.heapMiB.toFixed(1)}MiB handles=${s.handles} loopP99=${s.loopP99Ms.toFixed(1)}ms db=${s.dbMiB.toFixed(2)}MiB`,
          );
        await new Promise((resolve) => setTimeout(resolve, options.sampleEveryMs));
      }
    })();
    const load = await runLoad(url, options.durationMs, options.log);
    sampling = false;
    await sampler;
    samples.push(await sample());
    const metrics: Metric[] = ['rssMiB', 'heapMiB', 'handles', 'dbMiB'];
    const slopes = Object.fromEntries(metrics.map((m) => [m, secondHalfSlopePerMinute(samples, m)])) as Record<Metric, number>;
    const loopP99Ms = samples[samples.length - 1]!.wholeRunLoopP99Ms;
    const failures: string[] = [];
    for (const m of metrics) {
      if (slopes[m] > options.maxSlopePerMinute[m])
        failures.push(`${m} grows ${slopes[m].toFixed(3)}/min over the second half (bound ${options.maxSlopePerMinute[m]}/min)`);
    }
    if (loopP99Ms > options.maxLoopP99Ms) failures.push(`event-loop delay p99 ${loopP99Ms.toFixed(1)} ms over ${options.maxLoopP99Ms} ms`);
    for (const [name, lost] of Object.entries(load.lost))
      if (lost > 0) failures.push(`${name}: ${lost} of ${load.acknowledged[name]} acknowledged not seen again`);
    return { samples, slopes, load, loopP99Ms, failures };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
