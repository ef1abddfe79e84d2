import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, counts, expectAwsError, queueKey, receive, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

const arnOf = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const redrive = (dlq: string, maxReceiveCount: number | string) => JSON.stringify({ deadLetterTargetArn: arnOf(dlq), maxReceiveCount });
const source = queueKey('orders');
const dlq = queueKey('orders-dlq');
let f: EngineFixture;

beforeEach(() => {
  f = startEngine();
  f.sqs.createQueue(dlq, {}, {});
  f.sqs.createQueue(source, { VisibilityTimeout: '30', RedrivePolicy: redrive('orders-dlq', 2) }, {});
});
afterEach(() => f.close());

describe('RedrivePolicy', () => {
  it('returns the policy with maxReceiveCount as a number', () => {
    expect(JSON.parse(f.sqs.getQueueAttributes(source, ['RedrivePolicy']).RedrivePolicy!)).toEqual({
      deadLetterTargetArn: arnOf('orders-dlq'),
      maxReceiveCount: 2,
    });
  });

  it('refuses a maxReceiveCount outside 1..1000', () => {
    expectAwsError(
      () => f.sqs.setQueueAttributes(source, { RedrivePolicy: redrive('orders-dlq', 1001) }),
      'InvalidParameterValue',
      `Value ${redrive('orders-dlq', 1001)} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive.`,
    );
  });

  it('refuses a malformed target ARN', () => {
    const policy = JSON.stringify({ deadLetterTargetArn: 'dummy', maxReceiveCount: 42 });
    expectAwsError(
      () => f.sqs.setQueueAttributes(source, { RedrivePolicy: policy }),
      'InvalidParameterValue',
      `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`,
    );
  });

  it('refuses a target that does not exist, or of the other queue type (unverified against AWS)', () => {
    expectAwsError(() => f.sqs.setQueueAttributes(source, { RedrivePolicy: redrive('missing', 3) }), 'InvalidParameterValue');
    f.sqs.createQueue(queueKey('fifo-dlq.fifo'), { FifoQueue: 'true' }, {});
    expectAwsError(() => f.sqs.setQueueAttributes(source, { RedrivePolicy: redrive('fifo-dlq.fifo', 3) }), 'InvalidParameterValue');
  });

  it("enforces the dead-letter queue's RedriveAllowPolicy (unverified against AWS)", () => {
    f.sqs.createQueue(queueKey('closed'), { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }, {});
    f.sqs.createQueue(queueKey('picky'), { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [arnOf('other')] }) }, {});
    expectAwsError(() => f.sqs.setQueueAttributes(source, { RedrivePolicy: redrive('closed', 3) }), 'InvalidParameterValue');
    expectAwsError(() => f.sqs.setQueueAttributes(source, { RedrivePolicy: redrive('picky', 3) }), 'InvalidParameterValue');
    f.sqs.createQueue(queueKey('other'), { RedrivePolicy: redrive('picky', 3) }, {});
  });

  it('refuses byQueue without source ARNs, and more than 10 (unverified against AWS)', () => {
    expectAwsError(() => f.sqs.setQueueAttributes(dlq, { RedriveAllowPolicy: '{"redrivePermission":"byQueue"}' }), 'InvalidParameterValue');
    const eleven = Array.from({ length: 11 }, (_, i) => arnOf(`q${i}`));
    expectAwsError(
      () => f.sqs.setQueueAttributes(dlq, { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: eleven }) }),
      'InvalidParameterValue',
    );
  });

  it('removes the policy when set to an empty string', () => {
    f.sqs.setQueueAttributes(source, { RedrivePolicy: '' });
    expect(f.sqs.getQueueAttributes(source, ['All']).RedrivePolicy).toBeUndefined();
  });
});

