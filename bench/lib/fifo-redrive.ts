// The FIFO and dead-letter (redrive) scenarios. Like the drain they need a
// server that really stores messages, so they run against wharf and moto,
// not the Fastify ceiling. Each fills its queue within half its time limit
// and gives the measured phase what is left, so a server that slows down
// with every message queued (moto) yields partial, flagged numbers instead
// of holding up the run.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchConfig } from './config.js';
import { SqsJsonClient, describeFailure, parseJson } from './client.js';
import {
  BATCH_SIZE,
  batchCounts,
  batchSuccessfulIds,
  fifoSendBatchPayload,
  parseFifoBody,
  receivePayload,
  receivedMessages,
  type ReceivedMessage,
} from './messages.js';
import {
  ERROR_STORM,
  checkEmpty,
  createQueue,
  deleteQueue,
  drainQueue,
  fillQueue,
  newOutcome,
  startCpuMeter,
  type Outcome,
  type Scenario,
} from './scenarios.js';
import { Tally, round } from './stats.js';

/** The DLQ is counted this often while messages move; an empty receive asks for a count at once. */
const DLQ_POLL_INTERVAL_MS = 100;
/** Redrive receivers pause this long after an empty receive, so waiting for the count does not spin the server. */
const EMPTY_RECEIVE_PAUSE_MS = 2;

// ---------------------------------------------------------------------------
// Shared: queue attributes.

/** GetQueueAttributes; returns the attributes, or a description of the failure. */
async function queueAttributes(client: SqsJsonClient, queueUrl: string, names: string[]): Promise<Record<string, string> | string> {
  const reply = await client.call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: names });
  const attributes = parseJson(reply.body)?.['Attributes'];
  if (reply.status !== 200 || attributes === null || typeof attributes !== 'object') {
    return `GetQueueAttributes failed: ${describeFailure(reply)}`;
  }
  return attributes as Record<string, string>;
}

/** The queue's ARN as the server names it (moto and wharf differ in account id); throws if it will not say. */
async function queueArn(client: SqsJsonClient, queueUrl: string): Promise<string> {
  const attributes = await queueAttributes(client, queueUrl, ['QueueArn']);
  if (typeof attributes === 'string') throw new Error(attributes);
  const arn = attributes['QueueArn'];
  if (typeof arn !== 'string') throw new Error(`GetQueueAttributes returned no QueueArn for ${queueUrl}`);
  return arn;
}

/** A numeric attribute of a parsed GetQueueAttributes reply, or undefined when absent or not a number. */
function countAttribute(reply: Record<string, unknown> | undefined, name: string): number | undefined {
  const attributes = reply?.['Attributes'] as Record<string, unknown> | undefined;
  const value = Number(attributes?.[name]);
  return attributes?.[name] === undefined || !Number.isInteger(value) ? undefined : value;
}

// ---------------------------------------------------------------------------
// FIFO: per-group producers, then ordered Receive(10) + DeleteMessageBatch.

