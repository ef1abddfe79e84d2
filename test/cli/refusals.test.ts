import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, WHARF_BIN as BIN } from '../support/cli-processes.js';

// Each refusal: the real `wharf` command, its exit code and its one message on stderr.
const { tempDir } = cleanedUpAfterEach();

function wharf(args: string[], env: NodeJS.ProcessEnv = {}, options: SpawnSyncOptions = {}): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000, ...options });
  return { status: result.status, stderr: String(result.stderr), stdout: String(result.stdout) };
}

/** As root, file modes do not stop us: run wharf as nobody so a directory's mode applies to it. */
const asUnprivileged: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

// Starting real processes on a loaded machine: a generous limit, not a speed claim.
describe('the wharf command refuses settings that would break it, with exit code 2', { timeout: 40_000 }, () => {
  it('refuses an idle timeout shorter than the 20 s long poll', () => {
    const { status, stderr } = wharf(['--port', '0'], { WHARF_IDLE_TIMEOUT_MS: '5000' });
    expect(status).toBe(2);
    expect(stderr).toContain('--idle-timeout-ms / WHARF_IDLE_TIMEOUT_MS: must be at least 20000: a ReceiveMessage long poll waits up to 20 s');
    expect(stderr).toContain('(got "5000")');
  });

  it('refuses a request timeout shorter than the 20 s long poll', () => {
    const { status, stderr } = wharf(['--port', '0', '--request-timeout-ms', '1000']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--request-timeout-ms \/ WHARF_REQUEST_TIMEOUT_MS: must be at least 20000, .*\(got "1000"\)/);
  });

  it('refuses a WHARF_HOSTNAME that is not a URL', () => {
    const { status, stderr } = wharf(['--port', '0'], { WHARF_HOSTNAME: 'wharf:4566' });
    expect(status).toBe(2);
    expect(stderr).toContain('--hostname / WHARF_HOSTNAME: expected a URL of the form http://host:port (no path)');
    expect(stderr).toContain('(got "wharf:4566")');
  });

  it('refuses an empty WHARF_PORT instead of falling back to 4566', () => {
    const { status, stderr } = wharf([], { WHARF_PORT: '' });
    expect(status).toBe(2);
    expect(stderr).toContain('--port / WHARF_PORT: is set but empty; give a value or unset WHARF_PORT for the default (4566)');
  });

  it('refuses WHARF_PORT=abc: expected a port number 0–65535', () => {
    const { status, stderr } = wharf([], { WHARF_PORT: 'abc' });
    expect(status).toBe(2);
    expect(stderr).toContain('--port / WHARF_PORT: expected a port number 0–65535 (0: any free port) (got "abc")');
  });

  it('refuses a boolean other than true or false, saying what is accepted', () => {
    const { status, stderr } = wharf(['--port', '0', '--verify-signatures', 'on']);
    expect(status).toBe(2);
    expect(stderr).toContain('--verify-signatures / WHARF_VERIFY_SIGNATURES: expected true or false (also accepted: 1 or 0, yes or no) (got "on")');
  });
});

describe('the wharf command refuses a bad init file with every problem at once, exit code 2', { timeout: 40_000 }, () => {
  it('reports a shape problem, a reference problem and what the API refuses, in one run', () => {
    const file = join(tempDir('wharf-refusals-'), 'init.yaml');
    writeFileSync(
      file,
      [
        'queues:',
        '  - name: jobs',
        '    visibility: 30',
        '  - name: orders',
        '    deadLetter: { queue: nowhere, maxReceiveCount: 3 }',
        '  - name: "bad name!"',
        '',
      ].join('\n'),
    );
    const { status, stderr } = wharf(['--port', '0', '--init', file]);
    expect(status).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^wharf: init file .*, line 3 \(queues\[0\]\.visibility\): unknown key visibility/),
      expect.stringMatching(/^wharf: init file .*, line 5 \(queues\[1\]\.deadLetter\.queue\): no queue named nowhere in this file/),
      expect.stringMatching(
        /^wharf: init file .*, line 6 \(queues\[2\]\): InvalidParameterValue: Can only include alphanumeric characters, hyphens, or underscores/,
      ),
    ]);
  });
});

describe('the wharf command refuses a port it cannot take, with exit code 6', { timeout: 40_000 }, () => {
  let taken: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (taken ? taken.close(() => resolve()) : resolve())));

  it('names the port in use and what to do', async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken!.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const { status, stderr } = wharf(['--port', String(port)]);
    expect(status).toBe(6);
    expect(stderr).toContain(
      `wharf: port ${port} on 127.0.0.1 (--port / WHARF_PORT, --host / WHARF_HOST) is already in use, perhaps by another wharf or LocalStack: stop it, or choose another port (0 picks a free one)`,
    );
  });
});

describe('the wharf command refuses a data directory it cannot use, with exit code 5', { timeout: 40_000 }, () => {
  const prefix = 'wharf: cannot use the data directory';

  it('names WHARF_DATA_DIR, the path and the cause: a file where the directory should be', () => {
    const file = join(tempDir('wharf-refusals-'), 'not-a-dir');
    writeFileSync(file, 'x');
    const { status, stderr } = wharf(['--port', '0', '--data-dir', file]);
    expect(status).toBe(5);
    expect(stderr).toContain(`${prefix} ${file} (--data-dir / WHARF_DATA_DIR): a file is in the way: it (or a parent) is a file, not a directory.`);
  });

  it('names the cause: a read-only directory', () => {
    const dir = tempDir('wharf-refusals-');
    chmodSync(dir, 0o555);
    const { status, stderr } = wharf(['--port', '0'], { WHARF_DATA_DIR: dir }, asUnprivileged);
    expect(status).toBe(5);
    expect(stderr).toContain(`${prefix} ${dir} (--data-dir / WHARF_DATA_DIR): permission denied: the user wharf runs as (uid `);
    expect(stderr).toContain('must be able to read, write and enter it');
  });

  it('names the cause: an unreadable directory', () => {
    const dir = tempDir('wharf-refusals-');
    chmodSync(dir, 0o000);
    const { status, stderr } = wharf(['--port', '0'], { WHARF_DATA_DIR: join(dir, 'data') }, asUnprivileged);
    expect(status).toBe(5);
    expect(stderr).toContain(`${prefix} ${join(dir, 'data')} (--data-dir / WHARF_DATA_DIR): permission denied`);
  });

  // A full disk needs a small file system of its own: a 64 KiB tmpfs, which only root can mount.
  const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  it.runIf(canMount)('names the cause: a full disk', () => {
    const dir = tempDir('wharf-refusals-');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs: ${String(mounted.stderr)}`);
    try {
      mkdirSync(join(dir, 'data'));
      spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'fill')}`, 'bs=4k']);
      const { status, stderr } = wharf(['--port', '0', '--data-dir', join(dir, 'data')]);
      expect(status).toBe(5);
      expect(stderr).toContain(
        `${prefix} ${join(dir, 'data')} (--data-dir / WHARF_DATA_DIR): the disk is full. Free some space or choose another directory [SQLITE_FULL]`,
      );
    } finally {
      spawnSync('umount', [dir]);
    }
  });
});
