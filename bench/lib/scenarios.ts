// The benchmark scenarios. Each one creates its own queue (so queue depth left
// by an earlier scenario cannot skew a later one), runs under a time limit
// whose AbortSignal reaches every in-flight request, and reports its numbers
// together with every error it saw: a fast run full of errors is not a result.
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchConfig } from './config.js';
import { SqsJsonClient, describeFailure, parseJson, type PreparedCall } from './client.js';
import {
  BATCH_SIZE,
  batchCounts,
  benchMessageBody,
  deleteBatchPayload,
  receivePayload,
  receivedMessages,
  sendMessageBatchPayload,
  sendMessagePayload,
  type ReceivedMessage,
} from './messages.js';
import { groupCpuSeconds, loadAverage, systemBusySeconds } from './processes.js';
import { Tally, percentile, round } from './stats.js';
import type { RunningTarget } from './targets.js';

export interface MetricSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: 'msg/s' | 'ms';
  readonly better: 'higher' | 'lower';
}

export interface CpuUse {
  /** Server process group CPU, % of one core (null where /proc is unavailable). */
  readonly serverPct: number | null;
  /** This load-generator process, % of one core. */
  readonly clientPct: number;
  /**
   * Everything else on the machine, % of one core. Well above zero means another
   * workload (a test run, a build) competed for the cores and the figure is noisy.
   */
  readonly otherPct: number | null;
  /** Server process group CPU seconds over the phase (from /proc/<pid>/stat utime+stime). */
  readonly serverSeconds: number | null;
  /** The machine's 1-minute load average (/proc/loadavg) at the end of the phase. */
  readonly loadAvg: number | null;
}

export interface Outcome {
  /** 'failed' means the scenario could not produce numbers at all (see `failure`). */
  status: 'ok' | 'failed';
  failure?: string;
  /** Headline numbers, keyed by MetricSpec.key. */
  metrics: Record<string, number>;
  /** Secondary numbers for results.json (request latency, fill rate...). */
  details: Record<string, number>;
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  timedOut: boolean;
  notes: string[];
  cpu?: CpuUse;
}

export interface ScenarioContext {
  readonly cfg: BenchConfig;
  readonly target: RunningTarget;
  readonly signal: AbortSignal;
  readonly log: (message: string) => void;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly MetricSpec[];
  /** Needs a server that really stores messages (so not the fixed-reply ceiling). */
  readonly needsRealQueues: boolean;
  limitMs(cfg: BenchConfig): number;
  run(ctx: ScenarioContext): Promise<Outcome>;
}

/** Throughput scenarios get their measured + warm-up time plus this slack before the limit. */
const THROUGHPUT_SLACK_MS = 20_000;
/** Stop a scenario early when the server only produces errors; more samples would say nothing new. */
export const ERROR_STORM = 1000;
/** Drain receives hide messages for this long, so no message is redelivered during a slow drain. */
const DRAIN_VISIBILITY_TIMEOUT_S = 600;

// ---------------------------------------------------------------------------
// Running one scenario under its time limit.

export async function runScenario(scenario: Scenario, target: RunningTarget, cfg: BenchConfig): Promise<Outcome> {
  const controller = new AbortController();
  const limitMs = scenario.limitMs(cfg);
  const log = (message: string): void => console.error(`[bench]   ${target.spec.name}/${scenario.id}: ${message}`);
  const limitTimer = setTimeout(() => {
    log(`time limit of ${Math.round(limitMs / 1000)} s reached, aborting`);
    controller.abort();
  }, limitMs);
  // Last resort if a scenario ignores its signal: give up on it rather than hang the run.
  let hardTimer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<Outcome>((resolve) => {
    hardTimer = setTimeout(() => resolve(failedOutcome(`did not stop within ${limitMs + 5000} ms`)), limitMs + 5000);
  });
  try {
    const outcome = await Promise.race([scenario.run({ cfg, target, signal: controller.signal, log }), hardStop]);
    if (controller.signal.aborted) {
      outcome.timedOut = true;
      outcome.notes.push(`stopped by the ${Math.round(limitMs / 1000)} s time limit; numbers are partial`);
    }
    return outcome;
  } catch (err) {
    return failedOutcome((err as Error).message);
  } finally {
    clearTimeout(limitTimer);
    clearTimeout(hardTimer);
    controller.abort(); // releases anything still in flight
  }
}

