import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = filesUnder(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
/**
 * The only values SQL text may be built from, by file and expression: none comes from a request.
 * Everything a client sends reaches SQLite as a bound parameter (`?`).
 */
const SQL_INTERPOLATION_ALLOWED: Record<string, string[]> = {
  // PRAGMA takes no parameters: the WAL size limit and a page count, numbers wharf computes itself.
  'store/space.ts': ['WAL_SIZE_LIMIT_BYTES', 'pages'],
  // Emulator.reset: wharf's own table names, read from sqlite_schema, quoted.
  'emulator.ts': ['table'],
  // The migration's version number, from wharf's own migration list (PRAGMA takes no parameters).
  'store/migrate.ts': ['migration.version'],
  // A column list and a SELECT … JOIN prefix, constants of the same file shared by several statements.
  'services/sns/store/sns-store.ts': ['SUBSCRIPTION_COLUMNS', 'subscriptions'],
  // The deliveries filter's WHERE: column names from the FILTER_COLUMNS constant; values bound by name.
  'services/sns/store/delivery-store.ts': ["where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''", "where.join(' AND ')"],
  // The synchronous level, one of two constants chosen by the validated WHARF_DURABILITY.
  'store/database.ts': ["options.durability === 'full' ? 'FULL' : 'NORMAL'"],
};
const SQL_KEYWORDS = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES|JOIN)\b/;
/** Calls whose argument is SQL text: better-sqlite3's, and the stores' one-letter prepare helper. */
const SQL_CALLS = new Set(['prepare', 'exec', 'pragma', 'p']);

/** Interpolations and concatenations in SQL text, as `file: expression`. */
function sqlBuiltFromValues(path: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node, inSqlCall: boolean): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : '';
      node.arguments.forEach((arg) => visit(arg, SQL_CALLS.has(callee)));
      visit(node.expression, false);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const literalText = node.head.text + node.templateSpans.map((span) => span.literal.text).join('');
      if (inSqlCall || SQL_KEYWORDS.test(literalText)) found.push(...node.templateSpans.map((span) => `${path}: ${span.expression.getText()}`));
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const sides = [node.left, node.right];
      if (sides.some((side) => ts.isStringLiteralLike(side) && SQL_KEYWORDS.test(side.text))) found.push(`${path}: ${node.getText()}`);
    }
    ts.forEachChild(node, (child) => visit(child, inSqlCall && !ts.isFunctionLike(child)));
  };
  visit(ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true), false);
  return found;
}

const isDomain = (path: string) => /^services\/[^/]+\/(engine|store)\//.test(path) || path.startsWith('store/');

describe('architecture', () => {
  it('keeps engines and stores free of HTTP and protocol code', () => {
    const offenders = sources
      .filter((f) => isDomain(f.path))
      .filter((f) => /from ['"](fastify|.*\/protocol\/.*|.*\/http\/.*)['"]/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('makes SQS and Kinesis errors only through their typed constructors, so the compiler checks each code', () => {
    const offenders = sources
      .filter((f) => /^services\/(sqs|kinesis)\//.test(f.path) && !/^services\/[^/]+\/errors\.ts$/.test(f.path))
      .filter((f) => f.text.includes('new AwsError('))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the protocol layer free of HTTP code (src/http/edge/ calls src/protocol/, never the reverse)', () => {
    const offenders = sources
      .filter((f) => f.path.startsWith('protocol/'))
      .filter((f) => /from ['"](fastify|.*\/http\/.*)['"]/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("splits src/http/ into the AWS edge (edge/) and wharf's own endpoints (admin/), with only what both share beside them", () => {
    const shared = sources.filter((f) => /^http\/[^/]+\.ts$/.test(f.path)).map((f) => f.path);
    expect(shared.sort()).toEqual(['http/base-url.ts', 'http/close-on-shutdown.ts', 'http/h2c.ts', 'http/server-limits.ts']);
  });

  it('lets operations reach a store only through their engine', () => {
    const offenders = sources
      .filter((f) => /^services\/[^/]+\/operations\//.test(f.path))
      .filter((f) => /from ['"][^'"]*\/store\/[^'"]*['"]|\.store\./.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('reads time only through the clock (no Date.now, new Date(), or timers outside clock.ts)', () => {
    // Global timers only: socket.setTimeout(ms) and server.setTimeout(ms) configure I/O inactivity
    // limits in the HTTP layer (src/http/h2c.ts), not timers an engine could read time through.
    const offenders = sources
      .filter((f) => f.path !== 'clock.ts')
      // Real time by nature, not emulated behaviour: the shutdown deadline after SIGTERM (cli/main.ts)
      // and the timer returning free database pages to the file system (emulator.ts).
      .filter((f) => f.path !== 'cli/main.ts' && f.path !== 'emulator.ts')
      .filter((f) => /Date\.now\(|new Date\(\)|(?<![.\w])setTimeout\(|(?<![.\w])setInterval\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('builds SQL only from its own constants: request values reach SQLite only as bound parameters', () => {
    const built = sources.flatMap((f) => sqlBuiltFromValues(f.path, f.text));
    const allowed = Object.entries(SQL_INTERPOLATION_ALLOWED).flatMap(([path, expressions]) => expressions.map((e) => `${path}: ${e}`));
    expect(built.filter((b) => !allowed.includes(b))).toEqual([]);
    // An allow-list entry that no longer matches anything is stale.
    expect(allowed.filter((a) => !built.includes(a))).toEqual([]);
  });

  it('finds SQL built by interpolation or concatenation (the rule above can fail)', () => {
    const sample = [
      "db.prepare(`SELECT * FROM queues WHERE name = '${input.QueueName}'`);",
      "db.exec('DELETE FROM sns_topics WHERE arn = ' + arn);",
      'p(`UPDATE x SET y = ${value}`);',
      'db.pragma(`user_version = ${n}`);',
    ].join('\n');
    expect(sqlBuiltFromValues('sample.ts', sample)).toEqual([
      'sample.ts: input.QueueName',
      "sample.ts: 'DELETE FROM sns_topics WHERE arn = ' + arn",
      'sample.ts: value',
      'sample.ts: n',
    ]);
  });

  it('keeps every hand-written source file under 600 lines (src/generated/ is written by npm run codegen)', () => {
    const long = sources.filter((f) => !f.path.startsWith('generated/') && f.text.split('\n').length > 600).map((f) => f.path);
    expect(long).toEqual([]);
  });
});
