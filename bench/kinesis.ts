// Kinesis benchmark: wharf vs kinesalite vs kinesis-local (kinesis-mock's Node build) vs moto_server,
// each started alone in its own process.
//
//   npm run bench:kinesis                         # defaults, about a minute
//   BENCH_KINESIS_PUTS=400 npm run bench:kinesis  # more PutRecords calls (default 200)
//   BENCH_TARGETS=wharf,kinesalite npm run bench:kinesis
//
// Scenarios (AWS JSON 1.1 over HTTP/1.1 keep-alive, pre-built bodies, a thin node:http client):
//   put:  PutRecords of 500 records × 100 bytes into a 4-shard stream, `concurrency` calls in flight,
//         until `puts` calls are done or the time limit passes; records/s.
//   read: read back every shard from TRIM_HORIZON with GetRecords (Limit 10,000) until a call comes
//         back empty, one reader per shard at the same time; records/s over all shards. The first
//         pass is a warm-up; the next `readPasses` (3) are measured together.
// Before measuring, each target gets the same 10 unmeasured PutRecords calls.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { ManagedProcess, freePort, groupCpuSeconds, installCleanupHandlers, waitForHttp, type LaunchSpec } from './lib/processes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const TARGETS = env('BENCH_TARGETS', 'wharf,kinesalite,kinesis-local,moto').split(',');
/** The node binary for the Node servers, and the project copy wharf runs from (see bench/README.md, "Peers"). */
const SERVER_NODE = process.env.BENCH_SERVER_NODE || process.execPath;
const WHARF_ROOT = process.env.BENCH_WHARF_ROOT || ROOT;
const PUT_CALLS = Number(env('BENCH_KINESIS_PUTS', '200'));
const READ_PASSES = Number(env('BENCH_KINESIS_READ_PASSES', '3'));
const CONCURRENCY = Number(env('BENCH_KINESIS_CONCURRENCY', '4'));
const LIMIT_MS = Number(env('BENCH_KINESIS_LIMIT', '60')) * 1000;
const RECORDS_PER_CALL = 500;
const RECORD_BYTES = 100;
const SHARDS = 4;
const STREAM = 'bench';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000';

interface Target {
  name: string;
  launch(port: number): LaunchSpec | string;
  readyPath: string;
}

const targets: Target[] = [
  {
    name: 'wharf',
    readyPath: '/_wharf/health',
    launch: (port) => {
      const bin = path.join(ROOT, 'bin', 'wharf.js');
      if (!existsSync(path.join(ROOT, 'dist'))) return 'dist/ is missing: run `npm run build` first';
      const links = WHARF_ROOT !== ROOT ? ['--preserve-symlinks', '--preserve-symlinks-main'] : [];
      return {
        command: SERVER_NODE,
        args: [...links, path.join(WHARF_ROOT, 'bin', 'wharf.js'), '--port', String(port), '--log-level', 'warn'],
        shell: false,
        cwd: WHARF_ROOT,
      };
    },
  },
  {
    name: 'kinesalite',
    readyPath: '/',
    launch: (port) => {
      const cli = path.join(ROOT, 'node_modules', 'kinesalite', 'cli.js');
      if (!existsSync(cli)) return 'kinesalite is not installed (npm install)';
      return { command: SERVER_NODE, args: [cli, '--port', String(port), '--createStreamMs', '0', '--shardLimit', '100'], shell: false, cwd: ROOT };
    },
  },
  {
    // The Node build of kinesis-mock (Scala.js), in memory; its plain-HTTP port, streams active at once.
    name: 'kinesis-local',
    readyPath: '/',
    launch: (port) => {
      const main = path.join(ROOT, 'node_modules', 'kinesis-local', 'main.js');
      if (!existsSync(main)) return 'kinesis-local is not installed (npm install -D kinesis-local)';
      const vars = `KINESIS_MOCK_PLAIN_PORT=${port} KINESIS_MOCK_TLS_PORT=${port + 1} CREATE_STREAM_DURATION=0ms LOG_LEVEL=WARN`;
      return { command: `${vars} exec ${SERVER_NODE} ${main}`, args: [], shell: true, cwd: path.join(ROOT, 'node_modules', 'kinesis-local') };
    },
  },
  { name: 'moto', readyPath: '/', launch: (port) => ({ command: 'moto_server', args: ['-H', '127.0.0.1', '-p', String(port)], shell: false, cwd: ROOT }) },
];

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Sends one request; the reply comes back as bytes. GetRecords replies are megabytes: parsing or
 * even decoding them here would bill the load generator's work (on the same two cores) to the
 * servers, so the bench only searches the bytes for what it needs.
 */
function send(port: number, operation: string, body: Buffer | string): Promise<{ status: number; bytes: Buffer }> {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `Kinesis_20131202.${operation}`,
          'x-amz-date': '20260101T000000Z',
          authorization: AUTH,
          'content-length': payload.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectOk(port: number, operation: string, body: object): Promise<Record<string, unknown>> {
  const { status, bytes } = await send(port, operation, JSON.stringify(body));
  if (status !== 200) throw new Error(`${operation} answered ${status}: ${bytes.toString('utf8', 0, 300)}`);
  return bytes.length ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>) : {};
}

