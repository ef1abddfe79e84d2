#!/usr/bin/env node
// The `wharf` command. The compiled code lives in dist/ (built by `npm install` / `npm run build`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`wharf: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
