// SNS fan-out benchmark: wharf vs moto_server, each started alone in its own process
// (the same launch specs as bench/sqs.ts; the Fastify ceiling has no topics, so it is not run).
//
//   npm run bench:sns                                   # defaults: 2,000 publishes × 10 queues, well under 2 minutes
//   BENCH_SNS_MESSAGES=5000 npm run bench:sns
//   BENCH_TARGETS=wharf npm run bench:sns
//
// Per target (unmeasured setup): CreateQueue × `queues` (SQS JSON protocol), read each QueueArn with
// GetQueueAttributes, CreateTopic, Subscribe every queue with Protocol=sqs and RawMessageDelivery=true
// (SNS query protocol, Attributes.entry.N.key/value). A separate warm-up topic with one queue gets
// WARMUP_PUBLISHES publishes first, so neither server is measured cold.
//
// Measured: `messages` Publish calls (query protocol, pre-built form bodies of `bodyBytes`), `concurrency`
// in flight → publish msg/s. Then GetQueueAttributes ApproximateNumberOfMessages on every queue, over and
// over, until the sum reaches messages × queues → time from the first publish to "all deliveries
// receivable", and deliveries/s over that time. Both stop at the time limit (default 60 s from the first
// publish) and are then reported as partial. Finally one message is received from each queue to check it
// arrived raw (the published body, not the JSON envelope).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqsJsonClient, describeFailure, parseJson, sendPrepared, type Reply } from './lib/client.js';
import { loadConfig, type TargetName } from './lib/config.js';
import { installCleanupHandlers } from './lib/processes.js';
import { machineInfo } from './lib/report.js';
import { createQueue, startCpuMeter, type CpuUse } from './lib/scenarios.js';
import { Tally, round } from './lib/stats.js';
import { TARGETS, startTarget, type RunningTarget } from './lib/targets.js';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const intEnv = (name: string, fallback: number, min: number): number => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}`);
  return Math.floor(value);
};

const MESSAGES = intEnv('BENCH_SNS_MESSAGES', 2000, 1);
const QUEUES = intEnv('BENCH_SNS_QUEUES', 10, 1);
const CONCURRENCY = intEnv('BENCH_SNS_CONCURRENCY', 16, 1);
const LIMIT_MS = intEnv('BENCH_SNS_LIMIT', 60, 1) * 1000;
/** Pause between two rounds of GetQueueAttributes over all queues. */
const POLL_INTERVAL_MS = 10;
const WARMUP_PUBLISHES = 100;
const SNS_TARGETS = ['wharf', 'fauxqs', 'moto'] as const satisfies readonly TargetName[];

const SNS_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000';

// Targets, body size and start-up limit come from the shared bench config (BENCH_TARGETS, BENCH_BODY_BYTES...).
const cfg = loadConfig(['--targets', env('BENCH_TARGETS', SNS_TARGETS.join(','))]);

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

// ---------------------------------------------------------------------------
// A thin SNS query-protocol client (form body in, XML out), like SqsJsonClient.

class SnsQueryClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  prepare(action: string, params: Record<string, string>): { options: http.RequestOptions; body: Buffer } {
    const body = Buffer.from(new URLSearchParams({ Action: action, Version: '2010-03-31', ...params }).toString());
    return {
      body,
      options: {
        host: this.url.hostname,
        port: this.url.port,
        path: '/',
        method: 'POST',
        agent: this.agent,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
          'Content-Length': String(body.length),
          'X-Amz-Date': '20260101T000000Z',
          Authorization: SNS_AUTHORIZATION,
        },
      },
    };
  }

  send(call: { options: http.RequestOptions; body: Buffer }, timeoutMs = 30_000): Promise<Reply> {
    return sendPrepared({ ...call, timeoutMs });
  }

  call(action: string, params: Record<string, string>): Promise<Reply> {
    return this.send(this.prepare(action, params));
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The text of the first `<tag>…</tag>` in an XML reply. */
function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match?.[1];
}

async function expectSns(client: SnsQueryClient, action: string, params: Record<string, string>, tag: string): Promise<string> {
  const reply = await client.call(action, params);
  const value = xmlValue(reply.body, tag);
  if (reply.status !== 200 || value === undefined) throw new Error(`${action} failed: ${describeFailure(reply)}`);
  return value;
}

async function queueAttribute(sqs: SqsJsonClient, queueUrl: string, name: string): Promise<string> {
  const reply = await sqs.call('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: [name] });
  const value = (parseJson(reply.body)?.['Attributes'] as Record<string, string> | undefined)?.[name];
  if (reply.status !== 200 || typeof value !== 'string') throw new Error(`GetQueueAttributes ${name} failed: ${describeFailure(reply)}`);
  return value;
}

/** A topic with `count` raw SQS subscriptions; returns the topic ARN and the queue URLs. */
async function fanOut(sns: SnsQueryClient, sqs: SqsJsonClient, prefix: string, count: number): Promise<{ topicArn: string; queueUrls: string[] }> {
  const topicArn = await expectSns(sns, 'CreateTopic', { Name: `bench-${prefix}-${Date.now().toString(36)}` }, 'TopicArn');
  const queueUrls: string[] = [];
  for (let i = 0; i < count; i++) {
    const queueUrl = await createQueue(sqs, `${prefix}${i}`);
    const queueArn = await queueAttribute(sqs, queueUrl, 'QueueArn');
    await expectSns(
      sns,
      'Subscribe',
      {
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        'Attributes.entry.1.key': 'RawMessageDelivery',
        'Attributes.entry.1.value': 'true',
        ReturnSubscriptionArn: 'true',
      },
      'SubscriptionArn',
    );
    queueUrls.push(queueUrl);
  }
  return { topicArn, queueUrls };
}

/** Message i: a recognisable prefix padded to bodyBytes. */
function messageBody(i: number): string {
  const head = `sns-bench-${i}-`;
  return head + 'x'.repeat(Math.max(0, cfg.bodyBytes - head.length));
}

// ---------------------------------------------------------------------------

interface FanOutResult {
  target: TargetName;
  status: string;
  published?: number;
  publishMs?: number;
  publishPerSecond?: number;
  publishPartial?: boolean;
  delivered?: number;
  deliveredMs?: number;
  deliveriesPerSecond?: number;
  deliveryPartial?: boolean;
  errors: string[];
  notes: string[];
  cpu?: CpuUse;
}

async function runTarget(name: TargetName): Promise<FanOutResult> {
  const result: FanOutResult = { target: name, status: 'ran', errors: [], notes: [] };
  log(`starting ${name}: ${TARGETS[name].description}`);
  const started = await startTarget(TARGETS[name], cfg);
  if (typeof started === 'string') {
    log(`skipping ${name}: ${started}`);
    return { ...result, status: `skipped: ${started}` };
  }
  for (const warning of started.warnings) {
    log(`WARNING (${name}): ${warning}`);
    result.notes.push(warning);
  }
  const sns = new SnsQueryClient(started.baseUrl, CONCURRENCY);
  const sqs = new SqsJsonClient(started.baseUrl, QUEUES);
  try {
    await measure(started, sns, sqs, result);
  } catch (err) {
    result.status = `failed: ${(err as Error).message}`;
  } finally {
    sns.close();
    sqs.close();
    await started.process.stop();
    log(`${name} stopped`);
  }
  return result;
}

async function measure(target: RunningTarget, sns: SnsQueryClient, sqs: SqsJsonClient, result: FanOutResult): Promise<void> {
  const name = target.spec.name;
  // Warm-up: the whole path (Publish → delivery into a queue) once, on a topic of its own.
  const warm = await fanOut(sns, sqs, 'warm', 1);
  for (let i = 0; i < WARMUP_PUBLISHES; i++) {
    await expectSns(sns, 'Publish', { TopicArn: warm.topicArn, Message: messageBody(i) }, 'MessageId');
  }

  const { topicArn, queueUrls } = await fanOut(sns, sqs, 'fan', QUEUES);
  const calls = Array.from({ length: MESSAGES }, (_, i) => sns.prepare('Publish', { TopicArn: topicArn, Message: messageBody(i) }));
  const countCalls = queueUrls.map((QueueUrl) => sqs.prepare('GetQueueAttributes', { QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  log(`  ${name}: topic with ${QUEUES} raw SQS subscriptions ready; publishing ${MESSAGES} messages, ${CONCURRENCY} in flight`);

  const tally = new Tally();
  const cpu = startCpuMeter(target);
  const t0 = performance.now();
  const deadline = t0 + LIMIT_MS;
  let next = 0;
  let published = 0;
  const worker = async (): Promise<void> => {
    while (next < calls.length && performance.now() < deadline) {
      const reply = await sns.send(calls[next++]!);
      if (!tally.check(reply)) continue;
      if (xmlValue(reply.body, 'MessageId') === undefined) tally.fail(`Publish reply without MessageId: ${reply.body.slice(0, 120)}`, false);
      else published++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const publishMs = performance.now() - t0;
  result.published = published;
  result.publishMs = round(publishMs, 0);
  result.publishPerSecond = round(published / (publishMs / 1000), 0);
  result.publishPartial = next < calls.length;
  log(`  ${name}: ${published} published in ${Math.round(publishMs)} ms (${result.publishPerSecond} msg/s)${result.publishPartial ? ' (time limit)' : ''}`);

  // Count deliveries until every successful publish has reached every queue.
  const expected = published * QUEUES;
  let delivered = 0;
  let deliveredAt = performance.now();
  for (;;) {
    const replies = await Promise.all(countCalls.map((call) => sqs.send(call)));
    deliveredAt = performance.now();
    let sum = 0;
    for (const reply of replies) {
      const n = Number((parseJson(reply.body)?.['Attributes'] as Record<string, string> | undefined)?.['ApproximateNumberOfMessages']);
      if (reply.status !== 200 || !Number.isFinite(n)) tally.fail(`GetQueueAttributes: ${describeFailure(reply)}`, false);
      else sum += n;
    }
    delivered = sum;
    if (delivered >= expected || deliveredAt >= deadline) break;
    await sleep(POLL_INTERVAL_MS);
  }
  result.cpu = cpu();
  const deliveredMs = deliveredAt - t0;
  result.delivered = delivered;
  result.deliveredMs = round(deliveredMs, 0);
  result.deliveriesPerSecond = round(delivered / (deliveredMs / 1000), 0);
  result.deliveryPartial = delivered < MESSAGES * QUEUES;
  if (delivered < expected) result.errors.push(`only ${delivered} of ${expected} deliveries receivable after ${Math.round(deliveredMs)} ms`);
  if (delivered > expected) result.errors.push(`${delivered} messages in the queues, more than the ${expected} expected`);
  log(`  ${name}: ${delivered}/${expected} deliveries receivable ${Math.round(deliveredMs)} ms after the first publish`);

  // Raw delivery check (unmeasured): one message per queue must be a bare published body.
  for (const QueueUrl of queueUrls) {
    const reply = await sqs.call('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 1 });
    const messages = parseJson(reply.body)?.['Messages'] as { Body?: string }[] | undefined;
    const body = messages?.[0]?.Body;
    if (reply.status !== 200 || body === undefined) tally.fail(`ReceiveMessage after fan-out: ${describeFailure(reply)}`, false);
    else if (!body.startsWith('sns-bench-')) tally.fail(`delivery is not raw: ${body.slice(0, 80)}`, false);
  }
  if (tally.errors > 0) result.errors.push(...tally.errorSummary().map((e) => `${e}`));
}

// ---------------------------------------------------------------------------

const fmt = (n: number | undefined): string => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (num: number | undefined, den: number | undefined): string =>
  num === undefined || den === undefined || den === 0 ? '—' : `${(num / den).toFixed(1)}×`;

/** Server CPU per publish (µs), over publishing and counting; undefined when the row's checks failed. */
function cpuPerPublish(r: FanOutResult | undefined): number | undefined {
  if (!r || r.errors.length > 0 || !r.published || r.cpu?.serverSeconds == null) return undefined;
  return (r.cpu.serverSeconds * 1e6) / r.published;
}

function report(results: FanOutResult[]): string {
  const w = results.find((r) => r.target === 'wharf');
  const peers = results.filter((r) => r.target !== 'wharf');
  // A row whose checks failed (a publish without MessageId, deliveries not counted back) is refused.
  const cell = (r: FanOutResult, value: number | undefined, partial: boolean | undefined): string =>
    r.errors.length > 0 ? 'refused' : value === undefined ? r.status : `${fmt(value)}${partial ? ' (partial)' : ''}`;
  const ok = (r: FanOutResult | undefined, value: number | undefined) => (r && r.errors.length === 0 ? value : undefined);
  const total = (MESSAGES * QUEUES).toLocaleString('en-US');
  const head = ['Metric', ...results.map((r) => r.target), ...(w ? peers.map((p) => `wharf vs ${p.target}`) : [])];
  const row = (label: string, value: (r: FanOutResult) => number | undefined, partial: (r: FanOutResult) => boolean | undefined, better: 'higher' | 'lower') =>
    `| ${label} | ${results.map((r) => cell(r, value(r), partial(r))).join(' | ')} | ${
      w ? peers.map((p) => (better === 'higher' ? ratio(ok(w, value(w)), ok(p, value(p))) : ratio(ok(p, value(p)), ok(w, value(w))))).join(' | ') : ''
    } |`;
  const lines = [
    `SNS fan-out: ${MESSAGES.toLocaleString('en-US')} Publish × ${QUEUES} raw SQS subscriptions = ${total} deliveries, ${cfg.bodyBytes} B bodies, ${CONCURRENCY} in flight, limit ${LIMIT_MS / 1000} s`,
    'Ratios are "times better" for wharf (above 1: wharf better).',
    '',
    `| ${head.join(' | ')} |`,
    `|---|${head
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
    row(
      'Publish throughput (msg/s, higher is better)',
      (r) => r.publishPerSecond,
      (r) => r.publishPartial,
      'higher',
    ),
    row(
      `Time from first publish until all ${total} deliveries receivable (ms, lower is better)`,
      (r) => r.deliveredMs,
      (r) => r.deliveryPartial,
      'lower',
    ),
    row(
      'Deliveries/s over that time (higher is better)',
      (r) => r.deliveriesPerSecond,
      (r) => r.deliveryPartial,
      'higher',
    ),
    row(
      'Server CPU per publish (µs, lower is better)',
      (r) => cpuPerPublish(r),
      () => false,
      'lower',
    ),
    '',
  ];
  for (const r of results) {
    const cpu = r.cpu
      ? `; CPU server ${r.cpu.serverPct ?? '?'}%, bench client ${r.cpu.clientPct}%, other processes ${r.cpu.otherPct ?? '?'}% of one core; load average ${r.cpu.loadAvg ?? '?'}`
      : '';
    lines.push(
      `- ${r.target}: ${r.status}; published ${r.published ?? '—'} in ${fmt(r.publishMs)} ms, ${r.delivered ?? '—'} deliveries receivable at ${fmt(r.deliveredMs)} ms${cpu}`,
    );
    for (const e of r.errors) lines.push(`  - ERROR: ${e}`);
    for (const n of r.notes) lines.push(`  - note: ${n}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  installCleanupHandlers();
  // Safety net: the 'exit' handler kills the servers.
  setTimeout(() => {
    console.error('[bench] global limit reached; giving up');
    process.exit(2);
  }, cfg.globalLimitMs).unref();
  const machine = machineInfo(cfg);
  log(`${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGiB} GiB, node ${machine.node}, moto ${machine.moto}; targets: ${cfg.targets.join(', ')}`);
  const results: FanOutResult[] = [];
  for (const name of SNS_TARGETS) {
    if (!cfg.targets.includes(name)) continue;
    results.push(await runTarget(name));
    await sleep(300);
  }
  console.log(report(results));
  if (results.some((r) => r.errors.length > 0 || r.status !== 'ran')) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error('[bench] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