/** The value of a string or number member, found in the reply's bytes without parsing it (moto writes `": "`, the others `":"`). */
function member(bytes: Buffer, name: string): string | undefined {
  const key = Buffer.from(`"${name}":`);
  const at = bytes.indexOf(key);
  if (at === -1) return undefined;
  let start = at + key.length;
  while (bytes[start] === 0x20) start++;
  if (bytes[start] === 0x22) return bytes.toString('utf8', start + 1, bytes.indexOf(0x22, start + 1));
  let end = start;
  while (end < bytes.length && ((bytes[end]! >= 0x30 && bytes[end]! <= 0x39) || bytes[end] === 0x2d)) end++;
  return bytes.toString('utf8', start, end);
}

function countOf(bytes: Buffer, needle: string): number {
  const pattern = Buffer.from(needle);
  let n = 0;
  for (let i = bytes.indexOf(pattern); i !== -1; i = bytes.indexOf(pattern, i + pattern.length)) n++;
  return n;
}

/** One pre-built PutRecords body: 500 records of 100 random bytes with distinct partition keys. */
function putRecordsBody(): Buffer {
  const records = Array.from({ length: RECORDS_PER_CALL }, (_, i) => ({
    PartitionKey: `pk-${i}-${randomBytes(4).toString('hex')}`,
    Data: randomBytes(RECORD_BYTES).toString('base64'),
  }));
  return Buffer.from(JSON.stringify({ StreamName: STREAM, Records: records }));
}

