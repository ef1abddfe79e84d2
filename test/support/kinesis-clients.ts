import { KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { WharfConfig } from '../../src/cli/config.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from './server.js';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '000000000000';

/** A real @aws-sdk/client-kinesis (AWS JSON 1.1) pointed at a test server, with no retries. */
export function kinesisClient(server: RunningServer): KinesisClient {
  return new KinesisClient({
    endpoint: server.url,
    region: TEST_REGION,
    credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
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

/**
 * One wharf and one Kinesis client for a test file: started before its tests, reset after each,
 * closed at the end. Read `server` and `kinesis` inside tests (they exist once beforeAll ran).
 */
export function useKinesisServer(options: { clock?: Clock; config?: Partial<WharfConfig> } = {}): {
  readonly server: RunningServer;
  readonly kinesis: KinesisClient;
} {
  let server: RunningServer | undefined;
  let kinesis: KinesisClient | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    kinesis = kinesisClient(server);
  });
  afterEach(() => server?.emulator.reset());
  afterAll(async () => {
    kinesis?.destroy();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get kinesis() {
      return kinesis!;
    },
  };
}
