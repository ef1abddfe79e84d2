import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** The `wharf` command exactly as `npm start` and the Docker image run it (bin/wharf.js → dist/). */
export const WHARF_BIN = join(import.meta.dirname, '../../bin/wharf.js');

/**
 * What a CLI test file started and made: each test's child processes are SIGKILLed and its
 * temporary directories removed after it, whatever it asserted.
 */
export function cleanedUpAfterEach(): { track(child: ChildProcess): ChildProcess; tempDir(prefix: string): string } {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    track(child) {
      children.push(child);
      return child;
    },
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
