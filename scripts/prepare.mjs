// npm runs `prepare` after `npm install` in a checkout, on `npm pack`, and when wharf is installed
// from a git URL or a directory. It builds dist/ with TypeScript, a devDependency: a checkout and a
// git install have it (npm installs a git dependency's devDependencies to prepare it); a directory
// install (`npm install ../wharf`) does not, so there a dist/ already built is used as it is, and
// without one the message says what to run. A tarball (npm pack, the registry) carries dist/ and
// runs no prepare at all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}
if (!tsc) {
  if (existsSync(join(root, 'dist', 'cli.js'))) process.exit(0);
  process.stderr.write(
    `wharf-emulator: dist/ is not built and TypeScript is not installed in ${root}.\n` +
      `Build it once there (npm install && npm run build), or install from a tarball (npm pack) or a git URL instead.\n`,
  );
  process.exit(1);
}
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
