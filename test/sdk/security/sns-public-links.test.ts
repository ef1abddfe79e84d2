import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListSubscriptionsByTopicCommand, PublishCommand, SNSClient, SubscribeCommand, CreateTopicCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useSecuredServer } from '../../support/secured-server.js';

// Both locks on: signatures verified and the admin endpoints behind a token.
const t = useSecuredServer({ adminToken: 'admin-secret' });

let subscriber: Server;
let endpoint: string;
const received: Record<string, string>[] = [];
beforeAll(async () => {
  subscriber = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => subscriber.close(() => resolve())));

describe('the links SNS sends, with signatures verified and an admin token set', () => {
  it('opens SubscribeURL, SigningCertURL and UnsubscribeURL without a signature or a token, as a subscriber does', async () => {
    const sns = new SNSClient({
      endpoint: t.server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'public-links' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: endpoint }));
    await vi.waitFor(() => expect(received).toHaveLength(1));

    const confirmation = received.shift()!;
    const confirmed = await fetch(confirmation.SubscribeURL!);
    expect(confirmed.status).toBe(200);
    const certificate = await fetch(confirmation.SigningCertURL!);
    expect({ status: certificate.status, pem: (await certificate.text()).startsWith('-----BEGIN CERTIFICATE-----') }).toEqual({ status: 200, pem: true });

    await sns.send(new PublishCommand({ TopicArn, Message: 'hello' }));
    await vi.waitFor(() => expect(received).toHaveLength(1));
    const unsubscribed = await fetch(received.shift()!.UnsubscribeURL!);
    expect(unsubscribed.status).toBe(200);
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(Subscriptions).toEqual([]);
    sns.destroy();
  });

  it('still requires a signature for every other SNS action sent the same way', async () => {
    const reply = await fetch(`${t.server.url}/?Action=ListTopics`);
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
