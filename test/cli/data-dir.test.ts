import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, WHARF_BIN as BIN } from '../support/cli-processes.js';

// Two real `wharf` processes (bin/wharf.js → dist/) on one data directory.
const { track, tempDir } = cleanedUpAfterEach();

interface Run {
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
  /** Resolves with the URL once the start-up line is logged (rejects if it exits first). */
  started: Promise<string>;
}

function wharf(dataDir: string): Run {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  const started = new Promise<string>((resolve, reject) => {
    void exited.then(({ code }) => reject(new Error(`wharf exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) resolve(entry.url);
    });
  });
  started.catch(() => {});
  return { child, exited, started };
}

async function sqs(url: string, body: string): Promise<string> {
  return (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).text();
}

const newDataDir = () => tempDir('wharf-data-');

// Each test starts real processes, slow on a loaded machine: a generous limit, not a speed claim.
describe('one data directory, one wharf', { timeout: 40_000 }, () => {
  it('refuses a second wharf on the same data directory with exit code 3 and who holds it; the first carries on untouched', async () => {
    const dir = newDataDir();
    const first = wharf(dir);
    const url = await first.started;
    const created = await sqs(url, 'Action=CreateQueue&QueueName=kept');
    const queueUrl = /<QueueUrl>(.*)<\/QueueUrl>/.exec(created)![1]!;
    await sqs(url, `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=before`);

    const second = await wharf(dir).exited;
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(
      new RegExp(
        `^wharf: the data directory ${dir} is in use by another wharf process \\(wharf \\S+, pid ${first.child.pid} on host \\S+, started [0-9T:.-]+Z\\)\\. Two processes must not share one data directory`,
      ),
    );

    await sqs(url, `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=after`);
    const received = await sqs(url, `Action=ReceiveMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MaxNumberOfMessages=10`);
    expect(received).toContain('<Body>before</Body>');
    expect(received).toContain('<Body>after</Body>');
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });

  it('restarts at once after kill -9, although wharf.lock still names the dead process', async () => {
    const dir = newDataDir();
    const first = wharf(dir);
    const url = await first.started;
    await sqs(url, 'Action=CreateQueue&QueueName=survivor');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(JSON.parse(readFileSync(join(dir, 'wharf.lock'), 'utf8'))).toMatchObject({ pid: first.child.pid });

    const second = wharf(dir);
    const secondUrl = await second.started;
    expect(await sqs(secondUrl, 'Action=ListQueues')).toContain('/000000000000/survivor</QueueUrl>');
    expect(JSON.parse(readFileSync(join(dir, 'wharf.lock'), 'utf8'))).toMatchObject({ pid: second.child.pid });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('refuses a data directory a newer wharf wrote with exit code 4, naming both schema versions, and leaves it as it was', async () => {
    const dir = newDataDir();
    const first = wharf(dir);
    await first.started;
    first.child.kill('SIGTERM');
    await first.exited;
    const raw = new Database(join(dir, 'wharf.db'));
    const version = raw.pragma('user_version', { simple: true }) as number;
    raw.pragma(`user_version = ${version + 7}`);
    raw.close();
    const hash = createHash('sha256')
      .update(readFileSync(join(dir, 'wharf.db')))
      .digest('hex');

    const refused = await wharf(dir).exited;
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`wharf: this data directory was written by a newer wharf: its schema version is ${version + 7}, and this wharf`);
    expect(refused.stderr).toContain(`knows versions up to ${version}. Nothing was changed.`);
    expect(
      createHash('sha256')
        .update(readFileSync(join(dir, 'wharf.db')))
        .digest('hex'),
    ).toBe(hash);
  });
});
