import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { WharfConfig } from '../../src/cli/config.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from './server.js';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '000000000000';

export interface LambdaTestClients {
  readonly server: RunningServer;
  readonly lambda: LambdaClient;
  readonly sqs: SQSClient;
  readonly kinesis: KinesisClient;
}

/**
 * One wharf with real @aws-sdk/client-lambda, -sqs and -kinesis clients (no retries) for a test
 * file: started before its tests, reset after each, closed at the end.
 */
export function useLambdaServer(options: { clock?: Clock; config?: Partial<WharfConfig> } = {}): LambdaTestClients {
  let server: RunningServer | undefined;
  let clients: { lambda: LambdaClient; sqs: SQSClient; kinesis: KinesisClient } | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    const config = { endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' }, maxAttempts: 1 };
    clients = { lambda: new LambdaClient(config), sqs: new SQSClient(config), kinesis: new KinesisClient(config) };
  });
  afterEach(() => server?.emulator.reset());
  afterAll(async () => {
    clients?.lambda.destroy();
    clients?.sqs.destroy();
    clients?.kinesis.destroy();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get lambda() {
      return clients!.lambda;
    },
    get sqs() {
      return clients!.sqs;
    },
    get kinesis() {
      return clients!.kinesis;
    },
  };
}

export const queueArn = (name: string) => `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:${name}`;
export const streamArn = (name: string) => `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/${name}`;
export const functionArn = (name: string) => `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${name}`;

/** The error an SDK call rejected with: its name, message and HTTP status. */
export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
