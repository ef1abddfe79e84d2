import type { Clock } from '../../src/clock.js';
import type { WharfConfig } from '../../src/cli/config.js';
import { startServer, type RunningServer } from '../../src/server.js';

/** A real wharf listening on a free loopback port, silent, in memory. */
export async function startTestServer(options: { clock?: Clock; config?: Partial<WharfConfig> } = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', ...options.config }, options.clock ? { clock: options.clock } : {});
}
