import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the LocalStack health endpoint', () => {
  it("answers in LocalStack's shape for the services wharf has", async () => {
    const res = await fetch(`${server.url}/_localstack/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { services: Record<string, string>; edition: string; version: string };
    expect(body.services).toEqual({ sqs: 'running', sns: 'running', kinesis: 'running', lambda: 'running' });
    expect(body.edition).toBe('community');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers HEAD, as wait scripts use it', async () => {
    const res = await fetch(`${server.url}/_localstack/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
  });
});
