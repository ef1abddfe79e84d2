import { KinesisClient } from '@aws-sdk/client-kinesis';
import type { RunningServer } from '../../src/server.js';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '000000000000';

/** A real @aws-sdk/client-kinesis (AWS JSON 1.1) pointed at a test server, with no retries. */
export function kinesisClient(server: RunningServer): KinesisClient {
  return new KinesisClient({ endpoint: server.url, region: TEST_REGION, credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' }, maxAttempts: 1 });
}

export function streamArn(name: string): string {
  return `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/${name}`;
}

/** The error an SDK call rejected with: its name (AWS error code) and message. */
export async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}
