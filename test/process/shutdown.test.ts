import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, WHARF_BIN } from '../support/cli-processes.js';

const { track } = cleanedUpAfterEach();
/** wharf promises one second; the rest is slack for a loaded CI machine starting processes. */
const EXIT_WITHIN_MS = 1_000 + 1_000;

interface Running {
  child: ChildProcess;
  url: URL;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

/** Starts `wharf` (bin/wharf.js, as npm start runs it) on a free port, its output on pipes. */
function startWharf(args: string[] = []): Promise<Running> {
  const child = track(spawn(process.execPath, [WHARF_BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() })),
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`wharf exited with ${code} before starting`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { url?: string };
      if (typeof entry.url === 'string') {
        lines.close();
        resolve({ child, url: new URL(entry.url), exited });
      }
    });
  });
}

/** A client that sends half a request and then nothing: an in-flight request that never finishes. */
async function stalledRequest(url: URL): Promise<() => void> {
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=List');
  // Let wharf read the headers, so the request is in flight.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return () => socket.destroy();
}

describe('shutdown of the wharf command (real processes)', () => {
  it('exits on SIGTERM after its log reader went away (wharf | head -5): EPIPE on stdout and stderr is not fatal and does not hold it', async () => {
    const wharf = await startWharf(['--log-level', 'debug']);
    // The reader goes away, like `head -5` after its fifth line.
    wharf.child.stdout!.destroy();
    wharf.child.stderr!.destroy();
    // At debug level every request is logged: these writes meet EPIPE.
    for (let i = 0; i < 3; i++) expect((await fetch(new URL('/_wharf/health', wharf.url))).status).toBe(200);
    const sentMs = performance.now();
    wharf.child.kill('SIGTERM');
    const exit = await wharf.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - sentMs).toBeLessThan(EXIT_WITHIN_MS);
  }, 20_000);

  it('exits within a second of SIGTERM even while a client holds a request open', async () => {
    const wharf = await startWharf();
    const release = await stalledRequest(wharf.url);
    const sentMs = performance.now();
    wharf.child.kill('SIGTERM');
    const exit = await wharf.exited;
    release();
    // 1: it did not finish cleanly (the request was cut), but it closed the database and exited.
    expect(exit.code).toBe(1);
    expect(exit.atMs - sentMs).toBeLessThan(EXIT_WITHIN_MS);
  }, 20_000);

  it('exits at once on a second SIGINT or SIGTERM (128 + the signal number)', async () => {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const wharf = await startWharf();
      const release = await stalledRequest(wharf.url);
      wharf.child.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 50));
      wharf.child.kill(signal);
      const exit = await wharf.exited;
      release();
      // Not the 1 of the one-second deadline: the second signal ended it.
      expect(exit.code).toBe(code);
    }
  }, 30_000);
});
