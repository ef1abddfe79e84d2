import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator, type EmulatorOptions } from '../../../src/emulator.js';
import { applyInitFile, type InitSummary } from '../../../src/init/apply.js';
import { InitFileError, parseInitFile } from '../../../src/init/load.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
const queue = (name: string, accountId = ACCOUNT, region = REGION) => ({ accountId, region, name });
const lines = (...l: string[]) => `${l.join('\n')}\n`;

interface Fixture {
  clock: ManualClock;
  emulator: Emulator;
  logs: { level: 'info' | 'debug'; msg: string }[];
  apply(source: string): Promise<InitSummary>;
  refusal(source: string): Promise<string[]>;
}

const emulators: Emulator[] = [];
afterEach(() => {
  for (const e of emulators.splice(0)) e.close();
});

function fixture(options: EmulatorOptions = {}): Fixture {
  const clock = new ManualClock(T0);
  const emulator = new Emulator({ clock, ...options });
  emulators.push(emulator);
  const logs: Fixture['logs'] = [];
  const logger = { info: (_: object, msg: string) => logs.push({ level: 'info', msg }), debug: (_: object, msg: string) => logs.push({ level: 'debug', msg }) };
  const apply = (source: string) =>
    applyInitFile(parseInitFile('./wharf.yaml', source, { accountId: ACCOUNT, region: REGION }), {
      services: emulator.services,
      clock,
      logger,
      baseUrl: 'http://localhost:4566',
    });
  return {
    clock,
    emulator,
    logs,
    apply,
    async refusal(source) {
      try {
        await apply(source);
      } catch (err) {
        if (err instanceof InitFileError) return err.problems;
        throw err;
      }
      throw new Error('expected init to refuse the file');
    },
  };
}

const QUEUES = lines(
  'queues:',
  '  - name: jobs',
  '    attributes:',
  '      VisibilityTimeout: 45',
  '    deadLetter: { queue: jobs-dlq, maxReceiveCount: 3 }',
  '    tags: { team: core }',
  '  - name: jobs-dlq',
  '    attributes:',
  '      RedriveAllowPolicy: { redrivePermission: byQueue, sourceQueueArns: ["arn:aws:sqs:us-east-1:000000000000:jobs"] }',
  '  - name: orders.fifo',
  '    attributes: { ContentBasedDeduplication: true }',
  '  - name: elsewhere',
  '    accountId: "111111111111"',
  '    region: eu-west-1',
);

