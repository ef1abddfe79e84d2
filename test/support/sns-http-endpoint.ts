import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, vi } from 'vitest';
import { sns, type SnsSuite } from './sns-suite.js';

export interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
}

/** A subscriber endpoint inside the test: records each POST, answers with the next status queued (200 when none). */
export interface HttpEndpoint {
  url: string;
  received: Received[];
  statuses: number[];
  close(): Promise<void>;
}

export async function startHttpEndpoint(): Promise<HttpEndpoint> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string> });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subscribes the endpoint and visits the SubscribeURL it was sent; returns the subscription ARN. */
export async function subscribeAndConfirm(t: SnsSuite, endpoint: HttpEndpoint, topicArn: string, attributes?: Record<string, string>): Promise<string> {
  const out = await t.sns.send(
    new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpoint.url, ...(attributes ? { Attributes: attributes } : {}) }),
  );
  expect(out.SubscriptionArn).toBe('pending confirmation');
  await vi.waitFor(() => expect(endpoint.received).toHaveLength(1));
  const confirmation = endpoint.received.shift()!;
  const visited = await fetch(confirmation.body.SubscribeURL!);
  expect(visited.status).toBe(200);
  return /<SubscriptionArn>(.*)<\/SubscriptionArn>/.exec(await visited.text())![1]!;
}
