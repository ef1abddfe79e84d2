import { Agent } from 'node:http';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

const credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };
const REGION = 'us-east-1';

/**
 * HTTP/1.1 keep-alive sockets for `sockets` requests in flight at once. The SDK's default
 * handler allows 50, which would quietly queue a 64-consumer or 1,000-long-poll test inside the
 * client and make it far less concurrent than it claims.
 */
export function pooledAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets });
}

/** An SQS (JSON protocol) client over `agent`, with no retries: a failure is the test's to see. */
export function pooledSqs(endpoint: string, agent: Agent): SQSClient {
  return new SQSClient({ endpoint, region: REGION, credentials, maxAttempts: 1, requestHandler: { httpAgent: agent } });
}

export function pooledSns(endpoint: string, agent: Agent): SNSClient {
  return new SNSClient({ endpoint, region: REGION, credentials, maxAttempts: 1, requestHandler: { httpAgent: agent } });
}

/**
 * Kinesis clients (HTTP/2). By default the SDK opens a new HTTP/2 session for every request
 * (disableConcurrentStreams): `reuseSessions` keeps one per client instead, as a tuned
 * application would, which costs far less per call than a TCP and HTTP/2 handshake each time.
 */
export function kinesisClients(endpoint: string, count: number, options: { reuseSessions?: (index: number) => boolean } = {}): KinesisClient[] {
  return Array.from(
    { length: count },
    (_, i) =>
      new KinesisClient({
        endpoint,
        region: REGION,
        credentials,
        maxAttempts: 1,
        ...(options.reuseSessions?.(i) ? { requestHandler: { disableConcurrentStreams: false } } : {}),
      }),
  );
}
