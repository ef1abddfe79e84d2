import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { Emulator } from '../../../src/emulator.js';
import { DeliveryLog } from '../../../src/services/sns/engine/delivery-log.js';
import { SnsEngine } from '../../../src/services/sns/engine/sns-engine.js';
import { SILENT_LOGGER, type Subscription } from '../../../src/services/sns/engine/types.js';
import { DeliveryStore } from '../../../src/services/sns/store/delivery-store.js';
import { SnsStore } from '../../../src/services/sns/store/sns-store.js';
import { SqsEngine } from '../../../src/services/sqs/engine/sqs-engine.js';
import { SqsStore } from '../../../src/services/sqs/store/sqs-store.js';
import { openDatabase } from '../../../src/store/database.js';
import { startHttpEndpoint, type HttpEndpoint } from '../../support/sns-http-endpoint.js';

const owner = { accountId: '000000000000', region: 'us-east-1' };
const context = { baseUrl: 'http://wharf' };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(options: { snsDeliveryRetention?: number; dataDir?: string } = {}) {
  const clock = new ManualClock(T0);
  const emulator = new Emulator({ clock, ...options });
  cleanups.push(() => emulator.close());
  const sns = emulator.sns;
  const topicArn = sns.createTopic(owner, 'events', {}, {});
  const queueSubscription = (name: string, attributes: Record<string, string> = {}) => {
    emulator.sqs.createQueue({ ...owner, name }, {}, {});
    return sns.subscribe(topicArn, 'sqs', queueArn(name), attributes, owner, context);
  };
  const publish = (message: string, attributes: Record<string, { DataType: string; StringValue: string }> = {}) =>
    sns.publish(topicArn, { message, attributes }, context).messageId;
  const deliveries = (filter = {}, limit = 100) => sns.inspection.deliveries(filter, limit);
  return { clock, emulator, sns, topicArn, queueSubscription, publish, deliveries };
}