export function newOutcome(tally: Tally, elapsedMs: number): Outcome {
  return {
    status: 'ok',
    metrics: {},
    details: {},
    requests: tally.requests,
    errors: tally.errors,
    errorSamples: tally.errorSummary(),
    elapsedMs: Math.round(elapsedMs),
    timedOut: false,
    notes: [],
  };
}

export function failedOutcome(reason: string): Outcome {
  return {
    status: 'failed',
    failure: reason,
    metrics: {},
    details: {},
    requests: 0,
    errors: 0,
    errorSamples: [],
    elapsedMs: 0,
    timedOut: false,
    notes: [],
  };
}

// ---------------------------------------------------------------------------
// Shared building blocks.

/**
 * CreateQueue with a unique name (with the `.fifo` suffix a FIFO queue needs) and the given
 * attributes; throws (failing the scenario) if the target refuses.
 */
export async function createQueue(client: SqsJsonClient, prefix: string, attributes?: Record<string, string>): Promise<string> {
  const suffix = attributes?.['FifoQueue'] === 'true' ? '.fifo' : '';
  const name = `bench-${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}${suffix}`;
  const reply = await client.call('CreateQueue', { QueueName: name, ...(attributes ? { Attributes: attributes } : {}) });
  const url = parseJson(reply.body)?.['QueueUrl'];
  if (reply.status !== 200 || typeof url !== 'string') {
    throw new Error(`CreateQueue failed: ${describeFailure(reply)}`);
  }
  return url;
}

/** Best effort: keeps the servers' memory flat across scenarios; not measured. */
export async function deleteQueue(client: SqsJsonClient, queueUrl: string): Promise<void> {
  await client.call('DeleteQueue', { QueueUrl: queueUrl }, 5000);
}

/** Starts measuring CPU for the server's process group, this process and the rest of the machine. */
export function startCpuMeter(target: RunningTarget): () => CpuUse {
  const wallStart = performance.now();
  const serverStart = groupCpuSeconds(target.process.pid);
  const systemStart = systemBusySeconds();
  const clientStart = process.cpuUsage();
  return () => {
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const client = process.cpuUsage(clientStart);
    const serverEnd = groupCpuSeconds(target.process.pid);
    const systemEnd = systemBusySeconds();
    const pct = (seconds: number): number => round((100 * seconds) / wallSeconds, 0);
    const clientPct = pct((client.user + client.system) / 1e6);
    const serverPct = serverStart === undefined || serverEnd === undefined ? null : pct(serverEnd - serverStart);
    const otherPct =
      serverPct === null || systemStart === undefined || systemEnd === undefined ? null : Math.max(0, pct(systemEnd - systemStart) - serverPct - clientPct);
    return {
      serverPct,
      clientPct,
      otherPct,
      serverSeconds: serverStart === undefined || serverEnd === undefined ? null : serverEnd - serverStart,
      loadAvg: loadAverage(),
    };
  };
}

interface LoopResult {
  messages: number;
  elapsedMs: number;
  latenciesMs: number[];
}

/**
 * Closed loop: `concurrency` workers each issue a request as soon as their
 * previous one returned, until `durationMs` has passed. `operation` returns
 * the number of messages its request moved (0 on error).
 */
async function closedLoop(concurrency: number, durationMs: number, signal: AbortSignal, tally: Tally, operation: () => Promise<number>): Promise<LoopResult> {
  const start = performance.now();
  const deadline = start + durationMs;
  const latenciesMs: number[] = [];
  let messages = 0;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && performance.now() < deadline && tally.errors < ERROR_STORM) {
      const sent = performance.now();
      // Not `messages += await ...`: that reads `messages` before the await and loses other workers' counts.
      const moved = await operation();
      messages += moved;
      latenciesMs.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { messages, elapsedMs: performance.now() - start, latenciesMs };
}

