import type { ServerOptions } from 'node:http';
import type { WharfConfig } from '../cli/config.js';

/**
 * Largest request body wharf reads, checked before parsing (a Content-Length above it is refused
 * unread; a chunked body is cut off when it grows past it). The largest legitimate request is a
 * Kinesis PutRecord(s) of 10 MiB of data: base64 in JSON makes that 13.4 MiB, plus up to 500
 * partition keys and hash keys. One limit for every service: which service a query-protocol
 * request is for is only known once its body is read, and below 16 MiB each service's own
 * checks answer with AWS's precise error (e.g. SQS "Message must be shorter than 1048576 bytes").
 */
export const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

/** The most a client may take to send its request line and headers (less if requestTimeoutMs is shorter). */
const HEADERS_TIMEOUT_MS = 10_000;
/** Idle keep-alive connections close after this, or the idle timeout if shorter (Fastify's default, above common 60 s client/LB idle times). */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * Node's HTTP/1.1 server limits. The request timeout covers receiving a request, headers and
 * body; it stops once the request is in, so a 20 s long poll or a 5-minute SubscribeToShard
 * stream is governed only by the idle timeout, which their replies (an answer within 20 s, an
 * event every 5 s) stay well inside. Node checks the first two on an interval, set here to a
 * fraction of them so a stalled client goes within about a second of its limit.
 */
export function httpServerLimits(config: Pick<WharfConfig, 'requestTimeoutMs' | 'idleTimeoutMs'>) {
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs);
  const http: ServerOptions = {
    headersTimeout,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    http,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: Math.min(KEEP_ALIVE_TIMEOUT_MS, config.idleTimeoutMs),
    /** No byte read or written for this long: the socket is destroyed (a client that stopped reading, or vanished). */
    connectionTimeout: config.idleTimeoutMs,
  };
}