describe('the SNS delivery log', () => {
  it('logs a delivery to a queue as delivered, with one attempt at the clock time', () => {
    const { queueSubscription, publish, deliveries, topicArn } = start();
    const subscription = queueSubscription('q');
    const messageId = publish('hello');
    expect(deliveries()).toEqual([
      { id: 1, atMs: T0, topicArn, subscriptionArn: subscription.arn, protocol: 'sqs', endpoint: queueArn('q'), messageId, outcome: 'delivered', attempts: 1 },
    ]);
  });

  it('logs a message a filter policy turns away as filtered-out, with the key that did not match', () => {
    const { queueSubscription, publish, deliveries } = start();
    queueSubscription('q', { FilterPolicy: JSON.stringify({ color: ['red'] }) });
    publish('blue one', { color: { DataType: 'String', StringValue: 'blue' } });
    expect(deliveries()[0]).toMatchObject({
      outcome: 'filtered-out',
      attempts: 0,
      reason: 'Filter policy key "color" did not match the message attribute value "blue"',
    });
  });

  it('logs a pending subscription as pending-confirmation, and delivers nothing to it', () => {
    const { sns, topicArn, publish, deliveries } = start();
    const subscription = sns.subscribe(topicArn, 'email', 'me@example.com', {}, owner, context);
    publish('news');
    expect(deliveries()).toEqual([expect.objectContaining({ subscriptionArn: subscription.arn, outcome: 'pending-confirmation', attempts: 0 })]);
    expect(sns.sentMessages('email').map((m) => (m.message as { type?: string }).type)).toEqual(['SubscriptionConfirmation']);
  });

  it("dead-letters a delivery to a deleted queue into the subscription's DLQ", () => {
    const { emulator, queueSubscription, publish, deliveries } = start();
    emulator.sqs.createQueue({ ...owner, name: 'dlq' }, {}, {});
    queueSubscription('gone', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }) });
    emulator.sqs.deleteQueue({ ...owner, name: 'gone' });
    publish('lost');
    expect(deliveries()[0]).toMatchObject({
      outcome: 'dead-lettered',
      attempts: 1,
      reason: 'The specified queue does not exist.',
      deadLetterArn: queueArn('dlq'),
    });
    expect(emulator.sqs.getQueueAttributes({ ...owner, name: 'dlq' }, ['ApproximateNumberOfMessages']).ApproximateNumberOfMessages).toBe('1');
  });

  it('logs failed when there is no DLQ, or when the DLQ is gone too', () => {
    const { emulator, queueSubscription, publish, deliveries } = start();
    queueSubscription('gone');
    queueSubscription('gone-too', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('no-dlq') }) });
    emulator.sqs.deleteQueue({ ...owner, name: 'gone' });
    emulator.sqs.deleteQueue({ ...owner, name: 'gone-too' });
    publish('lost');
    expect(deliveries().map(({ outcome, reason, deadLetterArn }) => ({ outcome, reason, deadLetterArn }))).toEqual([
      {
        outcome: 'failed',
        reason: `The specified queue does not exist.; the dead-letter queue ${queueArn('no-dlq')} did not take it either: The specified queue does not exist.`,
        deadLetterArn: undefined,
      },
      { outcome: 'failed', reason: 'The specified queue does not exist.', deadLetterArn: undefined },
    ]);
  });

  it('does not deliver or log a duplicate of a FIFO message again', () => {
    const { emulator, sns, deliveries } = start();
    const fifoArn = sns.createTopic(owner, 'orders.fifo', { FifoTopic: 'true' }, {});
    emulator.sqs.createQueue({ ...owner, name: 'orders.fifo' }, { FifoQueue: 'true' }, {});
    sns.subscribe(fifoArn, 'sqs', queueArn('orders.fifo'), {}, owner, context);
    const message = { message: 'order 1', attributes: {}, messageGroupId: 'g', deduplicationId: 'd1' };
    const first = sns.publish(fifoArn, message, context);
    expect(sns.publish(fifoArn, message, context).messageId).toBe(first.messageId);
    expect(deliveries()).toEqual([expect.objectContaining({ topicArn: fifoArn, messageId: first.messageId, outcome: 'delivered' })]);
  });

  it('keeps only the newest deliveries, of all accounts and regions together', () => {
    const { emulator, sns, queueSubscription, publish, deliveries } = start({ snsDeliveryRetention: 5 });
    queueSubscription('a');
    queueSubscription('b');
    const elsewhere = { accountId: '111111111111', region: 'eu-west-1' };
    const otherTopic = sns.createTopic(elsewhere, 'events', {}, {});
    emulator.sqs.createQueue({ ...elsewhere, name: 'c' }, {}, {});
    sns.subscribe(otherTopic, 'sqs', 'arn:aws:sqs:eu-west-1:111111111111:c', {}, elsewhere, context);
    const ids = [publish('1'), publish('2'), sns.publish(otherTopic, { message: '3', attributes: {} }, context).messageId, publish('4')];
    const kept = deliveries();
    expect(kept.map((d) => d.id)).toEqual([7, 6, 5, 4, 3]);
    expect(kept.map((d) => d.messageId)).toEqual([ids[3], ids[3], ids[2], ids[1], ids[1]]);
  });

  it('reads with filters, newest first, up to the limit', () => {
    const { queueSubscription, publish, deliveries } = start();
    const a = queueSubscription('a');
    const b = queueSubscription('b', { FilterPolicy: JSON.stringify({ kind: ['b'] }) });
    const first = publish('1');
    const second = publish('2');
    expect(deliveries({ subscriptionArn: a.arn }).map((d) => d.messageId)).toEqual([second, first]);
    expect(deliveries({ outcome: 'filtered-out' }).map((d) => d.subscriptionArn)).toEqual([b.arn, b.arn]);
    expect(deliveries({ messageId: first }).map((d) => d.subscriptionArn)).toEqual([b.arn, a.arn]);
    expect(deliveries({ subscriptionArn: a.arn, outcome: 'filtered-out' })).toEqual([]);
    expect(deliveries({ topicArn: 'arn:aws:sns:us-east-1:000000000000:other' })).toEqual([]);
    expect(deliveries({}, 1).map((d) => d.messageId)).toEqual([second]);
  });

  it('marks retries a previous run left waiting as failed, since retries do not survive a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wharf-deliveries-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const db = openDatabase(dataDir);
    const subscription = {
      topicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      arn: 'arn:aws:sns:us-east-1:000000000000:t:1',
      protocol: 'http',
      endpoint: 'http://x',
    } as Subscription;
    new DeliveryLog(new DeliveryStore(db), new ManualClock(T0)).track(
      subscription,
      'm',
    )({ outcome: 'retrying', attempts: 1, nextAttemptAtMs: T0 + 20_000, reason: 'The endpoint answered HTTP 500' });
    db.close();
    const { deliveries } = start({ dataDir });
    expect(deliveries()).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        attempts: 1,
        reason: 'The endpoint answered HTTP 500; wharf stopped before the next attempt (retries do not survive a restart)',
      }),
    ]);
    expect(deliveries()[0]).not.toHaveProperty('nextAttemptAtMs');
  });
});

