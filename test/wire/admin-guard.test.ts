import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { configSchema, type WharfConfig } from '../../src/cli/config.js';
import { Emulator } from '../../src/emulator.js';
import { SIGNING_CERT_PATH } from '../../src/services/sns/engine/envelope.js';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

/**
 * The app as server.ts builds it (the dashboard's files at /_wharf/ui/ included), plus routes
 * of the kind other features add later (a clock control, an API): the guard must cover them
 * without their knowing.
 */
async function appWith(config: Partial<WharfConfig>): Promise<FastifyInstance> {
  emulator = new Emulator();
  const app = buildApp(emulator, configSchema.parse({ logLevel: 'silent', ...config }), pino({ level: 'silent' }));
  app.post('/_wharf/later-feature', async () => ({ moved: true }));
  app.get('/_wharf/api/queues', async () => ({ queues: [] }));
  app.get('/_localstack/info', async () => ({ version: 'compat' }));
  await app.ready();
  return app;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('admin endpoints with WHARF_ADMIN_TOKEN', () => {
  it('refuse requests without the token with 401 and a JSON error, routes added later included', async () => {
    const app = await appWith({ adminToken: 's3cret-token' });
    for (const [method, url] of [
      ['POST', '/_wharf/reset'],
      ['GET', '/_wharf/sns/sent/sms'],
      ['POST', '/_wharf/later-feature'],
      ['GET', '/_wharf/api/queues'],
      ['GET', '/_localstack/info'],
      ['GET', '/_wharf/no-such-endpoint'],
    ] as const) {
      const reply = await app.inject({ method, url });
      expect({ url, status: reply.statusCode, body: reply.json() }).toEqual({
        url,
        status: 401,
        body: { error: 'this endpoint needs the admin token: send Authorization: Bearer <WHARF_ADMIN_TOKEN>' },
      });
      expect(reply.headers['www-authenticate']).toBe('Bearer realm="wharf"');
    }
    await app.close();
  });

  it('refuse a wrong token, and serve the right one (any case of "Bearer")', async () => {
    const app = await appWith({ adminToken: 's3cret-token' });
    const wrong = await app.inject({ method: 'POST', url: '/_wharf/reset', headers: bearer('s3cret-tokeN') });
    expect({ status: wrong.statusCode, body: wrong.json() }).toEqual({ status: 401, body: { error: 'wrong admin token' } });
    const right = await app.inject({ method: 'POST', url: '/_wharf/reset', headers: { authorization: 'bearer s3cret-token' } });
    expect({ status: right.statusCode, body: right.json() }).toEqual({ status: 200, body: { reset: true } });
    expect((await app.inject({ method: 'POST', url: '/_wharf/later-feature', headers: bearer('s3cret-token') })).json()).toEqual({ moved: true });
    await app.close();
  });

  it('guard a route however its path is spelled (%5F routes to _)', async () => {
    const app = await appWith({ adminToken: 's3cret-token' });
    for (const url of ['/%5Fwharf/reset', '/_wharf%2Freset', '/%5flocalstack/info']) {
      expect({ url, status: (await app.inject({ method: 'POST', url })).statusCode }).toEqual({ url, status: 401 });
    }
    await app.close();
  });

  it('leave health, the SNS signing certificate and the dashboard’s static files open', async () => {
    const app = await appWith({ adminToken: 's3cret-token' });
    expect((await app.inject({ method: 'GET', url: '/_wharf/health' })).json()).toMatchObject({ status: 'running' });
    expect((await app.inject({ method: 'HEAD', url: '/_wharf/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: SIGNING_CERT_PATH })).body).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect((await app.inject({ method: 'GET', url: '/_wharf/ui/index.html' })).body).toContain('<title>wharf</title>');
    // Only reads are public: a write to a public path is still guarded.
    expect((await app.inject({ method: 'POST', url: '/_wharf/health' })).statusCode).toBe(401);
    await app.close();
  });

  it('never touch AWS requests', async () => {
    const app = await appWith({ adminToken: 's3cret-token' });
    const reply = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'Action=ListQueues',
    });
    expect(reply.statusCode).toBe(200);
    await app.close();
  });
});

describe('admin endpoints with WHARF_ADMIN=false', () => {
  it('answer 404 as if absent, dashboard included, but keep health and the SNS certificate', async () => {
    const app = await appWith({ admin: false, adminToken: 'ignored' });
    for (const [method, url] of [
      ['POST', '/_wharf/reset'],
      ['GET', '/_wharf/sns/sent/sms'],
      ['POST', '/_wharf/later-feature'],
      ['GET', '/_wharf/ui/index.html'],
      ['GET', '/_localstack/info'],
      ['GET', '/_wharf/no-such-endpoint'],
    ] as const) {
      // Fastify's own 404, as for a route that does not exist.
      const reply = await app.inject({ method, url, headers: bearer('ignored') });
      expect({ status: reply.statusCode, body: reply.json() }).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: `Route ${method}:${url} not found` },
      });
    }
    expect((await app.inject({ method: 'GET', url: '/_wharf/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: SIGNING_CERT_PATH })).statusCode).toBe(200);
    await app.close();
  });
});

describe('admin endpoints by default', () => {
  it('are open, as before', async () => {
    const app = await appWith({});
    expect((await app.inject({ method: 'POST', url: '/_wharf/reset' })).json()).toEqual({ reset: true });
    expect((await app.inject({ method: 'GET', url: '/_wharf/api/queues' })).statusCode).toBe(200);
    await app.close();
  });
});
