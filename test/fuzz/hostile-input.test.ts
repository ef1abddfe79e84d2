import { mkdtempSync, rmSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import { Agent } from 'node:http';
import { connect as http2Connect, type ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { seedFixture } from '../support/fuzz/fixture.js';
import { fuzzSeed } from '../support/fuzz/seed.js';
import type { LiveValues } from '../support/fuzz/model-arbitrary.js';
import { replyProblem } from '../support/fuzz/oracle.js';
import { StoredIdentifiers } from '../support/fuzz/stored-identifiers.js';
import { conflictingRequests, documentRequests, garbageRequests, printable, queryRequests, type FuzzRequest } from '../support/fuzz/requests.js';
import { exchange, h2Transport, httpTransport, injectTransport, type Transport } from '../support/fuzz/transport.js';

/**
 * Throws malformed and hostile requests at every protocol wharf speaks and checks that each
 * reply is a success or an AWS-shaped 4xx in the request's protocol: never a 5xx, a crash, a
 * hang or an error in the log. Bounded in CI; for a long run:
 *   WHARF_FUZZ_RUNS=100000 npm run fuzz          (cases in all, shared among the properties)
 *   WHARF_FUZZ_SEED=<seed> npm run fuzz          (replays a reported failure)
 *   WHARF_FUZZ_SEED=random npm run fuzz          (a fresh seed)
 * Without WHARF_FUZZ_SEED the seed comes from the commit (git rev-parse HEAD), so a run is
 * deterministic: an unrelated commit cannot turn red by luck, and each commit explores new cases.
 * A failure reports its seed, the shrunk request and how to replay it; the shrunk request then
 * becomes a regression test in test/wire/hostile-input.test.ts (see docs/reliability.md, "The fuzz test").
 */
const TOTAL_RUNS = Number(process.env.WHARF_FUZZ_RUNS ?? 2000);
const BASE_SEED = fuzzSeed(process.env.WHARF_FUZZ_SEED);
/** Generous: the CI machine is shared; a hang is a reply that never comes. */
const LIMITS = { realTimeoutMs: 10_000, virtualLimitMs: 15 * 60_000 };
/** State is reset (and the fixture recreated) this often, so it stays small and every property starts alike. */
const RESEED_EVERY = 200;

const clock = new ManualClock();
let server: RunningServer;
let live: LiveValues;
const loggedErrors: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
let h2Session: ClientHttp2Session | undefined;
/** Every session opened, so that all are gone before the leak check (a closed one may keep its socket). */
const h2Sessions: ClientHttp2Session[] = [];
/** One h2c session, reopened if wharf closed it (e.g. after a protocol error). */
function h2(): ClientHttp2Session {
  if (!h2Session || h2Session.closed || h2Session.destroyed) {
    // Node's client keeps a request's unsent body after wharf has answered it early (a GET's body,
    // a bad URL), counting it against its session memory (10 MB by default) until it refuses new
    // streams with ENHANCE_YOUR_CALM on its own side; the fuzzer sends many such bodies.
    h2Session = http2Connect(server.url, { maxSessionMemory: 1024 });
    h2Session.on('error', () => {});
    h2Sessions.push(h2Session);
  }
  return h2Session;
}
let heapBeforeMb = 0;
/** On disk, so the test can read what wharf stored beside it (StoredIdentifiers). */
const dataDir = mkdtempSync(join(tmpdir(), 'wharf-fuzz-'));
let stored: StoredIdentifiers;

async function reseed(): Promise<void> {
  server.emulator.reset();
  clock.set(Date.UTC(2026, 0, 1));
  live = await seedFixture(server.app);
}

beforeAll(async () => {
  // Errors wharf logs (e.g. "internal error") fail the run even when the reply looked fine.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      loggedErrors.push(chunk.toString('utf8'));
      done();
    },
  });
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir }, { clock, logger: pino({ level: 'error' }, sink) });
  stored = new StoredIdentifiers(server.emulator.database);
  await reseed();
  heapBeforeMb = process.memoryUsage().heapUsed / 2 ** 20;
  console.info(
    `hostile-input fuzz: ${TOTAL_RUNS} cases, WHARF_FUZZ_SEED=${BASE_SEED} (${process.env.WHARF_FUZZ_SEED === undefined ? 'from the commit' : 'from the environment'})`,
  );
});

