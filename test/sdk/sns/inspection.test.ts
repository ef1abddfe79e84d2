import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHttpEndpoint, subscribeAndConfirm, type HttpEndpoint } from '../../support/sns-http-endpoint.js';
import { ACCOUNT, REGION, sns, sqs, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();
const T0 = '2026-01-01T00:00:00.000Z';
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

interface DeliveryJson {
  id: number;
  at: string;
  topicArn: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  messageId: string;
  outcome: string;
  reason?: string;
  attempts: number;
  nextAttemptAt?: string;
  deadLetterArn?: string;
}

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.server.url}${path}`);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function deliveries(query: Record<string, string> = {}): Promise<DeliveryJson[]> {
  const { status, body } = await get(`/_wharf/sns/deliveries?${new URLSearchParams(query)}`);
  expect(status).toBe(200);
  return body.deliveries as DeliveryJson[];
}

async function publish(topicArn: string, message: string, attributes?: Record<string, string>): Promise<string> {
  const MessageAttributes = attributes
    ? Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
    : undefined;
  return (await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: message, ...(MessageAttributes ? { MessageAttributes } : {}) }))).MessageId!;
}

describe('GET /_wharf/sns/topics', () => {
  it('lists the topics of every account and region, FIFO or not, with their subscription counts', async () => {
    const events = await t.createTopic('events');
    const orders = await t.createTopic('orders.fifo', { FifoTopic: 'true' });
    const elsewhere = new sns.SNSClient({ endpoint: t.server.url, region: 'eu-west-1', credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' } });
    const theirs = (await elsewhere.send(new sns.CreateTopicCommand({ Name: 'events' }))).TopicArn!;
    await t.queueSubscription(events, 'q');
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: events, Protocol: 'email', Endpoint: 'me@example.com' }));

    expect((await get('/_wharf/sns/topics')).body).toEqual({
      topics: [
        { accountId: ACCOUNT, region: REGION, name: 'events', arn: events, fifo: false, subscriptionCount: 2 },
        { accountId: ACCOUNT, region: REGION, name: 'orders.fifo', arn: orders, fifo: true, subscriptionCount: 0 },
        { accountId: '111111111111', region: 'eu-west-1', name: 'events', arn: theirs, fifo: false, subscriptionCount: 0 },
      ],
    });
  });
});

describe('GET /_wharf/sns/topics/:topicArn', () => {
  it('shows a topic, its attributes and its subscriptions: status, raw delivery, filter and redrive policies', async () => {
    const topicArn = await t.createTopic('events', { DisplayName: 'Events' });
    const filterPolicy = { order: { status: ['shipped'] } };
    const redrivePolicy = { deadLetterTargetArn: queueArn('dlq') };
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q', {
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify(filterPolicy),
      RedrivePolicy: JSON.stringify(redrivePolicy),
    });
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'me@example.com' }));

    const { status, body } = await get(`/_wharf/sns/topics/${encodeURIComponent(topicArn)}`);
    expect(status).toBe(200);
    expect(body.topic).toEqual({
      accountId: ACCOUNT,
      region: REGION,
      name: 'events',
      arn: topicArn,
      fifo: false,
      subscriptionCount: 2,
      attributes: expect.objectContaining({
        TopicArn: topicArn,
        DisplayName: 'Events',
        Owner: ACCOUNT,
        SubscriptionsConfirmed: '1',
        SubscriptionsPending: '1',
      }),
    });
    expect(body.subscriptions).toEqual([
      {
        subscriptionArn,
        protocol: 'sqs',
        endpoint: queueArn('q'),
        status: 'confirmed',
        rawMessageDelivery: true,
        filterPolicy,
        filterPolicyScope: 'MessageBody',
        redrivePolicy,
      },
      {
        subscriptionArn: expect.stringMatching(new RegExp(`^${topicArn}:`)),
        protocol: 'email',
        endpoint: 'me@example.com',
        status: 'pending',
        rawMessageDelivery: false,
      },
    ]);
  });

  it('takes the ARN URL-encoded or not, however long the topic name', async () => {
    const topicArn = await t.createTopic('x'.repeat(256));
    const encoded = await get(`/_wharf/sns/topics/${encodeURIComponent(topicArn)}`);
    expect(encoded).toMatchObject({ status: 200, body: { topic: { arn: topicArn, name: 'x'.repeat(256) }, subscriptions: [] } });
    expect(await get(`/_wharf/sns/topics/${topicArn}`)).toEqual(encoded);
  });

  it('answers 404 with a JSON error for a topic that does not exist', async () => {
    const missing = `arn:aws:sns:${REGION}:${ACCOUNT}:missing`;
    expect(await get(`/_wharf/sns/topics/${encodeURIComponent(missing)}`)).toEqual({ status: 404, body: { error: `no topic ${missing}` } });
  });
});

describe('GET /_wharf/sns/deliveries', () => {
  it('shows a delivery to an SQS queue as delivered', async () => {
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    const messageId = await publish(topicArn, 'hello');
    expect(await deliveries()).toEqual([
      { id: 1, at: T0, topicArn, subscriptionArn, protocol: 'sqs', endpoint: queueArn('q'), messageId, outcome: 'delivered', attempts: 1 },
    ]);
  });

  it('shows a message turned away by a filter policy on attributes as filtered-out, naming the key', async () => {
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'reds', { FilterPolicy: JSON.stringify({ color: ['red'], size: ['large'] }) });
    await publish(topicArn, 'blue', { color: 'blue', size: 'large' });
    await publish(topicArn, 'red, no size', { color: 'red' });
    await publish(topicArn, 'bare');
    expect((await deliveries()).map(({ outcome, attempts, reason }) => ({ outcome, attempts, reason }))).toEqual([
      { outcome: 'filtered-out', attempts: 0, reason: 'The message has no message attributes (FilterPolicyScope MessageAttributes)' },
      { outcome: 'filtered-out', attempts: 0, reason: 'Filter policy key "size" did not match: the message has no attribute "size"' },
      { outcome: 'filtered-out', attempts: 0, reason: 'Filter policy key "color" did not match the message attribute value "blue"' },
    ]);
    expect(await t.receive(queueUrl)).toEqual([]);
  });

  it('shows a message turned away by a filter policy on the body (FilterPolicyScope MessageBody) as filtered-out', async () => {
    const topicArn = await t.createTopic();
    await t.queueSubscription(topicArn, 'shipped', { FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ order: { status: ['shipped'] } }) });
    await publish(topicArn, JSON.stringify({ order: { status: 'pending' } }));
    await publish(topicArn, 'not json');
    await publish(topicArn, JSON.stringify({ order: { status: 'shipped' } }));
    expect((await deliveries()).map(({ outcome, reason }) => ({ outcome, reason }))).toEqual([
      { outcome: 'delivered', reason: undefined },
      { outcome: 'filtered-out', reason: 'The message body is not a JSON object (FilterPolicyScope MessageBody)' },
      { outcome: 'filtered-out', reason: 'Filter policy key "order.status" did not match the message body value "pending"' },
    ]);
  });

  it('shows a subscription that is not confirmed as pending-confirmation', async () => {
    const topicArn = await t.createTopic();
    const endpoint = await startHttpEndpoint();
    try {
      await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpoint.url }));
      await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
      const messageId = await publish(topicArn, 'too early');
      await t.server.emulator.sns.http.idle();
      expect(await deliveries()).toEqual([
        expect.objectContaining({ messageId, protocol: 'http', endpoint: endpoint.url, outcome: 'pending-confirmation', attempts: 0 }),
      ]);
      expect(endpoint.received.map((r) => r.body.Type)).toEqual(['SubscriptionConfirmation']);
    } finally {
      await endpoint.close();
    }
  });

  it("shows a delivery to a deleted queue as dead-lettered into the subscription's DLQ", async () => {
    const topicArn = await t.createTopic();
    const { QueueUrl: dlqUrl } = await t.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'sub-dlq' }));
    const gone = await t.queueSubscription(topicArn, 'gone', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('sub-dlq') }) });
    await t.sqs.send(new sqs.DeleteQueueCommand({ QueueUrl: gone.queueUrl }));
    await publish(topicArn, 'lost');
    expect(await deliveries()).toEqual([
      expect.objectContaining({
        subscriptionArn: gone.subscriptionArn,
        outcome: 'dead-lettered',
        attempts: 1,
        reason: 'The specified queue does not exist.',
        deadLetterArn: queueArn('sub-dlq'),
      }),
    ]);
    expect(await t.receive(dlqUrl!)).toHaveLength(1);
  });

  it('shows deliveries to a FIFO topic, and none for a deduplicated publish', async () => {
    const topicArn = await t.createTopic('orders.fifo', { FifoTopic: 'true' });
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'orders.fifo');
    const send = () => t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'order 1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const { MessageId } = await send();
    expect((await send()).MessageId).toBe(MessageId);
    expect(await deliveries()).toEqual([expect.objectContaining({ topicArn, subscriptionArn, messageId: MessageId, outcome: 'delivered', attempts: 1 })]);
  });

  it('shows what SNS recorded for SMS, email and mobile push subscriptions as delivered', async () => {
    const topicArn = await t.createTopic();
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'me@example.com' }));
    const [confirmation] = (await get('/_wharf/sns/sent/email?target=me%40example.com')).body.messages as { message: { subscribeUrl: string } }[];
    expect((await fetch(confirmation!.message.subscribeUrl)).status).toBe(200);
    const { PlatformApplicationArn } = await t.sns.send(
      new sns.CreatePlatformApplicationCommand({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } }),
    );
    const { EndpointArn } = await t.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'device-1' }));
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'application', Endpoint: EndpointArn }));

    const messageId = await publish(topicArn, 'alert');
    expect((await deliveries()).map(({ protocol, endpoint, outcome, attempts }) => ({ protocol, endpoint, outcome, attempts }))).toEqual([
      { protocol: 'application', endpoint: EndpointArn, outcome: 'delivered', attempts: 1 },
      { protocol: 'email', endpoint: 'me@example.com', outcome: 'delivered', attempts: 1 },
      { protocol: 'sms', endpoint: '+15555550100', outcome: 'delivered', attempts: 1 },
    ]);
    const sent = async (kind: string) =>
      ((await get(`/_wharf/sns/sent/${kind}`)).body.messages as { message: { messageId?: string; message: string } }[]).filter(
        (m) => m.message.messageId === messageId,
      );
    expect((await sent('sms')).map((m) => m.message.message)).toEqual(['alert']);
    expect((await sent('email')).map((m) => m.message.message)).toEqual(['alert']);
    expect((await sent('push')).map((m) => m.message.message)).toEqual(['alert']);
  });

  it('filters by topic, subscription, message and outcome, newest first, up to the limit', async () => {
    const topicArn = await t.createTopic();
    const all = await t.queueSubscription(topicArn, 'all');
    const none = await t.queueSubscription(topicArn, 'none', { FilterPolicy: JSON.stringify({ never: ['x'] }) });
    const first = await publish(topicArn, '1', { a: 'b' });
    const _second = await publish(topicArn, '2', { a: 'b' });
    const ids = async (query: Record<string, string>) =>
      (await deliveries(query)).map((d) => `${d.messageId === first ? 'first' : 'second'} ${d.subscriptionArn === all.subscriptionArn ? 'all' : 'none'}`);

    expect(await ids({})).toEqual(['second none', 'second all', 'first none', 'first all']);
    expect(await ids({ subscriptionArn: all.subscriptionArn })).toEqual(['second all', 'first all']);
    expect(await ids({ outcome: 'filtered-out' })).toEqual(['second none', 'first none']);
    expect(await ids({ messageId: first })).toEqual(['first none', 'first all']);
    expect(await ids({ topicArn, subscriptionArn: none.subscriptionArn, outcome: 'delivered' })).toEqual([]);
    expect(await ids({ topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:other` })).toEqual([]);
    expect(await ids({ limit: '1' })).toEqual(['second none']);
    expect(await ids({ limit: '1000', outcome: 'delivered' })).toEqual(['second all', 'first all']);
    const [newest] = await deliveries({ limit: '1' });
    expect(newest!.id).toBe(4);
  });

  it('answers 400 with a JSON error naming each bad query parameter', async () => {
    const bad = async (query: string) => {
      const { status, body } = await get(`/_wharf/sns/deliveries?${query}`);
      expect(status).toBe(400);
      return body.error as string;
    };
    expect(await bad('limit=0')).toMatch(/^limit: /);
    expect(await bad('limit=1001')).toMatch(/^limit: .*1000/);
    expect(await bad('limit=ten')).toMatch(/^limit: /);
    expect(await bad('limit=2.5')).toMatch(/^limit: /);
    expect(await bad('outcome=lost')).toMatch(/^outcome: .*"delivered"/);
    expect(await bad('subscriptionArn=')).toMatch(/^subscriptionArn: /);
    expect(await bad('outcome=failed&outcome=delivered')).toMatch(/^outcome: /);
    expect(await bad('subscription=arn')).toMatch(/^query: .*"subscription"/);
    expect(await bad('limit=0&outcome=lost')).toMatch(/^outcome: .*; limit: /);
    expect((await get('/_wharf/sns/sent/sms?target=a&target=b')).status).toBe(400);
  });
});