async function benchPut(port: number, body: Buffer): Promise<{ recordsPerSecond: number; records: number; partial: boolean }> {
  let next = 0;
  let records = 0;
  const started = performance.now();
  const deadline = started + LIMIT_MS;
  async function worker(): Promise<void> {
    while (next < PUT_CALLS && performance.now() < deadline) {
      next++;
      const { status, bytes } = await send(port, 'PutRecords', body);
      if (status !== 200) throw new Error(`PutRecords answered ${status}: ${bytes.toString('utf8', 0, 300)}`);
      records += RECORDS_PER_CALL - Number(member(bytes, 'FailedRecordCount') ?? 0);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { recordsPerSecond: records / seconds, records, partial: next < PUT_CALLS };
}

async function benchRead(port: number, expected: number): Promise<{ recordsPerSecond: number; records: number; partial: boolean }> {
  const { Shards } = (await expectOk(port, 'ListShards', { StreamName: STREAM })) as { Shards: { ShardId: string }[] };
  let records = 0;
  const started = performance.now();
  const deadline = started + LIMIT_MS;
  let partial = false;
  // One reader per shard, all at once, as a consumer application (e.g. KCL, a worker per shard) reads.
  await Promise.all(
    Shards.map(async (shard) => {
      let iterator = (await expectOk(port, 'GetShardIterator', { StreamName: STREAM, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
        .ShardIterator as string | undefined;
      while (iterator) {
        if (performance.now() > deadline) {
          partial = true;
          break;
        }
        const { status, bytes } = await send(port, 'GetRecords', JSON.stringify({ ShardIterator: iterator, Limit: 10_000 }));
        if (status !== 200) throw new Error(`GetRecords answered ${status}: ${bytes.toString('utf8', 0, 300)}`);
        const got = countOf(bytes, '"SequenceNumber"');
        records += got;
        if (got === 0) break;
        iterator = member(bytes, 'NextShardIterator');
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (!partial && records !== expected) console.error(`[bench] WARNING: read ${records} records, expected ${expected}: the row is refused`);
  return { recordsPerSecond: records / seconds, records, partial };
}

async function waitActive(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const d = (await expectOk(port, 'DescribeStreamSummary', { StreamName: STREAM })) as { StreamDescriptionSummary: { StreamStatus: string } };
    if (d.StreamDescriptionSummary.StreamStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('stream never became ACTIVE');
}

interface Phase {
  recordsPerSecond: number;
  records: number;
  partial: boolean;
  /** Server CPU per record (µs), from /proc/<pid>/stat; the figure that holds on a shared machine. */
  cpuUsPerRecord?: number;
  /** The 1-minute load average at the end of the phase. */
  load?: number;
  /** Why the row is refused (records not counted back), if it is. */
  refused?: string;
}

interface Result {
  target: string;
  status: string;
  put?: Phase;
  read?: Phase;
}

/** Runs a phase and adds the server's CPU per record and the machine's load to its result. */
async function measured(proc: ManagedProcess, run: () => Promise<Phase>): Promise<Phase> {
  const before = groupCpuSeconds(proc.pid);
  const phase = await run();
  const after = groupCpuSeconds(proc.pid);
  if (before !== undefined && after !== undefined && phase.records > 0) phase.cpuUsPerRecord = ((after - before) * 1e6) / phase.records;
  phase.load = os.loadavg()[0];
  return phase;
}

async function runTarget(target: Target, body: Buffer): Promise<Result> {
  const port = await freePort();
  const launch = target.launch(port);
  if (typeof launch === 'string') return { target: target.name, status: `skipped: ${launch}` };
  const proc = new ManagedProcess(target.name, launch);
  try {
    await waitForHttp(proc, `http://127.0.0.1:${port}${target.readyPath}`, 'any', 30_000);
    await expectOk(port, 'CreateStream', { StreamName: STREAM, ShardCount: SHARDS });
    await waitActive(port);
    // Warm-up (unmeasured, the same for every target): some puts first, read back later like the
    // rest; and a first read-back pass before the measured one.
    const warm = 10;
    for (let i = 0; i < warm; i++) await send(port, 'PutRecords', body);
    const put = await measured(proc, () => benchPut(port, body));
    const expected = put.records + warm * RECORDS_PER_CALL;
    await benchRead(port, expected);
    const read = await measured(proc, async () => {
      const passes = [];
      for (let i = 0; i < READ_PASSES; i++) passes.push(await benchRead(port, expected));
      // Records/s over all measured passes together.
      const seconds = passes.reduce((t, p) => t + p.records / p.recordsPerSecond, 0);
      const records = passes.reduce((n, p) => n + p.records, 0);
      const partial = passes.some((p) => p.partial);
      const short = passes.find((p) => !p.partial && p.records !== expected);
      return {
        recordsPerSecond: records / seconds,
        records,
        partial,
        ...(short ? { refused: `read ${short.records} of ${expected} records acknowledged` } : {}),
      };
    });
    return { target: target.name, status: 'ran', put, read };
  } catch (err) {
    return { target: target.name, status: `failed: ${(err as Error).message}` };
  } finally {
    await proc.stop();
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(1)}×`);

async function main(): Promise<void> {
  installCleanupHandlers();
  const body = putRecordsBody();
  const results: Result[] = [];
  for (const target of targets.filter((t) => TARGETS.includes(t.name))) {
    console.error(`[bench] ${target.name}…`);
    const result = await runTarget(target, body);
    console.error(
      `[bench] ${target.name}: ${result.status}${result.put ? ` put ${fmt(result.put.recordsPerSecond)} rec/s, read ${fmt(result.read?.recordsPerSecond)} rec/s` : ''}`,
    );
    results.push(result);
  }
  const by = (name: string) => results.find((r) => r.target === name);
  const w = by('wharf');
  const peers = results.filter((r) => r.target !== 'wharf').map((r) => r.target);
  const shown = results.map((r) => r.target);
  const rows = [
    `PutRecords ${RECORDS_PER_CALL} × ${RECORD_BYTES} B into ${SHARDS} shards, ${CONCURRENCY} in flight`,
    `GetRecords read-back of all shards, Limit 10,000, a reader per shard`,
  ];
  const usable = (r: Result | undefined, key: 'put' | 'read') => (r?.[key] && !r[key]!.refused ? r[key] : undefined);
  const cell = (r: Result | undefined, key: 'put' | 'read') =>
    r?.[key] ? (r[key]!.refused ? 'refused' : `${fmt(r[key]!.recordsPerSecond)}${r[key]!.partial ? ' (partial)' : ''}`) : (r?.status ?? 'not run');
  const cpu = (r: Result | undefined, key: 'put' | 'read') => {
    const phase = usable(r, key);
    return phase?.cpuUsPerRecord === undefined ? '—' : `${phase.cpuUsPerRecord.toFixed(1)} (load ${phase.load?.toFixed(1)})`;
  };
  console.log(`Records/s (higher is better), then server CPU per record in µs with the load average at the end of the phase.`);
  console.log(`| Scenario | ${shown.join(' | ')} | ${peers.map((p) => `wharf/${p}`).join(' | ')} |`);
  console.log(`|---|${shown.map(() => '---:').join('|')}|${peers.map(() => '---:').join('|')}|`);
  (['put', 'read'] as const).forEach((key, i) => {
    console.log(
      `| ${rows[i]} (records/s) | ${shown.map((n) => cell(by(n), key)).join(' | ')} | ${peers.map((p) => ratio(usable(w, key)?.recordsPerSecond, usable(by(p), key)?.recordsPerSecond)).join(' | ')} |`,
    );
    console.log(
      `| ${rows[i]} (server µs CPU/record) | ${shown.map((n) => cpu(by(n), key)).join(' | ')} | ${peers.map((p) => ratio(usable(w, key)?.cpuUsPerRecord, usable(by(p), key)?.cpuUsPerRecord)).join(' | ')} |`,
    );
  });
  console.log(
    `\nRecords per target: ${results.map((r) => `${r.target} put ${r.put?.records ?? '—'}, read ${r.read?.records ?? '—'}${r.read?.refused ? ` (${r.read.refused})` : ''}`).join('; ')}`,
  );
  agent.destroy();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
