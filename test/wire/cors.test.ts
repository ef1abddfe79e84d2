import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS } from '../../src/http/edge/cors.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

/** A browser page calling wharf through an SDK: preflight, then the call itself, for every service [ALL-CORS]. */
const REQUESTS = {
  'SQS JSON': { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues', body: '{}' },
  'SQS query': { 'content-type': 'application/x-www-form-urlencoded', body: 'Action=ListQueues' },
  'SNS query': { 'content-type': 'application/x-www-form-urlencoded', body: 'Action=ListTopics' },
  'Kinesis JSON': { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams', body: '{}' },
} as const;

async function preflight(server: RunningServer, origin: string) {
  const res = await fetch(`${server.url}/`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-date,authorization' },
  });
  return { status: res.status, headers: Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary')) };
}

async function callFrom(server: RunningServer, origin: string, request: (typeof REQUESTS)[keyof typeof REQUESTS]) {
  const { body, ...headers } = request;
  const res = await fetch(`${server.url}/`, { method: 'POST', headers: { origin, ...headers }, body });
  return { status: res.status, headers: Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-'))) };
}

describe('CORS with the default WHARF_CORS_ORIGINS=* [ALL-CORS]', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('answers a preflight with 200, every origin allowed, the requested headers echoed', async () => {
    expect(await preflight(server, 'http://localhost:3000')).toEqual({
      status: 200,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': CORS_ALLOW_METHODS,
        'access-control-allow-headers': 'content-type,x-amz-target,x-amz-date,authorization',
        'access-control-expose-headers': CORS_EXPOSE_HEADERS,
        'access-control-max-age': '172800',
      },
    });
  });

  it.each(Object.keys(REQUESTS) as (keyof typeof REQUESTS)[])('puts the four CORS headers on a %s answer', async (name) => {
    expect(await callFrom(server, 'http://localhost:3000', REQUESTS[name])).toEqual({
      status: 200,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': CORS_ALLOW_METHODS,
        'access-control-allow-headers': CORS_ALLOW_HEADERS,
        'access-control-expose-headers': CORS_EXPOSE_HEADERS,
      },
    });
  });

  it('exposes the headers an SDK reads in a browser: the request id and the error type', () => {
    expect(CORS_EXPOSE_HEADERS.split(',')).toEqual(expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-query-error', 'x-amz-request-id']));
  });
});

describe('CORS restricted with WHARF_CORS_ORIGINS [ALL-CORS]', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startTestServer({ config: { corsOrigins: ['http://app.test:8080'] } })));
  afterAll(() => server.close());

  it('allows a listed origin by name, with Vary: Origin', async () => {
    const reply = await preflight(server, 'http://app.test:8080');
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({ 'access-control-allow-origin': 'http://app.test:8080', vary: 'Origin' });
    expect((await callFrom(server, 'http://app.test:8080', REQUESTS['Kinesis JSON'])).headers['access-control-allow-origin']).toBe('http://app.test:8080');
  });

  it('refuses a preflight from another origin with 403 and no CORS headers, and sends none on its calls', async () => {
    expect(await preflight(server, 'http://evil.test')).toEqual({ status: 403, headers: {} });
    expect(await callFrom(server, 'http://evil.test', REQUESTS['SQS JSON'])).toEqual({ status: 200, headers: {} });
  });
});
