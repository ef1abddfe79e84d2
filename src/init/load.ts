import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { formatPath, planOf, type InitPlan, type Owner, type Path, type PlannableFile } from './plan.js';
import { initFileSchema, queueSchema, streamSchema, topicSchema } from './schema.js';

// The YAML parser loads only when there is an init file to read: start-up does not need it.
const requireModule = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= requireModule('yaml') as typeof import('yaml'));

/** A bad init file: one line per problem, each naming the file, the line and the field. */
export class InitFileError extends Error {
  constructor(
    readonly problems: string[],
    /** The well-formed part of a file refused for its shape or references: a dry run finds what the API would refuse too. */
    readonly wellFormedPart?: LoadedInitFile,
  ) {
    super(problems.join('\n'));
  }
}

export interface LoadedInitFile {
  /** The file as it was named (WHARF_INIT or --init). */
  file: string;
  plan: InitPlan;
  /** `init file ./wharf.yaml, line 14 (queues[2].attributes.VisibilityTimeout)` */
  where(path: Path): string;
}

/** Beyond this many problems, the rest are counted: the first ones are what needs fixing. */
const MAX_PROBLEMS = 20;

/**
 * Reads and checks an init file, YAML or JSON (JSON is YAML, so both are read by one parser
 * that knows each value's line). Throws InitFileError naming the line of every problem.
 */
export function loadInitFile(file: string, defaults: Owner): LoadedInitFile {
  return parseInitFile(file, readSource(file), defaults);
}

export function parseInitFile(file: string, source: string, defaults: Owner): LoadedInitFile {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw problemsError(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        // prettyErrors appends " at line L, column C:" and a snippet; the position leads here instead.
        const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return `init file ${file}${at ? `, line ${at.line}, column ${at.col}` : ''}: ${message}`;
      }),
    );
  }
  const where = (path: Path) => `init file ${file}, line ${lineOf(doc, lineCounter, path)} (${formatPath(path) || 'top level'})`;
  // Problems in the order of their lines, as one reads the file.
  const refuse = (issues: { path: Path; message: string }[], wellFormed?: InitPlan) =>
    new InitFileError(
      issues
        .map((issue) => ({ line: lineOf(doc, lineCounter, issue.path), text: `${where(issue.path)}: ${issue.message}` }))
        .sort((a, b) => a.line - b.line)
        .map((p) => p.text),
      wellFormed ? { file, plan: wellFormed, where } : undefined,
    );
  const content = withoutNullValues(doc.toJS() ?? {});
  const parsed = initFileSchema.safeParse(content);
  if (!parsed.success) {
    // Every problem in one run: the entries that are well formed are still planned and checked.
    const shapeIssues = parsed.error.issues.map((issue) => ({ path: issuePath(issue), message: issue.message }));
    const planned = planOfWellFormedEntries(content, shapeIssues, defaults);
    throw refuse([...shapeIssues, ...(planned?.issues ?? [])], planned?.plan);
  }
  const planned = planOf(parsed.data, defaults);
  if (planned.issues.length > 0) throw refuse(planned.issues, planned.plan);
  return { file, plan: planned.plan, where };
}

/** Problems sorted by their line (`…, line 12 (…)`), at most MAX_PROBLEMS of them. */
export function sortedProblems(problems: string[]): string[] {
  const lineOfProblem = (p: string) => Number(/, line (\d+)/.exec(p)?.[1] ?? 0);
  const sorted = [...new Set(problems)].sort((a, b) => lineOfProblem(a) - lineOfProblem(b));
  return sorted.length <= MAX_PROBLEMS ? sorted : [...sorted.slice(0, MAX_PROBLEMS), `… and ${sorted.length - MAX_PROBLEMS} more problems`];
}

const ENTRY_SCHEMAS = { queues: queueSchema, topics: topicSchema, streams: streamSchema } as const;

/** The plan's issues (references, duplicates, conflicting keys) among the entries that passed the shape check. */
function planOfWellFormedEntries(content: unknown, shapeIssues: { path: Path }[], defaults: Owner): ReturnType<typeof planOf> | undefined {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return undefined;
  // A problem with the file's top level (an unknown key, a list that is not a list) leaves nothing to plan.
  if (shapeIssues.some((issue) => typeof issue.path[1] !== 'number')) return undefined;
  const raw = content as Record<string, unknown>;
  const file: PlannableFile = {};
  const alsoDeclared: { path: Path; name: string; accountId?: string; region?: string }[] = [];
  for (const key of Object.keys(ENTRY_SCHEMAS) as (keyof typeof ENTRY_SCHEMAS)[]) {
    const entries = raw[key];
    if (!Array.isArray(entries)) continue;
    const bad = new Set(shapeIssues.filter((issue) => issue.path[0] === key).map((issue) => issue.path[1]));
    (file as Record<string, unknown[]>)[key] = entries.map((entry, i) => {
      if (!bad.has(i)) return ENTRY_SCHEMAS[key].parse(entry);
      const e = (entry ?? {}) as { name?: unknown; accountId?: unknown; region?: unknown };
      if (key === 'queues' && typeof e.name === 'string') {
        alsoDeclared.push({
          path: [key, i],
          name: e.name,
          ...(typeof e.accountId === 'string' ? { accountId: e.accountId } : {}),
          ...(typeof e.region === 'string' ? { region: e.region } : {}),
        });
      }
      return undefined;
    });
  }
  return planOf(file, defaults, alsoDeclared);
}

/**
 * A key with nothing after it (`tags:` whose entries are all commented out) is YAML's null:
 * read it as absent, as one means it. A null list item is still an error.
 */
function withoutNullValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullValues);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNullValues(v)]),
  );
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new InitFileError([`init file ${file}: cannot read it (${reason})`]);
  }
}

function problemsError(problems: string[]): InitFileError {
  return new InitFileError(sortedProblems(problems));
}

/** An unknown key is reported at the key itself, not at the map that holds it. */
function issuePath(issue: z.core.$ZodIssue): Path {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  return issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...path, issue.keys[0]!] : path;
}

/**
 * The line of the value at `path`, or of the nearest enclosing one that exists (a missing key
 * is reported at the map that should hold it).
 */
function lineOf(doc: Document, lineCounter: LineCounter, path: Path): number {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      const keyOffset = (pair.key as { range?: [number] } | null)?.range?.[0];
      node = pair.value;
      // A scalar value is on its key's line; a nested map or list starts on the next one.
      offset = isScalar(node) ? (node.range?.[0] ?? keyOffset ?? offset) : (keyOffset ?? offset);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const start = (node as { range?: [number] } | null)?.range?.[0];
      if (start === undefined) break;
      offset = start;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}
