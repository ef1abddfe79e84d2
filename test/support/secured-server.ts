import { afterAll, beforeAll } from 'vitest';
import type { AccessKey } from '../../src/access-keys.js';
import type { WharfConfig } from '../../src/cli/config.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from './server.js';

/** The key every test client signs with (see sqs-clients.ts), a 12-digit one, and one with a session token. */
export const SECURED_CREDENTIALS: AccessKey[] = [
  { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' },
  { accessKeyId: '111122223333', secretAccessKey: 'account-secret' },
  { accessKeyId: 'ASIAWHARFTEMP', secretAccessKey: 'temp-secret', sessionToken: 'the-session-token' },
];

/** One wharf per test file that verifies SigV4 signatures, closed at the end. */
export function useSecuredServer(config: Partial<WharfConfig> = {}): { readonly server: RunningServer } {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ config: { verifySignatures: true, credentials: SECURED_CREDENTIALS, ...config } });
  });
  afterAll(() => server?.close());
  return {
    get server() {
      return server!;
    },
  };
}