describe('init file: queues', () => {
  it('creates queues with attributes, tags and a dead-letter queue declared after its source', async () => {
    const f = fixture();
    const summary = await f.apply(QUEUES);
    expect(summary.queues).toEqual(['created', 'created', 'created', 'created']);
    const jobs = f.emulator.sqs.getQueueAttributes(queue('jobs'), ['All']);
    expect(jobs).toMatchObject({
      VisibilityTimeout: '45',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:jobs-dlq","maxReceiveCount":3}',
    });
    expect(f.emulator.sqs.getQueue(queue('jobs')).tags).toEqual({ team: 'core' });
    expect(f.emulator.sqs.getQueueAttributes(queue('orders.fifo'), ['All'])).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    expect(f.emulator.sqs.getQueue(queue('elsewhere', '111111111111', 'eu-west-1')).arn).toBe('arn:aws:sqs:eu-west-1:111111111111:elsewhere');
    expect(f.logs.filter((l) => l.level === 'info').map((l) => l.msg)).toEqual([
      'init: created queue jobs',
      'init: created queue jobs-dlq',
      'init: created queue orders.fifo',
      'init: created queue elsewhere',
      'init: 4 queues, 0 topics, 0 streams from ./wharf.yaml: 4 created, 0 updated, 0 unchanged',
    ]);
  });

  it('changes nothing when the same file is applied again', async () => {
    const f = fixture();
    await f.apply(QUEUES);
    const before = f.emulator.sqs.getQueueAttributes(queue('jobs'), ['All']);
    f.clock.advance(5_000);
    const summary = await f.apply(QUEUES);
    expect(summary.queues).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(f.emulator.sqs.getQueueAttributes(queue('jobs'), ['All'])).toEqual(before);
    expect(f.logs.at(-1)!.msg).toBe('init: 4 queues, 0 topics, 0 streams from ./wharf.yaml: 0 created, 0 updated, 4 unchanged');
  });

  it('applies a changed attribute, tag or dead-letter queue as SetQueueAttributes and TagQueue would, leaving what the file does not mention', async () => {
    const f = fixture();
    await f.apply(QUEUES);
    // Set through the API, not in the file: init leaves it.
    f.emulator.sqs.setQueueAttributes(queue('jobs'), { DelaySeconds: '7' });
    f.emulator.sqs.tagQueue(queue('jobs'), { owner: 'api' });
    f.clock.advance(5_000);
    const changed = QUEUES.replace('VisibilityTimeout: 45', 'VisibilityTimeout: 60')
      .replace('team: core', 'team: platform')
      .replace('maxReceiveCount: 3', 'maxReceiveCount: 4');
    const summary = await f.apply(changed);
    expect(summary.queues).toEqual(['updated', 'unchanged', 'unchanged', 'unchanged']);
    expect(f.emulator.sqs.getQueueAttributes(queue('jobs'), ['All'])).toMatchObject({
      VisibilityTimeout: '60',
      DelaySeconds: '7',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:jobs-dlq","maxReceiveCount":4}',
      LastModifiedTimestamp: String(Math.floor((T0 + 5_000) / 1000)),
    });
    expect(f.emulator.sqs.getQueue(queue('jobs')).tags).toEqual({ team: 'platform', owner: 'api' });
    expect(f.logs.filter((l) => l.level === 'info').at(-2)!.msg).toBe('init: updated queue jobs (VisibilityTimeout, tags, RedrivePolicy)');
  });

  it('refuses what the API refuses, at the line of the value the error is about', async () => {
    const f = fixture();
    expect(await f.refusal(lines('queues:', '  - name: jobs', '    attributes:', '      DelaySeconds: 1', '      Polcy: "{}"'))).toEqual([
      'init file ./wharf.yaml, line 5 (queues[0].attributes.Polcy): InvalidAttributeName: Unknown Attribute Polcy.',
    ]);
    expect(await f.refusal(lines('queues:', '  - name: jobs', '    tags: { a: b }', '  - name: "bad name!"'))).toEqual([
      'init file ./wharf.yaml, line 4 (queues[1]): InvalidParameterValue: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    ]);
    expect(await f.refusal(lines('queues:', '  - name: std', '    attributes: { ContentBasedDeduplication: true }'))).toEqual([
      'init file ./wharf.yaml, line 3 (queues[0].attributes.ContentBasedDeduplication): InvalidAttributeName: Unknown Attribute ContentBasedDeduplication.',
    ]);
  });

  it('refuses a dead-letter queue of the other type at the deadLetter line', async () => {
    const f = fixture();
    const problems = await f.refusal(
      lines('queues:', '  - name: plain', '    deadLetter:', '      queue: dlq.fifo', '      maxReceiveCount: 2', '  - name: dlq.fifo'),
    );
    expect(problems).toEqual([
      'init file ./wharf.yaml, line 3 (queues[0].deadLetter): InvalidParameterValue: Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq.fifo","maxReceiveCount":2} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.',
    ]);
  });
});

const TOPICS = lines(
  'topics:',
  '  - name: orders',
  '    attributes: { DisplayName: Orders }',
  '    tags: { team: core }',
  '    subscriptions:',
  '      - queue: all-orders',
  '      - queue: shipped',
  '        rawMessageDelivery: true',
  '        filterPolicyScope: MessageBody',
  '        filterPolicy: { detail: { status: [shipped] } }',
  '  - name: audit.fifo',
  '    region: eu-west-1',
  '    subscriptions: [{ queue: audit.fifo }]',
  'queues:',
  '  - name: all-orders',
  '  - name: shipped',
  '  - name: audit.fifo',
);

describe('init file: topics and subscriptions', () => {
  it('creates topics and subscribes queues declared anywhere in the file, with their attributes', async () => {
    const f = fixture();
    const summary = await f.apply(TOPICS);
    expect(summary).toMatchObject({ topics: ['created', 'created'], subscriptions: ['created', 'created', 'created'] });
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders';
    expect(f.emulator.sns.getTopicAttributes(topicArn)).toMatchObject({ DisplayName: 'Orders' });
    expect(f.emulator.sns.topicTags(topicArn)).toEqual({ team: 'core' });
    const [all, shipped] = f.emulator.sns.listSubscriptionsByTopic(topicArn, 0, 10);
    expect(all).toMatchObject({ protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:000000000000:all-orders', attributes: {} });
    expect(shipped).toMatchObject({
      endpoint: 'arn:aws:sqs:us-east-1:000000000000:shipped',
      attributes: { RawMessageDelivery: 'true', FilterPolicyScope: 'MessageBody', FilterPolicy: '{"detail":{"status":["shipped"]}}' },
    });
    // The FIFO topic in another region reaches the FIFO queue of the default region.
    const [audit] = f.emulator.sns.listSubscriptionsByTopic('arn:aws:sns:eu-west-1:000000000000:audit.fifo', 0, 10);
    expect(audit!.endpoint).toBe('arn:aws:sqs:us-east-1:000000000000:audit.fifo');
    expect(f.logs.map((l) => l.msg)).toContain('init: created subscription orders → sqs:shipped');
  });

  it('changes nothing when applied again, and applies a changed filter policy to the existing subscription', async () => {
    const f = fixture();
    await f.apply(TOPICS);
    expect(await f.apply(TOPICS)).toMatchObject({ topics: ['unchanged', 'unchanged'], subscriptions: ['unchanged', 'unchanged', 'unchanged'] });
    // Back to a flat policy in MessageAttributes scope: the policy changes before the scope.
    const changed = TOPICS.replace('filterPolicyScope: MessageBody', 'filterPolicyScope: MessageAttributes')
      .replace('{ detail: { status: [shipped] } }', '{ status: [shipped, delivered] }')
      .replace('DisplayName: Orders', 'DisplayName: All orders');
    expect(await f.apply(changed)).toMatchObject({ topics: ['updated', 'unchanged'], subscriptions: ['unchanged', 'updated', 'unchanged'] });
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders';
    expect(f.emulator.sns.getTopicAttributes(topicArn).DisplayName).toBe('All orders');
    const subscriptions = f.emulator.sns.listSubscriptionsByTopic(topicArn, 0, 10);
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions[1]!.attributes).toMatchObject({ FilterPolicyScope: 'MessageAttributes', FilterPolicy: '{"status":["shipped","delivered"]}' });
  });

  it('refuses what Subscribe refuses, at the line of the attribute', async () => {
    const f = fixture();
    const problems = await f.refusal(
      lines('topics:', '  - name: t', '    subscriptions:', '      - protocol: email', '        endpoint: ops@example.com', '        rawMessageDelivery: true'),
    );
    expect(problems).toEqual([
      'init file ./wharf.yaml, line 6 (topics[0].subscriptions[0].rawMessageDelivery): InvalidParameterException: Invalid parameter: Attributes Reason: Delivery protocol [email] does not support raw message delivery attribute',
    ]);
    expect(
      await f.refusal(lines('topics:', '  - name: t', '    subscriptions:', '      - queue: q', '        filterPolicy: { a: b }', 'queues: [{ name: q }]')),
    ).toEqual([
      expect.stringMatching(
        /^init file \.\/wharf\.yaml, line 5 \(topics\[0\]\.subscriptions\[0\]\.filterPolicy\): InvalidParameterException: Invalid parameter: /,
      ),
    ]);
    expect(await f.refusal(lines('topics:', '  - name: standard', '    subscriptions: [{ queue: q.fifo }]', 'queues: [{ name: q.fifo }]'))).toEqual([
      'init file ./wharf.yaml, line 3 (topics[0].subscriptions[0].queue): InvalidParameterException: Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
    ]);
  });
});

const STREAMS = lines(
  'streams:',
  '  - name: clicks',
  '    shards: 2',
  '    retentionHours: 48',
  '    consumers: [analytics, archiver]',
  '    tags: { team: data }',
  '  - name: logs',
  '    mode: ON_DEMAND',
);

describe('init file: streams', () => {
  it('creates streams with shards or on demand, retention, tags and consumers', async () => {
    const f = fixture();
    expect(await f.apply(STREAMS)).toMatchObject({ streams: ['created', 'created'], consumers: ['created', 'created'] });
    const clicks = f.emulator.kinesis.describeStream(queue('clicks'));
    expect(clicks).toMatchObject({ status: 'ACTIVE', openShardCount: 2, retentionHours: 48, mode: 'PROVISIONED' });
    expect(f.emulator.kinesis.tagsOf(queue('clicks'))).toEqual({ team: 'data' });
    expect(f.emulator.kinesis.consumers.list(queue('clicks')).map((c) => [c.name, c.status])).toEqual([
      ['analytics', 'ACTIVE'],
      ['archiver', 'ACTIVE'],
    ]);
    expect(f.emulator.kinesis.describeStream(queue('logs'))).toMatchObject({ mode: 'ON_DEMAND', openShardCount: 4 });
  });

  it('waits on the clock until streams and consumers created with a delay are ACTIVE', async () => {
    const f = fixture({ kinesis: { createDelayMs: 500 } });
    let done = false;
    const applying = f.apply(STREAMS).then(() => (done = true));
    for (let waited = 0; !done && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setImmediate(resolve));
      f.clock.advance(20);
    }
    await applying;
    // The stream (500 ms) then its consumers (500 ms more): init did not return before.
    expect(f.clock.now() - T0).toBeGreaterThanOrEqual(1_000);
    expect(f.emulator.kinesis.describeStream(queue('clicks')).status).toBe('ACTIVE');
    expect(f.emulator.kinesis.consumers.list(queue('clicks')).every((c) => c.status === 'ACTIVE')).toBe(true);
  });

  it('changes nothing when applied again, and reshards, changes retention and adds consumers when the file changes', async () => {
    const f = fixture();
    await f.apply(STREAMS);
    expect(await f.apply(STREAMS)).toMatchObject({ streams: ['unchanged', 'unchanged'], consumers: ['unchanged', 'unchanged'] });
    const changed = STREAMS.replace('shards: 2', 'shards: 4')
      .replace('retentionHours: 48', 'retentionHours: 24')
      .replace('[analytics, archiver]', '[analytics, archiver, alerts]');
    expect(await f.apply(changed)).toMatchObject({ streams: ['updated', 'unchanged'], consumers: ['unchanged', 'unchanged', 'created'] });
    expect(f.emulator.kinesis.describeStream(queue('clicks'))).toMatchObject({ openShardCount: 4, retentionHours: 24 });
    expect(f.logs.map((l) => l.msg)).toContain('init: updated stream clicks (shards, retentionHours)');
  });

  it('refuses what the API refuses, at the line of the value it is about', async () => {
    const f = fixture({ kinesis: { shardLimit: 3 } });
    const problems = await f.refusal(lines('streams:', '  - name: small', '    shards: 2', '  - name: big', '    shards: 2'));
    expect(problems).toEqual([
      expect.stringMatching(/^init file \.\/wharf\.yaml, line 5 \(streams\[1\]\.shards\): LimitExceededException: This request would exceed the shard limit/),
    ]);
  });
});

describe('init file: every problem in one run', () => {
  it('reports each resource the API refuses, not only the first', async () => {
    const f = fixture();
    const problems = await f.refusal(
      lines(
        'queues:',
        '  - name: jobs',
        '    attributes: { Polcy: "{}" }',
        '  - name: "bad name!"',
        '  - name: fine',
        'streams:',
        '  - name: s',
        '    shards: 600',
      ),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('line 3 (queues[0].attributes.Polcy): InvalidAttributeName: Unknown Attribute Polcy.');
    expect(problems[1]).toContain('line 4 (queues[1]): InvalidParameterValue: Can only include alphanumeric characters');
    expect(problems[2]).toContain('(streams[0]');
    // The well-formed queue was still created.
    expect(f.emulator.sqs.getQueue(queue('fine'))).toBeDefined();
  });
});
