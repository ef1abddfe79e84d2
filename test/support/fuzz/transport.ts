import { type Agent, request as httpRequest } from 'node:http';
import type { ClientHttp2Session } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { ManualClock } from '../../../src/clock.js';
import type { FuzzReply } from './oracle.js';
import type { FuzzRequest } from './requests.js';

/** Sends one request and resolves with wharf's reply. */
export type Transport = (req: FuzzRequest) => Promise<FuzzReply>;

/** Fastify's inject: the whole app (routing, content-type parsing, body limit) without sockets. */
export function injectTransport(app: FastifyInstance): Transport {
  return async (req) => {
    const res = await app.inject({ method: req.method as 'POST', url: req.url, headers: req.headers, payload: req.body });
    return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
  };
}

/** A real HTTP/1.1 client over keep-alive sockets, so Node's parser and Fastify's limits are in the loop. */
export function httpTransport(baseUrl: string, agent: Agent): Transport {
  const { hostname, port } = new URL(baseUrl);
  return (req) =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(req.body.length) };
      const out = httpRequest({ hostname, port, path: req.url, method: req.method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(req.body);
    });
}

/** Cleartext HTTP/2 on one session, as the AWS SDK for JavaScript speaks to an http:// Kinesis endpoint. */
export function h2Transport(session: () => ClientHttp2Session): Transport {
  return (req) =>
    new Promise((resolve, reject) => {
      // HTTP/2 names the host :authority (nghttp2 refuses one that is not host[:port]), and drops a
      // value with surrounding whitespace where HTTP/1's parser trims it: trim, so both deliver alike.
      const { host, ...raw } = req.headers;
      const headers = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()]));
      const authority = host !== undefined && /^[\w.-]+(:\d+)?$|^\[[\d:a-f]+\](:\d+)?$/i.test(host) ? { ':authority': host } : {};
      // endStream false: Node would otherwise end a GET's or DELETE's stream before its (fuzzed) body.
      const stream = session().request(
        { ':method': req.method, ':path': req.url, ...authority, ...headers, 'content-length': String(req.body.length) },
        { endStream: false },
      );
      const chunks: Buffer[] = [];
      let status = 0;
      let replyHeaders: Record<string, string | string[] | number | undefined> = {};
      stream.on('response', (h) => {
        status = Number(h[':status']);
        replyHeaders = h;
      });
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve({ status, headers: replyHeaders, body: Buffer.concat(chunks) }));
      stream.on('error', reject);
      stream.end(req.body);
    });
}

export interface ExchangeLimits {
  /** Wall-clock time a reply may take: past it, wharf is hung. */
  realTimeoutMs: number;
  /** Virtual time the clock may be moved for one request (a long poll waits 20 s, a subscription 5 min). */
  virtualLimitMs: number;
}

/**
 * Sends a request and, while its reply waits on virtual time (a long poll, a SubscribeToShard
 * heartbeat), moves the manual clock in 20 s steps, so a legitimate wait ends at once and only a
 * real hang runs into the wall-clock timeout.
 */
export async function exchange(transport: Transport, clock: ManualClock, req: FuzzRequest, limits: ExchangeLimits): Promise<FuzzReply> {
  let settled = false;
  const reply = transport(req).finally(() => {
    settled = true;
  });
  // Awaited below once settled; until then a failed send must not count as an unhandled rejection.
  reply.catch(() => {});
  const deadline = performance.now() + limits.realTimeoutMs;
  let movedMs = 0;
  for (let turn = 0; !settled; turn++) {
    await (turn < 20 ? new Promise((r) => setImmediate(r)) : new Promise((r) => setTimeout(r, 2)));
    if (settled) break;
    if (clock.pendingSleepers > 0 && movedMs < limits.virtualLimitMs) {
      clock.advance(20_000);
      movedMs += 20_000;
    }
    if (performance.now() > deadline) {
      throw new Error(`no reply within ${limits.realTimeoutMs} ms of real time (clock moved ${movedMs / 1000} s)`);
    }
  }
  return reply;
}
