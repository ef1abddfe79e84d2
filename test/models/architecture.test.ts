import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = filesUnder(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const isDomain = (path: string) => /^services\/[^/]+\/(engine|store)\//.test(path) || path.startsWith('store/');

describe('architecture', () => {
  it('keeps engines and stores free of HTTP and protocol code', () => {
    const offenders = sources
      .filter((f) => isDomain(f.path))
      .filter((f) => /from ['"](fastify|.*\/protocol\/.*|.*\/http\/.*)['"]/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('reads time only through the clock (no Date.now, new Date(), or timers outside clock.ts)', () => {
    // Global timers only: socket.setTimeout(ms) and server.setTimeout(ms) configure I/O inactivity
    // limits in the HTTP layer (src/http/h2c.ts), not timers an engine could read time through.
    const offenders = sources
      .filter((f) => f.path !== 'clock.ts')
      .filter((f) => /Date\.now\(|new Date\(\)|(?<![.\w])setTimeout\(|(?<![.\w])setInterval\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps every source file under 600 lines', () => {
    const long = sources.filter((f) => f.text.split('\n').length > 600).map((f) => f.path);
    expect(long).toEqual([]);
  });
});
