// The `wharf` command, loaded ahead of time: imports everything bin/wharf.js imports, then waits
// for a line on stdin before calling the same main() with the same arguments. The durability run
// keeps one of these ready while the previous server runs, so a restart costs wharf's start-up
// (open, recover, migrate, listen) and not Node's module loading.
import { main } from '../../dist/cli/main.js';

process.stdin.once('data', () => {
  process.stdin.pause();
  process.stdin.unref?.();
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`wharf: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
});