/** Sends one call and returns how many messages it enqueued, recording errors. */
function sender(client: SqsJsonClient, call: PreparedCall, batch: boolean, tally: Tally): () => Promise<number> {
  if (!batch) {
    // Status only: parsing every single reply would make the client the bottleneck.
    return async () => (tally.check(await client.send(call)) ? 1 : 0);
  }
  return async () => {
    const reply = await client.send(call);
    if (!tally.check(reply)) return 0;
    const counts = batchCounts(parseJson(reply.body));
    if (counts.failed > 0) tally.fail(`SendMessageBatch entry failed (${counts.failed}/call): ${counts.firstFailure}`, false);
    if (counts.ok + counts.failed !== BATCH_SIZE)
      tally.fail(`SendMessageBatch reply accounts for ${counts.ok + counts.failed} of ${BATCH_SIZE} entries`, false);
    return counts.ok;
  };
}

/** One SendMessage whose reply is checked in full, so a target that answers 200 with nonsense is caught. */
async function verifySendMessage(client: SqsJsonClient, queueUrl: string, body: string, tally: Tally): Promise<void> {
  const reply = await client.call('SendMessage', sendMessagePayload(queueUrl, body));
  if (!tally.check(reply)) return;
  const parsed = parseJson(reply.body);
  const expected = createHash('md5').update(body).digest('hex');
  if (typeof parsed?.['MessageId'] !== 'string') tally.fail(`SendMessage reply without MessageId: ${reply.body.slice(0, 120)}`, false);
  else if (parsed['MD5OfMessageBody'] !== expected) tally.fail(`SendMessage MD5OfMessageBody mismatch: ${String(parsed['MD5OfMessageBody'])}`, false);
}

function latencyDetails(latenciesMs: number[]): Record<string, number> {
  return {
    requestP50Ms: round(percentile(latenciesMs, 50), 3),
    requestP99Ms: round(percentile(latenciesMs, 99), 3),
  };
}

// ---------------------------------------------------------------------------
// SendMessage / SendMessageBatch throughput.