afterAll(async () => {
  agent.destroy();
  h2Sessions.forEach((session) => session.destroy());
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `runs` cases of one property with its own seed (BASE_SEED + index), fresh state first. */
async function fuzz(index: number, share: number, arbitrary: (live: LiveValues) => fc.Arbitrary<FuzzRequest>, transport: () => Transport): Promise<void> {
  await reseed();
  let sent = 0;
  const runs = Math.max(1, Math.round(TOTAL_RUNS * share));
  await fc.assert(
    fc.asyncProperty(
      // The arbitrary reads `live` lazily: the fixture's names change at each reseed.
      fc.constant(null).chain(() => printable(arbitrary(live))),
      async (req) => {
        if (++sent % RESEED_EVERY === 0) await reseed();
        loggedErrors.length = 0;
        const reply = await exchange(transport(), clock, req, LIMITS);
        const problem = replyProblem(req, reply);
        if (problem) throw new Error(problem);
        if (loggedErrors.length > 0) throw new Error(`wharf logged an error: ${loggedErrors.join('\n')}`);
        const wrong = stored.problems();
        if (wrong.length > 0) throw new Error(`stored identifiers of the wrong shape:\n  ${wrong.slice(0, 10).join('\n  ')}`);
      },
    ),
    { numRuns: runs, seed: BASE_SEED + index },
  );
}

const timeoutFor = (share: number) => 60_000 + TOTAL_RUNS * share * 250;
const inject = () => injectTransport(server.app);
const http = () => httpTransport(server.url, agent);
const http2 = () => h2Transport(h2);

const everything = (l: LiveValues) =>
  fc.oneof(
    queryRequests('sqs', l),
    queryRequests('sns', l),
    documentRequests('sqs', 'json', l),
    documentRequests('kinesis', 'json', l),
    documentRequests('kinesis', 'cbor', l),
    garbageRequests(),
    conflictingRequests(l),
  );

const numbersAtTheirLimits = (l: LiveValues) =>
  fc.oneof(
    queryRequests('sqs', l, 'numbers'),
    queryRequests('sns', l, 'numbers'),
    documentRequests('sqs', 'json', l, 'numbers'),
    documentRequests('kinesis', 'json', l, 'numbers'),
    documentRequests('kinesis', 'cbor', l, 'numbers'),
  );

describe('hostile input (fuzz): every reply is a success or an AWS-shaped 4xx in the request protocol', () => {
  const properties: [string, number, (live: LiveValues) => fc.Arbitrary<FuzzRequest>, () => Transport][] = [
    ['SQS query (form body and URL query), from the model and mutated', 0.13, (l) => queryRequests('sqs', l), inject],
    ['SNS query, from the model and mutated', 0.13, (l) => queryRequests('sns', l), inject],
    ['SQS JSON 1.0, from the model and mutated', 0.14, (l) => documentRequests('sqs', 'json', l), inject],
    ['Kinesis JSON 1.1, from the model and mutated', 0.14, (l) => documentRequests('kinesis', 'json', l), inject],
    ['Kinesis CBOR, from the model and mutated', 0.12, (l) => documentRequests('kinesis', 'cbor', l), inject],
    ['bodies of no protocol with any protocol headers', 0.08, () => garbageRequests(), inject],
    ['conflicting routing signals (Action, X-Amz-Target, credential scope, path, Content-Type)', 0.08, (l) => conflictingRequests(l), inject],
    ['all of the above over real HTTP/1.1 sockets', 0.12, everything, http],
    ['all of the above over h2c (HTTP/2 with prior knowledge)', 0.06, everything, http2],
    ['numeric members (integer, long, float, timestamp) at and past their limits, in JSON, CBOR and query', 0.1, numbersAtTheirLimits, inject],
  ];
  properties.forEach(([name, share, arbitrary, transport], index) => {
    it(name, () => fuzz(index, share, arbitrary, transport), timeoutFor(share));
  });

  it('leaves no waiting receive, subscription or connection behind, and memory bounded', async () => {
    expect(server.emulator.sqs.signals.waiting).toBe(0);
    expect(server.emulator.kinesis.records.signals.waiting).toBe(0);
    // Every request's abort wiring (long polls, subscriptions) was removed with it.
    expect(getEventListeners(server.emulator.closingSignal, 'abort')).toHaveLength(0);
    agent.destroy();
    h2Sessions.forEach((session) => session.destroy());
    await expect.poll(() => new Promise<number>((resolve) => server.app.server.getConnections((_err, n) => resolve(n))), { timeout: 5_000 }).toBe(0);
    server.emulator.reset();
    const heapAfterMb = process.memoryUsage().heapUsed / 2 ** 20;
    console.info(`hostile-input fuzz: heap ${heapBeforeMb.toFixed(0)} MiB before, ${heapAfterMb.toFixed(0)} MiB after`);
    expect(heapAfterMb).toBeLessThan(heapBeforeMb + 512);
  });
});
