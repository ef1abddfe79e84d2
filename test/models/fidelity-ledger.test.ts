import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { Emulator } from '../../src/emulator.js';

/**
 * docs/fidelity.md is kept true: its operation tables list exactly the operations of each
 * service's model and operation table, and its divergence ids are exactly the ids the tests name
 * in brackets (`[SQS-QUEUEURL]`). Adding an operation, or fixing or adding a divergence, without
 * the ledger changing turns this red.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const ledger = readFileSync(join(ROOT, 'docs', 'fidelity.md'), 'utf8');
const ID = /\b((?:SQS|KIN|ALL)-[A-Z0-9]+(?:-[A-Z0-9]+)*)\b/;
const STATUSES = ['full', 'partial', 'accepted'];

function section(title: string): string {
  const start = ledger.indexOf(`## ${title}`);
  if (start === -1) throw new Error(`docs/fidelity.md has no "## ${title}" section`);
  const end = ledger.indexOf('\n## ', start + 1);
  return ledger.slice(start, end === -1 ? undefined : end);
}

function operationRows(title: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of section(title).matchAll(/^\| `(\w+)` \| (\w+) \|/gm)) rows.set(match[1]!, match[2]!);
  return rows;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the fidelity ledger (docs/fidelity.md)', () => {
  const emulator = new Emulator({ clock: new ManualClock() });
  afterAll(() => emulator.close());
  const titles = { sqs: 'SQS operations', sns: 'SNS operations', kinesis: 'Kinesis operations' } as const;

  it.each(Object.keys(titles) as (keyof typeof titles)[])('lists every %s operation of the model and the operation table, each with a status', (name) => {
    const service = emulator.services.find((s) => s.name === name)!;
    const rows = operationRows(titles[name]);
    expect([...rows.keys()].sort()).toEqual(Object.keys(service.model.operations).sort());
    expect([...rows.keys()].filter((op) => service.handlers[op] === undefined)).toEqual([]);
    expect([...rows.entries()].filter(([, status]) => !STATUSES.includes(status))).toEqual([]);
  });

  it('has a test, named with the id in brackets, for every divergence it lists, and lists every id a test names', () => {
    const listed = new Set([...section('Divergences').matchAll(/^\| ((?:SQS|KIN|ALL)-[A-Z0-9-]+) \|/gm)].map((m) => m[1]!));
    const named = new Set<string>();
    for (const file of testFiles(join(ROOT, 'test'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\[((?:SQS|KIN|ALL)-[A-Z0-9-]+)\]/g)) named.add(match[1]!);
    }
    expect([...listed].filter((id) => !named.has(id))).toEqual([]);
    expect([...named].filter((id) => !listed.has(id))).toEqual([]);
    expect([...listed].every((id) => ID.test(id))).toBe(true);
  });

  it('gives every divergence a status and evidence', () => {
    const rows = [...section('Divergences').matchAll(/^\| ((?:SQS|KIN|ALL)-[A-Z0-9-]+) \|/gm)].length;
    expect([...section('Divergences').matchAll(/^\| ((?:SQS|KIN|ALL)-[A-Z0-9-]+) \| (\w+) \| (\w+) \| (.+) \| (.+) \|$/gm)]).toHaveLength(rows);
    for (const match of section('Divergences').matchAll(/^\| ((?:SQS|KIN|ALL)-[A-Z0-9-]+) \| (\w+) \| (\w+) \| (.+) \| (.+) \|$/gm)) {
      expect({ id: match[1], status: ['fixed', 'decided', 'open'].includes(match[3]!), evidence: match[5]!.trim().length > 0 }).toEqual({
        id: match[1],
        status: true,
        evidence: true,
      });
    }
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/fidelity.md');
  });
});