export function throughputScenario(operation: 'SendMessage' | 'SendMessageBatch', concurrency: number): Scenario {
  const batch = operation === 'SendMessageBatch';
  const id = batch ? `send-batch-c${concurrency}` : `send-c${concurrency}`;
  const title = batch ? `SendMessageBatch ×${BATCH_SIZE}, ${concurrency} in flight` : `SendMessage, ${concurrency} in flight`;
  return {
    id,
    title,
    metrics: [{ key: 'msgsPerSec', label: `${title} (msg/s)`, unit: 'msg/s', better: 'higher' }],
    needsRealQueues: false,
    limitMs: (cfg) => cfg.warmupMs + cfg.durationMs + THROUGHPUT_SLACK_MS,
    async run({ cfg, target, signal }) {
      const client = new SqsJsonClient(target.baseUrl, concurrency, signal);
      try {
        const queueUrl = await createQueue(client, id);
        const body = benchMessageBody(cfg.bodyBytes);
        const call = client.prepare(operation, (batch ? sendMessageBatchPayload : sendMessagePayload)(queueUrl, body));

        // Warm-up (JIT, connection pool, server caches). Errors here are reported, numbers are not.
        const warmTally = new Tally(signal);
        await verifySendMessage(client, queueUrl, body, warmTally);
        if (cfg.warmupMs > 0) await closedLoop(concurrency, cfg.warmupMs, signal, warmTally, sender(client, call, batch, warmTally));

        const tally = new Tally(signal);
        const cpu = startCpuMeter(target);
        const loop = await closedLoop(concurrency, cfg.durationMs, signal, tally, sender(client, call, batch, tally));
        const outcome = newOutcome(tally, loop.elapsedMs);
        outcome.cpu = cpu();
        outcome.metrics.msgsPerSec = round(loop.messages / (loop.elapsedMs / 1000), 0);
        outcome.details = { messages: loop.messages, ...latencyDetails(loop.latenciesMs) };
        addWarmupErrors(outcome, warmTally);
        await deleteQueue(client, queueUrl);
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

function addWarmupErrors(outcome: Outcome, warmTally: Tally): void {
  if (warmTally.errors === 0) return;
  outcome.errors += warmTally.errors;
  outcome.errorSamples.push(...warmTally.errorSummary().map((s) => `(warm-up) ${s}`));
}

// ---------------------------------------------------------------------------
// Drain: fill a queue, then Receive(10) + DeleteMessageBatch until it is empty.

export function drainScenario(messages: number, consumers: number): Scenario {
  const title = `Drain ${messages}: Receive(10)+DeleteBatch, ${consumers} consumers`;
  return {
    id: 'drain',
    title,
    metrics: [{ key: 'msgsPerSec', label: `${title} (msg/s)`, unit: 'msg/s', better: 'higher' }],
    needsRealQueues: true,
    limitMs: (c) => c.scenarioLimitMs,
    async run(ctx) {
      const { cfg, target, signal, log } = ctx;
      const client = new SqsJsonClient(target.baseUrl, Math.max(cfg.drainConsumers, cfg.batchConcurrency), signal);
      try {
        const queueUrl = await createQueue(client, 'drain');
        const tally = new Tally(signal);

        // The fill gets half the time limit so a server whose SendMessage slows down with
        // queue depth (moto) still leaves time to measure a drain of what it did accept.
        const fillStart = performance.now();
        const fillBudgetMs = cfg.scenarioLimitMs / 2;
        const plan = { messages: cfg.drainMessages, deadline: fillStart + fillBudgetMs, timeoutMs: cfg.scenarioLimitMs };
        const filled = await fillQueue(client, queueUrl, plan, cfg, tally, signal);
        const fillMs = performance.now() - fillStart;
        log(`filled ${filled} messages in ${(fillMs / 1000).toFixed(1)} s, draining`);

        const cpu = startCpuMeter(target);
        // A receive that the client gives up on still hides its messages for the visibility
        // timeout, so a slow server would never drain; only the scenario limit cuts requests.
        const drainOptions = { consumers: cfg.drainConsumers, timeoutMs: cfg.scenarioLimitMs };
        const drain = await drainQueue(client, queueUrl, filled, drainOptions, tally, signal);
        const outcome = newOutcome(tally, drain.elapsedMs);
        outcome.cpu = cpu();
        outcome.metrics.msgsPerSec = round(drain.deleted / (drain.elapsedMs / 1000), 0);
        outcome.details = {
          filled,
          fillMsgsPerSec: round(filled / (fillMs / 1000), 0),
          deleted: drain.deleted,
          receiveCalls: drain.receiveCalls,
          emptyReceives: drain.emptyReceives,
        };
        if (filled < cfg.drainMessages) {
          const why = fillMs >= fillBudgetMs ? ` within the fill budget of ${fillBudgetMs / 1000} s` : '';
          outcome.notes.push(`only ${filled} of ${cfg.drainMessages} messages were enqueued${why}; drained those`);
        }
        if (drain.deleted !== filled) outcome.notes.push(`deleted ${drain.deleted} messages, expected ${filled}`);
        if (!signal.aborted) await checkEmpty(client, queueUrl, outcome);
        await deleteQueue(client, queueUrl);
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

export interface FillPlan {
  readonly messages: number;
  /** performance.now() time after which no further batch is sent. */
  readonly deadline: number;
  /** Per-request timeout: the scenario limit, so only the limit cuts a slow server's requests. */
  readonly timeoutMs: number;
}

/**
 * Enqueue `plan.messages` (rounded up to whole batches) with batches, cfg.batchConcurrency
 * in flight, stopping early at `plan.deadline`; returns messages accepted.
 */
export async function fillQueue(client: SqsJsonClient, queueUrl: string, plan: FillPlan, cfg: BenchConfig, tally: Tally, signal: AbortSignal): Promise<number> {
  const call = client.prepare('SendMessageBatch', sendMessageBatchPayload(queueUrl, benchMessageBody(cfg.bodyBytes)), plan.timeoutMs);
  const send = sender(client, call, true, tally);
  const { deadline } = plan;
  let batchesLeft = Math.ceil(plan.messages / BATCH_SIZE);
  let filled = 0;
  const worker = async (): Promise<void> => {
    while (batchesLeft > 0 && !signal.aborted && performance.now() < deadline && tally.errors < ERROR_STORM) {
      batchesLeft--;
      const accepted = await send(); // see closedLoop on why this is not `filled += await`
      filled += accepted;
    }
  };
  await Promise.all(Array.from({ length: cfg.batchConcurrency }, worker));
  return filled;
}

export interface DrainOptions {
  readonly consumers: number;
  readonly timeoutMs: number;
  /** Sees each receive's messages, in reply order, before they are deleted (the FIFO order check). */
  readonly inspect?: (messages: ReceivedMessage[]) => void;
}

export interface DrainResult {
  deleted: number;
  receiveCalls: number;
  emptyReceives: number;
  elapsedMs: number;
}

/**
 * `options.consumers` consumers loop ReceiveMessage(10) + DeleteMessageBatch until `expected`
 * messages are deleted or the queue answers empty while no consumer holds or fetches messages.
 */
export async function drainQueue(
  client: SqsJsonClient,
  queueUrl: string,
  expected: number,
  options: DrainOptions,
  tally: Tally,
  signal: AbortSignal,
): Promise<DrainResult> {
  const { timeoutMs } = options;
  const receiveCall = client.prepare('ReceiveMessage', receivePayload(queueUrl, BATCH_SIZE, 0, DRAIN_VISIBILITY_TIMEOUT_S), timeoutMs);
  const state = { deleted: 0, receiveCalls: 0, emptyReceives: 0, inFlight: 0, receiving: 0, done: expected === 0 };
  const start = performance.now();

  const consumer = async (): Promise<void> => {
    while (!state.done && !signal.aborted && tally.errors < ERROR_STORM) {
      state.receiving++;
      const reply = await client.send(receiveCall);
      state.receiving--;
      state.receiveCalls++;
      if (!tally.check(reply)) continue;
      const messages = receivedMessages(parseJson(reply.body));
      if (messages.length === 0) {
        state.emptyReceives++;
        // Empty while nobody holds or is fetching messages: the queue really is empty
        // (fewer messages than expected came back; reported by the caller).
        if (state.inFlight === 0 && state.receiving === 0) state.done = true;
        else await sleep(1); // others hold the last messages; do not spin the server
        continue;
      }
      options.inspect?.(messages);
      state.inFlight += messages.length;
      const handles = messages.map((m) => m.receiptHandle);
      const del = await client.call('DeleteMessageBatch', deleteBatchPayload(queueUrl, handles), timeoutMs);
      state.inFlight -= messages.length;
      if (!tally.check(del)) continue;
      const counts = batchCounts(parseJson(del.body));
      if (counts.failed > 0) tally.fail(`DeleteMessageBatch entry failed (${counts.failed}/call): ${counts.firstFailure}`, false);
      state.deleted += counts.ok;
      if (state.deleted >= expected) state.done = true;
    }
  };
  await Promise.all(Array.from({ length: options.consumers }, consumer));
  return {
    deleted: state.deleted,
    receiveCalls: state.receiveCalls,
    emptyReceives: state.emptyReceives,
    elapsedMs: performance.now() - start,
  };
}

export async function checkEmpty(client: SqsJsonClient, queueUrl: string, outcome: Outcome): Promise<void> {
  const reply = await client.call('ReceiveMessage', receivePayload(queueUrl, BATCH_SIZE, 0, 30));
  const left = reply.status === 200 ? receivedMessages(parseJson(reply.body)).length : -1;
  if (left !== 0) outcome.notes.push(left < 0 ? `final empty check failed: ${describeFailure(reply)}` : `queue not empty after the drain (${left}+ visible)`);
}

// ---------------------------------------------------------------------------
// Long-poll wake latency.

export function longPollScenario(): Scenario {
  return {
    id: 'long-poll',
    title: 'Long-poll wake latency (WaitTimeSeconds=20)',
    metrics: [
      { key: 'p50Ms', label: 'Long-poll wake p50 (ms, lower is better)', unit: 'ms', better: 'lower' },
      { key: 'p99Ms', label: 'Long-poll wake p99 (ms, lower is better)', unit: 'ms', better: 'lower' },
    ],
    needsRealQueues: true,
    limitMs: (c) => c.scenarioLimitMs,
    async run({ cfg, target, signal }) {
      const client = new SqsJsonClient(target.baseUrl, 4, signal);
      try {
        const queueUrl = await createQueue(client, 'longpoll');
        const body = benchMessageBody(cfg.bodyBytes);
        const receiveCall = client.prepare('ReceiveMessage', receivePayload(queueUrl, 1, 20, 30), 25_000);
        const sendCall = client.prepare('SendMessage', sendMessagePayload(queueUrl, body));
        const tally = new Tally(signal);
        const wakesMs: number[] = [];
        const sendAcksMs: number[] = [];
        const start = performance.now();

        for (let i = 0; i < cfg.longPollIterations && !signal.aborted && tally.errors < ERROR_STORM; i++) {
          const sample = await wakeOnce(client, queueUrl, receiveCall, sendCall, cfg.longPollParkMs, tally);
          if (sample) {
            wakesMs.push(sample.wakeMs);
            sendAcksMs.push(sample.sendAckMs);
          }
        }

        const outcome = newOutcome(tally, performance.now() - start);
        outcome.metrics = { p50Ms: round(percentile(wakesMs, 50), 2), p99Ms: round(percentile(wakesMs, 99), 2) };
        outcome.details = {
          samples: wakesMs.length,
          minMs: round(percentile(wakesMs, 0), 2),
          maxMs: round(percentile(wakesMs, 100), 2),
          meanMs: round(wakesMs.reduce((a, b) => a + b, 0) / wakesMs.length, 2),
          // The send's own round trip is part of each sample; its tail tells a slow send from a slow wake.
          sendAckP50Ms: round(percentile(sendAcksMs, 50), 2),
          sendAckP99Ms: round(percentile(sendAcksMs, 99), 2),
          sendAckMaxMs: round(percentile(sendAcksMs, 100), 2),
        };
        if (wakesMs.length < cfg.longPollIterations) outcome.notes.push(`${wakesMs.length} of ${cfg.longPollIterations} samples`);
        await deleteQueue(client, queueUrl);
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

/**
 * One sample: park a consumer in ReceiveMessage, send one message, and time
 * from just before the send until the receive returns. The message is deleted
 * afterwards (not timed) so the queue is empty for the next sample.
 */
async function wakeOnce(
  client: SqsJsonClient,
  queueUrl: string,
  receiveCall: PreparedCall,
  sendCall: PreparedCall,
  parkMs: number,
  tally: Tally,
): Promise<{ wakeMs: number; sendAckMs: number } | undefined> {
  const receive = { settled: false };
  const receiving = client.send(receiveCall).then((reply) => {
    receive.settled = true;
    return { reply, at: performance.now() };
  });
  // There is no signal for "the server has parked the request"; a short pause makes it near certain.
  await sleep(parkMs);
  if (receive.settled) {
    const { reply } = await receiving;
    if (tally.check(reply)) tally.fail('ReceiveMessage(WaitTimeSeconds=20) returned before anything was sent', false);
    await deleteAll(client, queueUrl, reply.body, tally);
    return undefined;
  }

  const sentAt = performance.now();
  const sending = client.send(sendCall).then((reply) => ({ reply, at: performance.now() }));
  const [received, sent] = await Promise.all([receiving, sending]);
  const sendOk = tally.check(sent.reply);
  if (!tally.check(received.reply)) return undefined;
  const messages = receivedMessages(parseJson(received.reply.body));
  await deleteAll(client, queueUrl, received.reply.body, tally);
  if (messages.length !== 1) {
    tally.fail(`long poll returned ${messages.length} messages, expected 1`, false);
    return undefined;
  }
  if (!sendOk) return undefined;
  return { wakeMs: received.at - sentAt, sendAckMs: sent.at - sentAt };
}

async function deleteAll(client: SqsJsonClient, queueUrl: string, receiveBody: string, tally: Tally): Promise<void> {
  for (const message of receivedMessages(parseJson(receiveBody))) {
    tally.check(await client.call('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }));
  }
}
