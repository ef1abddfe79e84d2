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

/** Kinesis clients talk HTTP/2 (one session each), so concurrency comes from several clients. */
export function kinesisClients(endpoint: string, count: number): KinesisClient[] {
  return Array.from({ length: count }, () => new KinesisClient({ endpoint, region: REGION, credentials, maxAttempts: 1 }));
}
