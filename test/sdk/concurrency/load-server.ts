import type * as sqs from '@aws-sdk/client-sqs';
import type { Agent } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { pooledAgent, pooledSqs } from '../../support/pooled-clients.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';

export interface LoadTarget {
  server: ServerProcess;
  client: sqs.SQSClient;
}

/**
 * For one describe block: wharf in its own process (so server and clients really run in
 * parallel) and an SQS client with one socket per concurrent caller, so every call is really
 * in flight at once. Filled in by beforeAll.
 */
export function useLoadServer(sockets: number): LoadTarget {
  const target = {} as LoadTarget;
  let agent: Agent | undefined;
  beforeAll(async () => {
    target.server = await startServerProcess();
    agent = pooledAgent(sockets);
    target.client = pooledSqs(target.server.url, agent);
  });
  afterAll(async () => {
    target.client?.destroy();
    agent?.destroy();
    await target.server?.stop();
  });
  return target;
}
