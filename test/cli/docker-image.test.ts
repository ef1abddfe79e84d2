import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cleanedUpAfterEach } from '../support/cli-processes.js';

// There is no Docker engine here, so the image is checked by running exactly what it runs: its
// ENTRYPOINT with its ENV, from a directory laid out as its WORKDIR is (the repository is), and
// its HEALTHCHECK command. Both are read from the Dockerfile, so the test follows it.
const ROOT = join(import.meta.dirname, '../..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

function instruction(name: string): string {
  const match = new RegExp(`^${name} ((?:.*\\\\\\n)*.*)$`, 'm').exec(runtimeStage);
  if (!match) throw new Error(`no ${name} in the Dockerfile's runtime stage`);
  return match[1]!.replace(/\\\n\s*/g, ' ');
}

function imageEnv(): Record<string, string> {
  return Object.fromEntries([...instruction('ENV').matchAll(/(\w+)=(\S*)/g)].map((m) => [m[1]!, m[2]!]));
}

function execForm(text: string): string[] {
  return JSON.parse(text.slice(text.indexOf('['))) as string[];
}

const { track, tempDir } = cleanedUpAfterEach();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the Docker image', () => {
  it('copies everything its entrypoint and healthcheck need into the runtime stage', () => {
    for (const [, from] of runtimeStage.matchAll(/^COPY (?:--from=build \/app\/)?(\S+)/gm)) {
      expect(existsSync(join(ROOT, from!)), `${from} exists in the repository`).toBe(true);
    }
    const [, script] = execForm(instruction('ENTRYPOINT'));
    expect(runtimeStage).toMatch(new RegExp(`COPY .*${script!.split('/')[0]}`));
    expect(imageEnv()).toMatchObject({ WHARF_HOST: '0.0.0.0', WHARF_PORT: '4566', WHARF_DATA_DIR: '/var/lib/wharf' });
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/^VOLUME \["\/var\/lib\/wharf"\]$/m);
  });

  it('starts with its ENTRYPOINT and ENV, passes its HEALTHCHECK, keeps state in its volume, and stops on SIGTERM', async () => {
    const port = await freePort();
    const volume = tempDir('wharf-volume-');
    // The image's environment, with the volume and the port moved to where this machine has them.
    const env = { ...process.env, ...imageEnv(), WHARF_DATA_DIR: volume, WHARF_PORT: String(port) };
    const [command, ...args] = execForm(instruction('ENTRYPOINT'));
    expect(command).toBe('node');
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.includes('listening on')) resolve();
      });
    });

    const [healthCommand, ...healthArgs] = execForm(instruction('HEALTHCHECK'));
    expect(healthCommand).toBe('node');
    const healthy = spawnSync(process.execPath, healthArgs, { cwd: ROOT, env });
    expect(healthy.status).toBe(0);
    // Bound to every interface, as a container must be.
    const reply = await fetch(`http://127.0.0.1:${port}/_wharf/health`);
    expect(reply.status).toBe(200);
    expect(existsSync(join(volume, 'wharf.db'))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(spawnSync(process.execPath, healthArgs, { cwd: ROOT, env }).status).toBe(1);
  });
});