describe('redrive to the dead-letter queue', () => {
  it('moves a message on the receive after its maxReceiveCount-th receive, keeping its id, body, attributes and SentTimestamp', async () => {
    const sent = send(f.sqs, source, 'poison', { messageAttributes: { kind: { DataType: 'String', StringValue: 'bad' } } });
    f.clock.advance(1_000);
    expect(await receive(f.sqs, source)).toHaveLength(1); // receive 1
    f.clock.advance(30_000);
    expect(await receive(f.sqs, source)).toHaveLength(1); // receive 2 = maxReceiveCount
    f.clock.advance(30_000);
    expect(await receive(f.sqs, source)).toEqual([]); // receive 3: moved instead of delivered
    expect(counts(f.sqs, source)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });

    const [moved] = await receive(f.sqs, dlq, { systemAttributeNames: ['All'], messageAttributeNames: ['All'] });
    expect(moved).toMatchObject({ messageId: sent.messageId, body: 'poison', md5OfMessageAttributes: sent.md5OfMessageAttributes });
    expect(moved!.attributes).toMatchObject({ SentTimestamp: String(T0), ApproximateReceiveCount: '1', DeadLetterQueueSourceArn: arnOf('orders') });
  });

  it('counts retention in the dead-letter queue from the original send', async () => {
    f.sqs.setQueueAttributes(dlq, { MessageRetentionPeriod: '120' });
    send(f.sqs, source, 'old');
    for (let i = 0; i < 2; i++) {
      await receive(f.sqs, source);
      f.clock.advance(30_000);
    }
    await receive(f.sqs, source); // moves it, 60 s after it was sent
    expect(counts(f.sqs, dlq).visible).toBe(1);
    f.clock.advance(60_000); // 120 s after the original send
    expect(counts(f.sqs, dlq).visible).toBe(0);
  });

  it('leaves the message in its queue when the dead-letter queue was deleted', async () => {
    send(f.sqs, source, 'stays');
    f.sqs.deleteQueue(dlq);
    for (let i = 0; i < 3; i++) {
      expect(await receive(f.sqs, source)).toHaveLength(1);
      f.clock.advance(30_000);
    }
    expect(JSON.parse(f.sqs.getQueueAttributes(source, ['RedrivePolicy']).RedrivePolicy!).deadLetterTargetArn).toBe(arnOf('orders-dlq'));
  });

  it('redrives FIFO messages to a FIFO dead-letter queue without blocking the group', async () => {
    const fifoDlq = queueKey('jobs-dlq.fifo');
    const fifo = queueKey('jobs.fifo');
    f.sqs.createQueue(fifoDlq, { FifoQueue: 'true' }, {});
    f.sqs.createQueue(fifo, { FifoQueue: 'true', VisibilityTimeout: '30', RedrivePolicy: redrive('jobs-dlq.fifo', 1) }, {});
    send(f.sqs, fifo, 'first', { messageGroupId: 'g', deduplicationId: '1' });
    send(f.sqs, fifo, 'second', { messageGroupId: 'g', deduplicationId: '2' });
    expect((await receive(f.sqs, fifo, { maxMessages: 1 })).map((m) => m.body)).toEqual(['first']);
    f.clock.advance(30_000);
    expect((await receive(f.sqs, fifo, { maxMessages: 1 })).map((m) => m.body)).toEqual(['second']);
    const [dead] = await receive(f.sqs, fifoDlq, { systemAttributeNames: ['All'] });
    expect(dead!.body).toBe('first');
    expect(dead!.attributes).toMatchObject({ MessageGroupId: 'g', DeadLetterQueueSourceArn: arnOf('jobs.fifo') });
  });
});

describe('ListDeadLetterSourceQueues', () => {
  it('lists the queues that name a queue as their dead-letter queue, in pages', () => {
    for (const name of ['b-src', 'a-src']) f.sqs.createQueue(queueKey(name), { RedrivePolicy: redrive('orders-dlq', 5) }, {});
    expect(f.sqs.listDeadLetterSourceQueues(dlq, '', 10)).toEqual(['a-src', 'b-src', 'orders']);
    expect(f.sqs.listDeadLetterSourceQueues(dlq, 'a-src', 1)).toEqual(['b-src']);
    expect(f.sqs.listDeadLetterSourceQueues(source, '', 10)).toEqual([]);
  });
});

describe('receives with VisibilityTimeout 0', () => {
  it('return each message once per receive, and redrive only on a later receive', async () => {
    for (const body of ['a', 'b', 'c']) send(f.sqs, source, body);
    const first = await receive(f.sqs, source, { visibilityTimeoutSeconds: 0, systemAttributeNames: ['ApproximateReceiveCount'] });
    expect(first.map((m) => [m.body, m.attributes?.ApproximateReceiveCount])).toEqual([
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
    ]);
    expect(await receive(f.sqs, source, { visibilityTimeoutSeconds: 0 })).toHaveLength(3); // receive 2 = maxReceiveCount
    expect(await receive(f.sqs, source, { visibilityTimeoutSeconds: 0 })).toEqual([]); // all three moved
    expect(counts(f.sqs, dlq).visible).toBe(3);
  });
});