describe('the SNS delivery log of HTTP and Lambda deliveries', () => {
  let endpoint: HttpEndpoint;

  it('logs each retry with its attempt count and next attempt time, then the delivery, on one row', async () => {
    endpoint = await startHttpEndpoint();
    cleanups.push(() => endpoint.close());
    const { clock, sns, topicArn, publish, deliveries } = start();
    const subscription = sns.subscribe(topicArn, 'http', endpoint.url, {}, owner, context);
    sns.confirmSubscription(topicArn, subscription.token!, false);
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
    endpoint.statuses.push(500);
    publish('eventually');
    await vi.waitFor(() => expect(clock.pendingSleepers).toBe(1));
    expect(deliveries()).toEqual([
      expect.objectContaining({ id: 1, outcome: 'retrying', attempts: 1, nextAttemptAtMs: T0 + 20_000, reason: 'The endpoint answered HTTP 500', atMs: T0 }),
    ]);
    clock.advance(20_000);
    await sns.http.idle();
    expect(deliveries()).toEqual([expect.objectContaining({ id: 1, outcome: 'delivered', attempts: 2, atMs: T0 + 20_000 })]);
    expect(deliveries()[0]).not.toHaveProperty('reason');
  });

  it('logs a Lambda delivery as recorded only without a Lambda endpoint, and as failed when the invocation fails', async () => {
    const clock = new ManualClock(T0);
    const db = openDatabase(undefined);
    cleanups.push(() => db.close());
    const sqs = new SqsEngine(new SqsStore(db), clock);
    const engine = (invokeLambda: (() => Promise<void>) | undefined) =>
      new SnsEngine(new SnsStore(db), sqs, clock, SILENT_LOGGER, { enforceQueuePolicy: false, invokeLambda });
    const recordingOnly = engine(undefined);
    const topicArn = recordingOnly.createTopic(owner, 'calls', {}, {});
    recordingOnly.subscribe(topicArn, 'lambda', 'arn:aws:lambda:us-east-1:000000000000:function:f', {}, owner, context);
    recordingOnly.publish(topicArn, { message: 'one', attributes: {} }, context);
    let fail: (err: Error) => void = () => {};
    const invoking = engine(() => new Promise((_resolve, reject) => (fail = reject)));
    invoking.publish(topicArn, { message: 'two', attributes: {} }, context);
    expect(invoking.inspection.deliveries({}, 10)).toHaveLength(1);
    fail(new Error('connect ECONNREFUSED 127.0.0.1:3001'));
    await vi.waitFor(() => expect(invoking.inspection.deliveries({}, 10)).toHaveLength(2));
    expect(invoking.inspection.deliveries({}, 10).map(({ outcome, reason }) => ({ outcome, reason }))).toEqual([
      { outcome: 'failed', reason: 'connect ECONNREFUSED 127.0.0.1:3001' },
      { outcome: 'delivered', reason: 'recorded, not invoked: no Lambda endpoint is set (WHARF_LAMBDA_ENDPOINT)' },
    ]);
  });
});
