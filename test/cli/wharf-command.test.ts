import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cleanedUpAfterEach, WHARF_BIN as BIN } from '../support/cli-processes.js';

const { track, tempDir } = cleanedUpAfterEach();

interface Started {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts wharf on a free port and resolves with its URL once the start-up line is logged. */
function startWharf(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const portArgs = env.WHARF_PORT ? [] : ['--port', '0'];
  const child = spawn(process.execPath, [BIN, ...portArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  track(child);
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`wharf exited with ${code} before starting`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (typeof entry.url === 'string') resolve({ child, url: entry.url, lines, exited });
    });
  });
}

async function sqs(url: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return res.text();
}

describe('the wharf command', () => {
  it('explains itself with --help', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: wharf [options]');
    expect(result.stdout).toContain('WHARF_DATA_DIR');
  });

  it('prints its version with --version', () => {
    const result = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('shows a banner with the endpoint, services, state and dashboard when logs are pretty', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--log-format', 'pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`wharf exited with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('listening on')) resolve();
      });
    });
    const url = /endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toMatch(/services\s+sqs, sns, kinesis/);
    expect(out).toMatch(/state\s+in memory/);
    expect(out).toContain(`dashboard  ${url}/_wharf/ui/`);
    // Readable lines, not JSON objects.
    expect(out).not.toMatch(/^\{"level"/m);
  });

  it('refuses a bad value with a clear message and exit code 2', () => {
    const result = spawnSync(process.execPath, [BIN, '--region', 'nowhere'], { encoding: 'utf8', env: { ...process.env, WHARF_PORT: '1' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--region / WHARF_REGION: must look like an AWS region');
  });

  it('refuses a bad init file before listening, naming its line and field, with exit code 2', () => {
    const dir = tempDir('wharf-init-');
    const file = join(dir, 'wharf.yaml');
    writeFileSync(file, 'queues:\n  - name: jobs\n  - name: slow\n    attributes:\n      VisibilityTimeout: 50000\n');
    const bad = spawnSync(process.execPath, [BIN, '--port', '0', '--init', file], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`wharf: init file ${file}, line 5 (queues[1].attributes.VisibilityTimeout): must be an integer 0..43200\n`);
    expect(bad.stdout).not.toContain('listening');

    // Refused by the API itself (an unknown attribute), through WHARF_INIT.
    writeFileSync(file, 'queues:\n  - name: jobs\n    attributes: { Polcy: "{}" }\n');
    const refused = spawnSync(process.execPath, [BIN, '--port', '0'], { encoding: 'utf8', env: { ...process.env, WHARF_INIT: file } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`wharf: init file ${file}, line 3 (queues[0].attributes.Polcy): InvalidAttributeName: Unknown Attribute Polcy.\n`);
  });

  it('logs where it listens and where state lives, serves health, and stops cleanly on SIGTERM', async () => {
    const wharf = await startWharf([]);
    expect(wharf.lines.at(-1)?.msg).toMatch(/^wharf \S+ listening on http:\/\/127\.0\.0\.1:\d+; state in memory/);
    // Not a TTY: JSON lines, with what a log pipeline needs to find the endpoint and dashboard.
    expect(wharf.lines.at(-1)).toMatchObject({ services: ['sqs', 'sns', 'kinesis', 'lambda'], dashboard: `${wharf.url}/_wharf/ui/` });
    const health = (await (await fetch(`${wharf.url}/_wharf/health`)).json()) as { status: string; services: object };
    expect(health).toMatchObject({ status: 'running', services: { sqs: 'running' } });
    wharf.child.kill('SIGTERM');
    expect(await wharf.exited).toBe(0);
    expect(wharf.lines.map((l) => l.msg)).toContain('wharf stopped');
  });

  it('keeps queues and messages in WHARF_DATA_DIR across a restart', async () => {
    const dir = tempDir('wharf-data-');
    const first = await startWharf(['--data-dir', dir]);
    expect(first.lines.at(-1)?.msg).toContain(`state in ${dir}/wharf.db`);
    const created = await sqs(first.url, 'Action=CreateQueue&QueueName=kept');
    const queueUrl = /<QueueUrl>(.*)<\/QueueUrl>/.exec(created)![1]!;
    await sqs(first.url, `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}&MessageBody=still-here`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startWharf(['--data-dir', dir]);
    const received = await sqs(second.url, `Action=ReceiveMessage&QueueUrl=${encodeURIComponent(`${second.url}/000000000000/kept`)}`);
    expect(received).toContain('<Body>still-here</Body>');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