describe('deliveries to HTTP endpoints', () => {
  let endpoint: HttpEndpoint;
  beforeEach(async () => {
    endpoint = await startHttpEndpoint();
  });
  afterEach(() => endpoint.close());

  it('shows a failing endpoint as retrying (attempts, next attempt at) until it is delivered, on one row', async () => {
    const topicArn = await t.createTopic('hooks');
    const subscriptionArn = await subscribeAndConfirm(t, endpoint, topicArn);
    endpoint.statuses.push(500, 503);
    const messageId = await publish(topicArn, 'eventually');
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    const first = { id: 1, topicArn, subscriptionArn, protocol: 'http', endpoint: endpoint.url, messageId };
    expect(await deliveries()).toEqual([
      { ...first, at: T0, outcome: 'retrying', reason: 'The endpoint answered HTTP 500', attempts: 1, nextAttemptAt: '2026-01-01T00:00:20.000Z' },
    ]);
    t.clock.advance(20_000);
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(2));
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    expect(await deliveries()).toEqual([
      {
        ...first,
        at: '2026-01-01T00:00:20.000Z',
        outcome: 'retrying',
        reason: 'The endpoint answered HTTP 503',
        attempts: 2,
        nextAttemptAt: '2026-01-01T00:00:40.000Z',
      },
    ]);
    t.clock.advance(20_000);
    await t.server.emulator.sns.http.idle();
    expect(await deliveries()).toEqual([{ ...first, at: '2026-01-01T00:00:40.000Z', outcome: 'delivered', attempts: 3 }]);
  });

  it('shows an endpoint that keeps failing as failed once the retries are spent, with the last error', async () => {
    const topicArn = await t.createTopic('hooks');
    await subscribeAndConfirm(t, endpoint, topicArn, {
      DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 1, minDelayTarget: 1, maxDelayTarget: 1 } }),
    });
    endpoint.statuses.push(500, 502);
    await publish(topicArn, 'never');
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    t.clock.advance(1_000);
    await vi.waitFor(() => expect(endpoint.received).toHaveLength(2));
    await t.server.emulator.sns.http.idle();
    expect(await deliveries()).toEqual([
      expect.objectContaining({ outcome: 'failed', attempts: 2, reason: 'The endpoint answered HTTP 502', at: '2026-01-01T00:00:01.000Z' }),
    ]);
  });

  it('shows a client error (4xx) as failed after one attempt, and a refused connection with its cause', async () => {
    const topicArn = await t.createTopic('hooks');
    await subscribeAndConfirm(t, endpoint, topicArn, { DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 0 } }) });
    endpoint.statuses.push(404);
    await publish(topicArn, 'not found');
    await t.server.emulator.sns.http.idle();
    await endpoint.close();
    await publish(topicArn, 'nobody home');
    await t.server.emulator.sns.http.idle();
    expect((await deliveries()).map(({ outcome, attempts, reason }) => ({ outcome, attempts, reason }))).toEqual([
      { outcome: 'failed', attempts: 1, reason: expect.stringMatching(/^fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/) },
      { outcome: 'failed', attempts: 1, reason: 'The endpoint answered HTTP 404' },
    ]);
  });
});