export function fifoScenario(cfg: BenchConfig): Scenario {
  const { fifoMessages: messages, fifoGroups: groups, fifoConsumers: consumers } = cfg;
  return {
    id: 'fifo',
    title: `FIFO ${messages}: ${groups} groups, send then ordered receive`,
    metrics: [
      {
        key: 'sendMsgsPerSec',
        label: `FIFO ${messages}, ${groups} groups: SendMessageBatch ×${BATCH_SIZE}, 1 per group in flight (msg/s)`,
        unit: 'msg/s',
        better: 'higher',
      },
      {
        key: 'receiveMsgsPerSec',
        label: `FIFO ${messages}: ordered Receive(10)+DeleteBatch, ${consumers} consumers (msg/s)`,
        unit: 'msg/s',
        better: 'higher',
      },
    ],
    needsRealQueues: true,
    limitMs: (c) => c.fifoLimitMs,
    async run({ cfg, target, signal, log }) {
      const client = new SqsJsonClient(target.baseUrl, Math.max(groups, consumers), signal);
      try {
        const queueUrl = await createQueue(client, 'fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'false' });
        const tally = new Tally(signal);
        const cpu = startCpuMeter(target);

        // Half the limit for sending, as for the drain's fill, so a server that slows down with
        // queue depth (moto) still leaves time to measure receiving what it did accept.
        const sendBudgetMs = cfg.fifoLimitMs / 2;
        const sent = await sendFifo(client, queueUrl, cfg, tally, signal, performance.now() + sendBudgetMs);
        log(`sent ${sent.total} messages in ${(sent.elapsedMs / 1000).toFixed(1)} s, receiving in order`);

        const order = new FifoOrderCheck(sent.accepted, tally);
        const drainOptions = { consumers, timeoutMs: cfg.fifoLimitMs, inspect: (m: ReceivedMessage[]) => order.inspect(m) };
        const drain = await drainQueue(client, queueUrl, sent.total, drainOptions, tally, signal);
        const outcome = newOutcome(tally, sent.elapsedMs + drain.elapsedMs);
        outcome.cpu = cpu();
        outcome.metrics.sendMsgsPerSec = round(sent.total / (sent.elapsedMs / 1000), 0);
        outcome.metrics.receiveMsgsPerSec = round(drain.deleted / (drain.elapsedMs / 1000), 0);
        outcome.details = {
          sent: sent.total,
          sendMs: Math.round(sent.elapsedMs),
          deleted: drain.deleted,
          receiveMs: Math.round(drain.elapsedMs),
          // Both phases back to back, for whoever wants one figure.
          combinedMsgsPerSec: round(drain.deleted / ((sent.elapsedMs + drain.elapsedMs) / 1000), 0),
          receiveCalls: drain.receiveCalls,
          emptyReceives: drain.emptyReceives,
          orderViolations: order.violations,
        };
        if (sent.total < messages) {
          const why = sent.elapsedMs >= sendBudgetMs ? ` within the send budget of ${sendBudgetMs / 1000} s` : '';
          outcome.notes.push(`only ${sent.total} of ${messages} messages were sent${why}; received those`);
        }
        if (drain.deleted !== sent.total) outcome.notes.push(`deleted ${drain.deleted} messages, expected ${sent.total}`);
        if (!signal.aborted) await checkEmpty(client, queueUrl, outcome);
        await deleteQueue(client, queueUrl);
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

interface FifoSendResult {
  /** Per group, the counters the server accepted, in send order. */
  accepted: number[][];
  total: number;
  elapsedMs: number;
}

/**
 * One producer per group with one SendMessageBatch in flight each: that makes each group's
 * send order well defined (the order of its producer's calls, then of the entries in a call),
 * and that is the order its consumers must see. Stops after cfg.fifoMessages (split evenly
 * over the groups) or at `deadline` (performance.now() time).
 */
async function sendFifo(
  client: SqsJsonClient,
  queueUrl: string,
  cfg: BenchConfig,
  tally: Tally,
  signal: AbortSignal,
  deadline: number,
): Promise<FifoSendResult> {
  const perGroup = Math.ceil(cfg.fifoMessages / cfg.fifoGroups);
  const accepted = Array.from({ length: cfg.fifoGroups }, (): number[] => []);
  let total = 0;
  const start = performance.now();

  const producer = async (group: number, counters: number[]): Promise<void> => {
    for (let first = 0; first < perGroup; first += BATCH_SIZE) {
      if (signal.aborted || performance.now() >= deadline || tally.errors >= ERROR_STORM) return;
      const count = Math.min(BATCH_SIZE, perGroup - first);
      const payload = fifoSendBatchPayload(queueUrl, group, first, count, cfg.bodyBytes);
      const reply = await client.call('SendMessageBatch', payload, cfg.fifoLimitMs);
      if (!tally.check(reply)) continue;
      const parsed = parseJson(reply.body);
      const ok = new Set(batchSuccessfulIds(parsed));
      const { failed, firstFailure } = batchCounts(parsed);
      if (failed > 0) tally.fail(`SendMessageBatch entry failed (${failed}/call): ${firstFailure}`, false);
      if (ok.size + failed !== count) tally.fail(`SendMessageBatch reply accounts for ${ok.size + failed} of ${count} entries`, false);
      for (let counter = first; counter < first + count; counter++) {
        if (ok.has(`m${counter}`)) counters.push(counter);
      }
      total += ok.size;
    }
  };
  await Promise.all(accepted.map((counters, group) => producer(group, counters)));
  return { accepted, total, elapsedMs: performance.now() - start };
}

/**
 * Checks that each group's messages arrive in the order the server accepted them (a refused
 * counter leaves a gap that is not a violation, so order is judged by rank among the accepted
 * ones). Replies are inspected as they arrive, and for one group that is the server's delivery
 * order: a group's next messages are delivered only after the previous ones are deleted, and a
 * consumer deletes only after its reply was inspected. Every violation counts as an error.
 */
class FifoOrderCheck {
  violations = 0;
  private readonly rankOf: Array<Map<number, number>>;
  private readonly lastRank: number[];

  constructor(
    accepted: number[][],
    private readonly tally: Tally,
  ) {
    this.rankOf = accepted.map((counters) => new Map(counters.map((counter, rank) => [counter, rank])));
    this.lastRank = accepted.map(() => -1);
  }

  inspect(messages: ReceivedMessage[]): void {
    for (const message of messages) {
      const id = parseFifoBody(message.body);
      const rank = id === undefined ? undefined : this.rankOf[id.group]?.get(id.counter);
      if (id === undefined || rank === undefined) {
        this.violation('a message that was not sent (or not accepted) was received');
        continue;
      }
      const last = this.lastRank[id.group] ?? -1;
      // Descriptions stay generic so the report groups them into counts.
      if (rank <= last) this.violation('a message arrived after a later one of its group, or twice');
      else if (rank > last + 1) this.violation('a message arrived before an earlier one of its group');
      this.lastRank[id.group] = Math.max(last, rank);
    }
  }

  private violation(description: string): void {
    this.violations++;
    this.tally.fail(`FIFO order violation: ${description}`, false);
  }
}

// ---------------------------------------------------------------------------
// Redrive: every message received once, then moved to the DLQ by the next receive.

export function redriveScenario(cfg: BenchConfig): Scenario {
  const { redriveMessages: messages, redriveConsumers: consumers } = cfg;
  const title = `Redrive ${messages} to a DLQ (maxReceiveCount 1), ${consumers} receivers`;
  return {
    id: 'redrive',
    title,
    metrics: [{ key: 'msgsPerSec', label: `${title} (msg/s moved)`, unit: 'msg/s', better: 'higher' }],
    needsRealQueues: true,
    limitMs: (c) => c.redriveLimitMs,
    async run({ cfg, target, signal, log }) {
      // One socket more than the receivers, for the DLQ poller.
      const client = new SqsJsonClient(target.baseUrl, Math.max(consumers + 1, cfg.batchConcurrency), signal);
      try {
        const dlqUrl = await createQueue(client, 'dlq');
        const redrivePolicy = JSON.stringify({ deadLetterTargetArn: await queueArn(client, dlqUrl), maxReceiveCount: 1 });
        // VisibilityTimeout 0: a received message is visible again at once, so the next receive
        // that meets it finds its one receive used up and moves it.
        const sourceUrl = await createQueue(client, 'redrive', { RedrivePolicy: redrivePolicy, VisibilityTimeout: '0' });
        const tally = new Tally(signal);

        const fillStart = performance.now();
        const fillBudgetMs = cfg.redriveLimitMs / 2;
        const plan = { messages, deadline: fillStart + fillBudgetMs, timeoutMs: cfg.redriveLimitMs };
        const filled = await fillQueue(client, sourceUrl, plan, cfg, tally, signal);
        const fillMs = performance.now() - fillStart;
        log(`filled ${filled} messages in ${(fillMs / 1000).toFixed(1)} s, receiving until they are in the DLQ`);

        const cpu = startCpuMeter(target);
        const moved = await redriveAll(client, sourceUrl, dlqUrl, filled, cfg, tally, signal);
        const outcome = newOutcome(tally, moved.elapsedMs);
        outcome.cpu = cpu();
        outcome.metrics.msgsPerSec = round(moved.moved / (moved.elapsedMs / 1000), 0);
        outcome.details = {
          filled,
          fillMsgsPerSec: round(filled / (fillMs / 1000), 0),
          moved: moved.moved,
          delivered: moved.delivered,
          receiveCalls: moved.receiveCalls,
          emptyReceives: moved.emptyReceives,
          dlqPolls: moved.polls,
        };
        if (filled < messages) {
          const why = fillMs >= fillBudgetMs ? ` within the fill budget of ${fillBudgetMs / 1000} s` : '';
          outcome.notes.push(`only ${filled} of ${messages} messages were enqueued${why}; moved those`);
        }
        if (!signal.aborted) await verifyRedrive(client, sourceUrl, dlqUrl, filled, moved, outcome);
        await deleteQueue(client, sourceUrl);
        await deleteQueue(client, dlqUrl);
        return outcome;
      } finally {
        client.close();
      }
    },
  };
}

interface RedriveResult {
  /** The DLQ's ApproximateNumberOfMessages at the last count... */
  moved: number;
  /** ...and when that count came back, from the start of the phase. */
  elapsedMs: number;
  /** Messages the receives returned; with maxReceiveCount 1 each message is delivered exactly once. */
  delivered: number;
  receiveCalls: number;
  emptyReceives: number;
  polls: number;
}

/**
 * cfg.redriveConsumers receivers loop ReceiveMessage(10) on the source, deleting nothing, while
 * a poller counts the DLQ, until it holds `expected` messages. The rate is taken at the last
 * count, so a run cut by the time limit still reports how far it got.
 */
async function redriveAll(
  client: SqsJsonClient,
  sourceUrl: string,
  dlqUrl: string,
  expected: number,
  cfg: BenchConfig,
  tally: Tally,
  signal: AbortSignal,
): Promise<RedriveResult> {
  // No VisibilityTimeout in the request: the queue's 0 applies.
  const receiveCall = client.prepare('ReceiveMessage', receivePayload(sourceUrl, BATCH_SIZE, 0, undefined), cfg.redriveLimitMs);
  const countCall = client.prepare('GetQueueAttributes', { QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }, cfg.redriveLimitMs);
  const start = performance.now();
  const state = { done: expected === 0, moved: 0, movedAt: start, delivered: 0, receiveCalls: 0, emptyReceives: 0, polls: 0 };
  const wanted = { now: false, wake: undefined as (() => void) | undefined };
  const countNow = (): void => {
    wanted.now = true;
    wanted.wake?.();
  };
  const running = (): boolean => !state.done && !signal.aborted && tally.errors < ERROR_STORM;

  const receiver = async (): Promise<void> => {
    while (running()) {
      const reply = await client.send(receiveCall);
      state.receiveCalls++;
      if (!tally.check(reply)) continue;
      const count = receivedMessages(parseJson(reply.body)).length;
      state.delivered += count;
      if (count > 0) continue;
      state.emptyReceives++;
      // Nothing visible: most likely everything has moved; count the DLQ now, not at the next tick.
      countNow();
      await sleep(EMPTY_RECEIVE_PAUSE_MS);
    }
  };

  const poller = async (): Promise<void> => {
    while (running()) {
      const reply = await client.send(countCall);
      state.polls++;
      if (tally.check(reply)) {
        const count = countAttribute(parseJson(reply.body), 'ApproximateNumberOfMessages');
        if (count === undefined) {
          tally.fail(`GetQueueAttributes reply without ApproximateNumberOfMessages: ${reply.body.slice(0, 120)}`, false);
        } else {
          state.moved = count;
          state.movedAt = performance.now();
          if (count >= expected) state.done = true;
        }
      }
      if (!wanted.now && running()) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, DLQ_POLL_INTERVAL_MS);
          wanted.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      wanted.now = false;
      wanted.wake = undefined;
    }
  };

  await Promise.all([poller(), ...Array.from({ length: cfg.redriveConsumers }, receiver)]);
  return {
    moved: state.moved,
    elapsedMs: state.movedAt - start,
    delivered: state.delivered,
    receiveCalls: state.receiveCalls,
    emptyReceives: state.emptyReceives,
    polls: state.polls,
  };
}

/** After a complete run: the DLQ holds exactly the filled messages, the source none, each was delivered once. */
async function verifyRedrive(client: SqsJsonClient, sourceUrl: string, dlqUrl: string, filled: number, moved: RedriveResult, outcome: Outcome): Promise<void> {
  const dlq = await queueAttributes(client, dlqUrl, ['ApproximateNumberOfMessages']);
  const dlqCount = typeof dlq === 'string' ? undefined : Number(dlq['ApproximateNumberOfMessages']);
  outcome.details.dlqCount = dlqCount ?? -1;
  if (typeof dlq === 'string') outcome.notes.push(`final DLQ count failed: ${dlq}`);
  else if (dlqCount !== filled) outcome.notes.push(`the DLQ holds ${String(dlqCount)} messages, expected ${filled}`);

  const sourceNames = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];
  const source = await queueAttributes(client, sourceUrl, sourceNames);
  if (typeof source === 'string') outcome.notes.push(`final source count failed: ${source}`);
  else {
    const left = sourceNames.reduce((sum, name) => sum + Number(source[name] ?? 0), 0);
    if (left !== 0) outcome.notes.push(`the source queue still holds ${left} messages after the move`);
  }
  if (moved.delivered !== filled) {
    outcome.notes.push(`receives returned ${moved.delivered} messages for ${filled} moved; with maxReceiveCount 1 each is delivered exactly once`);
  }
}
