import { createVerify, X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHttpEndpoint, subscribeAndConfirm as confirmEndpoint, type HttpEndpoint, type Received } from '../../support/sns-http-endpoint.js';
import { ACCOUNT, REGION, sns, sqs, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();

let subscriber: HttpEndpoint;
let endpoint: string;
let received: Received[];
let statuses: number[];

beforeEach(async () => {
  subscriber = await startHttpEndpoint();
  ({ url: endpoint, received, statuses } = subscriber);
});
afterEach(() => subscriber.close());

/** The check AWS documents for subscribers: fetch SigningCertURL, verify the canonical string. */
async function verifySignature(message: Record<string, string>): Promise<boolean> {
  const pem = await (await fetch(message.SigningCertURL!)).text();
  const cert = new X509Certificate(pem);
  const fields =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const canonical = fields
    .filter((f) => message[f] !== undefined)
    .map((f) => `${f}\n${message[f]}\n`)
    .join('');
  return createVerify(message.SignatureVersion === '2' ? 'RSA-SHA256' : 'RSA-SHA1')
    .update(canonical)
    .verify(cert.publicKey, message.Signature!, 'base64');
}

function subscribeAndConfirm(topicArn: string, attributes?: Record<string, string>): Promise<string> {
  return confirmEndpoint(t, subscriber, topicArn, attributes);
}

describe('HTTP subscriptions', () => {
  it('sends a signed SubscriptionConfirmation whose SubscribeURL confirms the subscription', async () => {
    const topicArn = await t.createTopic('hooks', { SignatureVersion: '2' });
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpoint }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const { headers, body } = received[0]!;
    expect(headers['x-amz-sns-message-type']).toBe('SubscriptionConfirmation');
    expect(headers['x-amz-sns-topic-arn']).toBe(topicArn);
    expect(headers['x-amz-sns-message-id']).toBe(body.MessageId);
    expect(headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(body).toMatchObject({
      Type: 'SubscriptionConfirmation',
      TopicArn: topicArn,
      SignatureVersion: '2',
      Token: expect.stringMatching(/^[0-9a-f]{288}$/),
    });
    expect(body.Message).toBe(
      `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    );
    expect(await verifySignature(body)).toBe(true);
    const listed = await t.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(listed.Subscriptions![0]!.SubscriptionArn).toBe('PendingConfirmation');

    const confirmed = await t.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: body.Token! }));
    const { Attributes } = await t.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: confirmed.SubscriptionArn! }));
    expect(Attributes).toMatchObject({ PendingConfirmation: 'false', Protocol: 'http', Endpoint: endpoint });
  });

  it('posts a signed Notification (SignatureVersion 1) with the x-amz-sns headers', async () => {
    const topicArn = await t.createTopic('hooks');
    const subscriptionArn = await subscribeAndConfirm(topicArn);
    const { MessageId } = await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'hi', Subject: 'greeting' }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const { headers, body } = received[0]!;
    expect(headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': subscriptionArn,
      'user-agent': 'Amazon Simple Notification Service Agent',
    });
    expect(body).toMatchObject({ Type: 'Notification', MessageId, Message: 'hi', Subject: 'greeting', SignatureVersion: '1' });
    expect(await verifySignature(body)).toBe(true);
    expect(await verifySignature({ ...body, Message: 'tampered' })).toBe(false);
  });

  it('retries a failing endpoint on the delivery policy schedule (20 s by default), then delivers', async () => {
    const topicArn = await t.createTopic('hooks');
    await subscribeAndConfirm(topicArn);
    statuses.push(500, 503);
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'eventually' }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    t.clock.advance(19_999);
    expect(received).toHaveLength(1);
    t.clock.advance(1);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    t.clock.advance(20_000);
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received.map((r) => r.body.Message)).toEqual(['eventually', 'eventually', 'eventually']);
  });

  it('moves the message to the subscription DLQ once the retries are spent', async () => {
    const topicArn = await t.createTopic('hooks');
    const { QueueUrl } = await t.sqs.send(new sqs.CreateQueueCommand({ QueueName: 'hook-dlq' }));
    await subscribeAndConfirm(topicArn, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:hook-dlq` }),
      DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 1, minDelayTarget: 5, maxDelayTarget: 5 } }),
    });
    statuses.push(500, 500);
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'undeliverable' }));
    await vi.waitFor(() => expect(t.clock.pendingSleepers).toBe(1));
    t.clock.advance(5_000);
    await vi.waitFor(() => expect(received).toHaveLength(2));
    await t.server.emulator.sns.http.idle();
    const [dead] = await t.receive(QueueUrl!);
    expect(JSON.parse(dead!.Body!).Message).toBe('undeliverable');
    expect(dead!.MessageAttributes?.ErrorCode?.StringValue).toBe('500');
  });

  it('does not retry a client error (4xx)', async () => {
    const topicArn = await t.createTopic('hooks');
    await subscribeAndConfirm(topicArn);
    statuses.push(404);
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'nope' }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await t.server.emulator.sns.http.idle();
    expect(t.clock.pendingSleepers).toBe(0);
  });

  it('serves the signing certificate at SigningCertURL', async () => {
    const response = await fetch(`${t.server.url}/_wharf/sns/SimpleNotificationService.pem`);
    expect(new X509Certificate(await response.text()).subject).toContain('sns.amazonaws.com');
  });

  it('sends an UnsubscribeConfirmation when an HTTP subscription is deleted', async () => {
    const topicArn = await t.createTopic('hooks');
    const arn = await subscribeAndConfirm(topicArn);
    const unsubscribed = await fetch(`${t.server.url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(arn)}`);
    expect(unsubscribed.status).toBe(200);
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]!.body).toMatchObject({
      Type: 'UnsubscribeConfirmation',
      Message: `You have chosen to deactivate subscription ${arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
    });
    expect(await verifySignature(received[0]!.body)).toBe(true);
  });
});
