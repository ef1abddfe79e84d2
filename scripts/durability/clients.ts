import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const NAMES = {
  standard: 'durable-standard',
  fifo: 'durable.fifo',
  snsQueue: 'durable-sns-deliveries',
  topic: 'durable-topic',
  stream: 'durable-stream',
};
export const SHARDS = 2;
export const FIFO_GROUPS = ['g0', 'g1', 'g2'];

export interface Clients {
  sqs: SQSClient;
  sns: SNSClient;
  kinesis: KinesisClient;
  queueUrl(name: string): string;
  destroy(): void;
}

/**
 * Fresh SDK clients for one server process, with no retries: an attempt is sent exactly once, so
 * what wharf stored can be matched to what it acknowledged. The request timeout only guards the
 * harness against a hung server (a failure in its own right).
 */
export function clientsFor(port: number): Clients {
  const endpoint = `http://127.0.0.1:${port}`;
  const common = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'AKIDDURABILITY', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 20_000 },
  };
  const sqs = new SQSClient(common);
  const sns = new SNSClient(common);
  const kinesis = new KinesisClient(common);
  return {
    sqs,
    sns,
    kinesis,
    queueUrl: (name) => `${endpoint}/${ACCOUNT}/${name}`,
    destroy() {
      sqs.destroy();
      sns.destroy();
      kinesis.destroy();
    },
  };
}

export const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:${NAMES.topic}`;
export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

/** True for an error the server answered (an AWS error), not a dropped connection or a cut-off reply. */
export function isServerAnswer(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 400;
}
