import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InitFileError, loadInitFile, parseInitFile } from '../../src/init/load.js';

const DEFAULTS = { accountId: '000000000000', region: 'us-east-1' };

/** The problems a file is refused with (one line each). */
function problemsOf(source: string, file = './wharf.yaml'): string[] {
  try {
    parseInitFile(file, source, DEFAULTS);
  } catch (err) {
    if (err instanceof InitFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('the init file: reading a good one', () => {
  it('reads YAML with friendly keys into AWS attributes, resolving names declared later in the file', () => {
    const { plan } = parseInitFile(
      './wharf.yaml',
      lines(
        'queues:',
        '  - name: jobs',
        '    attributes: { VisibilityTimeout: 30, Policy: { Version: "2012-10-17", Statement: [] } }',
        '    deadLetter: { queue: jobs-dlq, maxReceiveCount: 3 }',
        '    tags: { team: core, tier: 1 }',
        '  - name: jobs-dlq',
        '  - name: events.fifo',
        '    region: eu-west-1',
        '    accountId: "111111111111"',
        'topics:',
        '  - name: orders',
        '    subscriptions:',
        '      - queue: jobs',
        '        rawMessageDelivery: true',
        '        filterPolicy: { type: [placed] }',
        '        filterPolicyScope: MessageBody',
        '      - protocol: https',
        '        endpoint: https://example.com/hook',
        'streams:',
        '  - name: clicks',
        '    shards: 2',
        '    retentionHours: 48',
        '    consumers: [reader, { name: archiver }]',
        '  - name: logs',
        '    mode: ON_DEMAND',
      ),
      DEFAULTS,
    );
    const [jobs, dlq, fifo] = plan.queues;
    expect(jobs).toMatchObject({
      key: { accountId: '000000000000', region: 'us-east-1', name: 'jobs' },
      attributes: { VisibilityTimeout: '30', Policy: '{"Version":"2012-10-17","Statement":[]}' },
      redrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:jobs-dlq","maxReceiveCount":3}',
      tags: { team: 'core', tier: '1' },
    });
    expect(dlq!.redrivePolicy).toBeUndefined();
    // A .fifo name can only be a FIFO queue's: FifoQueue=true is implied.
    expect(fifo).toMatchObject({ key: { accountId: '111111111111', region: 'eu-west-1', name: 'events.fifo' }, attributes: { FifoQueue: 'true' } });
    expect(plan.topics[0]!.subscriptions).toEqual([
      expect.objectContaining({
        protocol: 'sqs',
        endpoint: 'arn:aws:sqs:us-east-1:000000000000:jobs',
        attributes: { RawMessageDelivery: 'true', FilterPolicy: '{"type":["placed"]}', FilterPolicyScope: 'MessageBody' },
      }),
      expect.objectContaining({ protocol: 'https', endpoint: 'https://example.com/hook', attributes: {} }),
    ]);
    expect(plan.streams).toEqual([
      expect.objectContaining({
        key: expect.objectContaining({ name: 'clicks' }),
        capacity: { mode: 'PROVISIONED', shards: 2 },
        retentionHours: 48,
        consumers: [expect.objectContaining({ name: 'reader' }), expect.objectContaining({ name: 'archiver' })],
      }),
      expect.objectContaining({ key: expect.objectContaining({ name: 'logs' }), capacity: { mode: 'ON_DEMAND' } }),
    ]);
  });

  it('reads JSON (with tabs) the same way', () => {
    const { plan } = parseInitFile(
      './wharf.json',
      '{\n\t"queues": [\n\t\t{ "name": "jobs", "attributes": { "DelaySeconds": "5", "RedrivePolicy": { "deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:dlq", "maxReceiveCount": 2 } } },\n\t\t{ "name": "dlq" }\n\t]\n}\n',
      DEFAULTS,
    );
    expect(plan.queues[0]).toMatchObject({
      attributes: { DelaySeconds: '5' },
      redrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}',
    });
    expect(plan.queues[0]!.attributes).not.toHaveProperty('RedrivePolicy');
  });

  it('subscribes a queue declared in another account by name when it is the only one of that name', () => {
    const { plan } = parseInitFile(
      'f.yaml',
      lines('topics:', '  - name: t', '    subscriptions: [{ queue: far }]', 'queues:', '  - { name: far, accountId: "222222222222" }'),
      DEFAULTS,
    );
    expect(plan.topics[0]!.subscriptions[0]!.endpoint).toBe('arn:aws:sqs:us-east-1:222222222222:far');
  });

  it('accepts an empty file as declaring nothing, and a key left empty as absent', () => {
    expect(parseInitFile('f.yaml', '', DEFAULTS).plan).toEqual({ queues: [], topics: [], streams: [] });
    const { plan } = parseInitFile('f.yaml', lines('queues:', '  - name: jobs', '    tags:', '    #  team: core', 'topics:'), DEFAULTS);
    expect(plan.queues[0]!.tags).toEqual({});
    expect(problemsOf(lines('queues:', '  -', '  - name: a'))).toEqual(['init file ./wharf.yaml, line 2 (queues[0]): must be a map of key: value']);
  });

  it('loads the docker/wharf-init.yaml example', () => {
    const { plan } = loadInitFile(join(import.meta.dirname, '../../docker/wharf-init.yaml'), DEFAULTS);
    expect(plan.queues.map((q) => q.key.name)).toEqual(['orders', 'shipping-notifications', 'orders-dlq']);
    expect(plan.queues[0]!.redrivePolicy).toContain('orders-dlq');
    expect(plan.topics[0]!.subscriptions).toHaveLength(2);
    expect(plan.streams[0]!.consumers.map((c) => c.name)).toEqual(['analytics']);
  });
});

describe('the init file: refusing a bad one with its line and field', () => {
  it('names the file, the line and the path of a value out of AWS bounds', () => {
    const source = lines('queues:', '  - name: a', '  - name: b', '  - name: c', '    attributes:', '      DelaySeconds: 5', '      VisibilityTimeout: 50000');
    expect(problemsOf(source)).toEqual(['init file ./wharf.yaml, line 7 (queues[2].attributes.VisibilityTimeout): must be an integer 0..43200']);
  });

  it('reports every problem, each at its own line', () => {
    const source = lines(
      'queues:',
      '  - attributes: { DelaySeconds: -1 }',
      '    tagz: {}',
      'streams:',
      '  - name: s',
      '    shards: 0',
      '    consumers: [{}]',
      'topic: []',
    );
    expect(problemsOf(source)).toEqual([
      'init file ./wharf.yaml, line 2 (queues[0].name): is required',
      'init file ./wharf.yaml, line 2 (queues[0].attributes.DelaySeconds): must be an integer 0..900',
      'init file ./wharf.yaml, line 3 (queues[0].tagz): unknown key tagz (expected name, accountId, region, fifo, attributes, deadLetter, tags)',
      'init file ./wharf.yaml, line 6 (streams[0].shards): must be a whole number of 1 or more',
      'init file ./wharf.yaml, line 7 (streams[0].consumers[0]): must be a consumer name (or a map with only name)',
      'init file ./wharf.yaml, line 8 (topic): unknown key topic (expected queues, topics, streams)',
    ]);
  });

  it('refuses values of the wrong type', () => {
    const source = lines(
      'queues: {}',
      'topics:',
      '  - name: [x]',
      '    fifo: maybe',
      '    tags: [a]',
      'streams:',
      '  - name: s',
      '    mode: SOMETIMES',
      '    region: mars',
    );
    expect(problemsOf(source)).toEqual([
      'init file ./wharf.yaml, line 1 (queues): must be a list',
      'init file ./wharf.yaml, line 3 (topics[0].name): must be a non-empty string',
      'init file ./wharf.yaml, line 4 (topics[0].fifo): must be true or false',
      'init file ./wharf.yaml, line 5 (topics[0].tags): must be a map of key: value',
      'init file ./wharf.yaml, line 8 (streams[0].mode): must be one of PROVISIONED, ON_DEMAND',
      'init file ./wharf.yaml, line 9 (streams[0].region): must look like an AWS region, e.g. us-east-1',
    ]);
  });

  it('refuses a dead-letter queue that is not in the file, or not in the source queue account', () => {
    const source = lines(
      'queues:',
      '  - name: jobs',
      '    deadLetter:',
      '      queue: missing',
      '      maxReceiveCount: 3',
      '  - name: other',
      '    accountId: "111111111111"',
      '    deadLetter: { queue: jobs, maxReceiveCount: 1001 }',
      '  - name: third',
      '    deadLetter: { queue: jobs, arn: "arn:aws:sqs:us-east-1:000000000000:jobs", maxReceiveCount: 1 }',
    );
    // The shape problem and the other entries' reference problems, in one run.
    expect(problemsOf(source)).toEqual([
      expect.stringMatching(/^init file \.\/wharf\.yaml, line 4 \(queues\[0\]\.deadLetter\.queue\): no queue named missing in this file/),
      'init file ./wharf.yaml, line 8 (queues[1].deadLetter.maxReceiveCount): must be an integer 1..1000',
      'init file ./wharf.yaml, line 10 (queues[2].deadLetter): needs either queue (the name of a queue in this file) or arn',
    ]);
    expect(problemsOf(source.replace('1001', '2'))).toEqual([
      expect.stringMatching(
        /^init file \.\/wharf\.yaml, line 4 \(queues\[0\]\.deadLetter\.queue\): no queue named missing in this file in account 000000000000 and region us-east-1/,
      ),
      expect.stringMatching(/^init file \.\/wharf\.yaml, line 8 \(queues\[1\]\.deadLetter\.queue\): no queue named jobs in this file in account 111111111111/),
      'init file ./wharf.yaml, line 10 (queues[2].deadLetter): needs either queue (the name of a queue in this file) or arn',
    ]);
  });

  it('refuses subscriptions without a target, to unknown queues, and friendly keys given twice', () => {
    const source = lines(
      'queues: [{ name: jobs }]',
      'topics:',
      '  - name: t',
      '    subscriptions:',
      '      - rawMessageDelivery: true',
      '      - queue: nobody',
      '      - queue: jobs',
      '        protocol: https',
      '      - queue: jobs',
      '        filterPolicy: { a: [b] }',
      '        attributes: { FilterPolicy: "{}" }',
      '      - endpoint: https://example.com',
    );
    expect(problemsOf(source)).toEqual([
      'init file ./wharf.yaml, line 5 (topics[0].subscriptions[0]): needs either queue (the name of a queue in this file) or endpoint',
      'init file ./wharf.yaml, line 6 (topics[0].subscriptions[1].queue): no queue named nobody in this file (name a queue declared elsewhere by endpoint: <its ARN>)',
      'init file ./wharf.yaml, line 8 (topics[0].subscriptions[2].protocol): must be sqs with queue (name other endpoints by endpoint)',
      'init file ./wharf.yaml, line 10 (topics[0].subscriptions[3].filterPolicy): give filterPolicy or attributes.FilterPolicy, not both',
      'init file ./wharf.yaml, line 12 (topics[0].subscriptions[4].protocol): is required with endpoint (sqs, http, https, lambda, email, email-json, sms, application or firehose)',
    ]);
  });

  it('refuses a resource declared twice and a stream without capacity', () => {
    const source = lines(
      'queues:',
      '  - name: jobs',
      '  - name: jobs',
      '  - { name: jobs, region: eu-west-1 }',
      'streams:',
      '  - name: s',
      '  - name: o',
      '    mode: ON_DEMAND',
      '    shards: 2',
    );
    expect(problemsOf(source)).toEqual([
      'init file ./wharf.yaml, line 3 (queues[1].name): queue jobs is declared twice (also at queues[0])',
      'init file ./wharf.yaml, line 6 (streams[0].shards): is required for a PROVISIONED stream (or set mode: ON_DEMAND)',
      'init file ./wharf.yaml, line 9 (streams[1].shards): is for PROVISIONED streams (an ON_DEMAND stream scales itself)',
    ]);
  });

  it('gives the line and column of malformed YAML', () => {
    expect(problemsOf(lines('queues:', '  - name: a', '   attributes: {}'))).toEqual([
      'init file ./wharf.yaml, line 3, column 1: Sequence item without - indicator',
    ]);
    expect(problemsOf(lines('queues:', '  - name: a', '    name: b'))).toEqual(['init file ./wharf.yaml, line 3, column 5: Map keys must be unique']);
    expect(problemsOf(lines('queues:', '\t- name: a'))).toEqual(['init file ./wharf.yaml, line 2, column 1: Tabs are not allowed as indentation']);
  });

  it('gives the line and column of malformed JSON', () => {
    expect(problemsOf('{\n  "queues": [\n    { "name": "a" }\n    { "name": "b" }\n  ]\n}\n', 'wharf.json')).toEqual([
      'init file wharf.json, line 4, column 5: Missing , or : between flow sequence items',
    ]);
    expect(problemsOf('{\n  "queues": [\n    { "name": "a" }\n', 'wharf.json')[0]).toMatch(/^init file wharf\.json, line 4, column 1: /);
  });

  describe('reading the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-init-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names a file it cannot read', () => {
      expect(() => loadInitFile(join(dir, 'missing.yaml'), DEFAULTS)).toThrow(
        new InitFileError([`init file ${join(dir, 'missing.yaml')}: cannot read it (ENOENT: no such file or directory, open '${join(dir, 'missing.yaml')}')`]),
      );
      expect(() => loadInitFile(dir, DEFAULTS)).toThrow(/^init file .*: cannot read it \(EISDIR/);
    });

    it('reads a file from disk', () => {
      const file = join(dir, 'wharf.yml');
      writeFileSync(file, 'queues: [{ name: jobs }]\n');
      expect(loadInitFile(file, DEFAULTS).plan.queues[0]!.key.name).toBe('jobs');
    });
  });
});

describe('an init file with problems of several kinds', () => {
  it('reports shape problems and the references of the well-formed entries in one run', () => {
    let problems: string[] = [];
    try {
      parseInitFile(
        './wharf.yaml',
        [
          'queues:',
          '  - name: jobs',
          '    visibility: 30',
          '  - name: orders',
          '    deadLetter: { queue: nowhere, maxReceiveCount: 3 }',
          'topics:',
          '  - name: t',
          '    subscriptions:',
          '      - queue: jobs',
        ].join('\n'),
        DEFAULTS,
      );
    } catch (err) {
      problems = (err as InitFileError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^init file \.\/wharf\.yaml, line 3 \(queues\[0\]\.visibility\): unknown key visibility/);
    expect(problems[1]).toMatch(/^init file \.\/wharf\.yaml, line 5 \(queues\[1\]\.deadLetter\.queue\): no queue named nowhere in this file/);
    // The subscription to jobs (whose entry is malformed) is not reported as a missing queue.
  });
});
