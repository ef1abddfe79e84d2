import { execFileSync } from 'node:child_process';

/**
 * The fuzz seed: `WHARF_FUZZ_SEED` if it is a number, a fresh random one if it is `random`,
 * otherwise one derived from the commit under test (the first 31 bits of `git rev-parse HEAD`),
 * so CI is deterministic per commit. Outside a git checkout it falls back to a random seed.
 */
export function fuzzSeed(fromEnv: string | undefined): number {
  if (fromEnv !== undefined && fromEnv !== 'random') {
    const seed = Number(fromEnv);
    if (!Number.isSafeInteger(seed)) throw new Error(`WHARF_FUZZ_SEED must be an integer or "random", got ${JSON.stringify(fromEnv)}`);
    return seed;
  }
  if (fromEnv === undefined) {
    const commit = headCommit();
    if (commit) return parseInt(commit.slice(0, 8), 16) & 0x7fffffff;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

function headCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
