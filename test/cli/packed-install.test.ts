import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cleanedUpAfterEach } from '../support/cli-processes.js';

// What a user gets from the registry: `npm pack`'s tarball, installed into an empty project with
// no devDependencies of its own. Slow (a real npm install, better-sqlite3 included): test:slow.
const ROOT = join(import.meta.dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const { track } = cleanedUpAfterEach();

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 15 * 60_000, env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe(`the packed ${PACKAGE.name} tarball, installed into a fresh project`, () => {
  it('holds dist/, the models, the dashboard and the types only; installs; npx wharf starts; the fixture runs a test; TypeScript finds the types', {
    timeout: 30 * 60_000,
  }, async () => {
    // Removed by the test itself: a project's node_modules can take longer to delete than a hook may.
    const work = mkdtempSync(join(tmpdir(), 'wharf-pack-'));
    try {
      await packInstallAndUse(work);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

async function packInstallAndUse(work: string): Promise<void> {
  {
    // dist/ is built by pretest (npm test) or npm run build: pack it as it is.
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);

    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const outside = files.filter(
      (f) => !/^package\/(dist|bin|ui|src\/models)\//.test(f) && !['package/package.json', 'package/README.md', 'package/LICENSE'].includes(f),
    );
    expect(outside).toEqual([]);
    expect(files.filter((f) => /\.map$|^package\/(test|bench|scripts)\//.test(f))).toEqual([]);
    for (const needed of [
      'package/bin/wharf.js',
      'package/dist/cli/main.js',
      'package/dist/testing.js',
      'package/dist/testing.d.ts',
      'package/dist/index.d.ts',
      'package/ui/index.html',
      'package/src/models/sqs-2012-11-05.json',
    ]) {
      expect(files).toContain(needed);
    }

    const project = join(work, 'project');
    run('mkdir', ['-p', project], work);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
    const installed = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: unknown };
    expect(Object.keys(installed.dependencies ?? {})).toEqual([PACKAGE.name]);
    expect(installed.devDependencies).toBeUndefined();

    // wharf --version prints wharf's own version (through npx, as a user would type it).
    expect(run('npx', ['--no-install', 'wharf', '--version'], project).trim()).toBe(PACKAGE.version);

    // npx wharf starts the server, which answers health.
    const child = track(
      spawn('npx', ['--no-install', 'wharf', '--port', '0', '--log-format', 'json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true }),
    );
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`npx wharf exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) resolve(entry.url);
      });
    });
    expect(((await (await fetch(`${url}/_wharf/health`)).json()) as { status: string }).status).toBe('running');
    // npx runs wharf as its own child: stop the whole process group, and wait until npx is gone.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;

    // The fixture, imported by its package name, in a test run by node's own test runner.
    writeFileSync(
      join(project, 'queue.test.js'),
      [
        "import { test } from 'node:test';",
        "import assert from 'node:assert/strict';",
        `import { startWharf } from '${PACKAGE.name}/testing';`,
        "const sqs = (endpoint, op, body) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${op}` }, body: JSON.stringify(body) }).then((r) => r.json());",
        "test('a message comes back after its visibility timeout', async () => {",
        '  const wharf = await startWharf();',
        '  try {',
        "    const { QueueUrl } = await sqs(wharf.endpoint, 'CreateQueue', { QueueName: 'jobs', Attributes: { VisibilityTimeout: '30' } });",
        "    await sqs(wharf.endpoint, 'SendMessage', { QueueUrl, MessageBody: 'hello' });",
        "    assert.equal((await sqs(wharf.endpoint, 'ReceiveMessage', { QueueUrl })).Messages[0].Body, 'hello');",
        "    assert.equal((await sqs(wharf.endpoint, 'ReceiveMessage', { QueueUrl })).Messages, undefined);",
        '    await wharf.clock.advance({ seconds: 31 });',
        "    assert.equal((await sqs(wharf.endpoint, 'ReceiveMessage', { QueueUrl })).Messages[0].Body, 'hello');",
        '  } finally {',
        '    await wharf.stop();',
        '  }',
        '});',
      ].join('\n'),
    );
    expect(run(process.execPath, ['--test', 'queue.test.js'], project)).toMatch(/# pass 1\n# fail 0/);

    // TypeScript (the checkout's) finds the types of both entry points, checking them strictly.
    writeFileSync(
      join(project, 'check.ts'),
      [
        `import { startWharf, type Wharf } from '${PACKAGE.name}/testing';`,
        `import { ManualClock, startServer, type WharfConfig } from '${PACKAGE.name}';`,
        "const wharf: Wharf = await startWharf({ region: 'eu-west-1' });",
        'const config: Partial<WharfConfig> = { port: 0 };',
        'void [new ManualClock(0), startServer, config];',
        'const endpoint: string = wharf.clientConfig.endpoint;',
        '// @ts-expect-error: not an option',
        'await startWharf({ prot: 1 });',
        'console.log(endpoint);',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false },
        files: ['check.ts'],
      }),
    );
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
  }
}
