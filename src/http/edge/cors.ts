import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WharfConfig } from '../../cli/config.js';

/**
 * CORS for browser apps that call the AWS SDK from a page (LocalStack users rely on it): a
 * preflight `OPTIONS` is answered before any routing, and every answer to a request with an allowed
 * `Origin` carries Access-Control-Allow-Origin and the headers an SDK must read (the request id,
 * the error type, SQS's query error). `WHARF_CORS_ORIGINS` restricts the allowed origins; a
 * request from any other origin gets no CORS headers (the browser then refuses it) and a refused
 * preflight is a 403.
 */
export const CORS_ALLOW_METHODS = 'HEAD,GET,PUT,POST,DELETE,OPTIONS,PATCH';
/** What SDKs send (LocalStack's list): a preflight that names none is allowed these. */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'cache-control',
  'content-length',
  'content-md5',
  'content-type',
  'etag',
  'location',
  'x-amz-acl',
  'x-amz-content-sha256',
  'x-amz-date',
  'x-amz-request-id',
  'x-amz-security-token',
  'x-amz-tagging',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-version-id',
  'x-amzn-requestid',
  'x-localstack-target',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(',');
/** Response headers an SDK in a browser must be able to read. */
export const CORS_EXPOSE_HEADERS = 'x-amzn-requestid,x-amzn-errortype,x-amzn-errormessage,x-amzn-query-error,x-amz-request-id,x-amz-id-2,date,etag';
/** How long a browser may cache a preflight: 2 days, as kinesalite recorded from AWS. */
const MAX_AGE_SECONDS = '172800';

export function registerCors(app: FastifyInstance, config: Pick<WharfConfig, 'corsOrigins'>): void {
  const allowed = allowedOriginOf(config.corsOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = firstHeader(request.headers.origin);
    if (origin === undefined) return;
    const allowOrigin = allowed(origin);
    if (request.method === 'OPTIONS') return answerPreflight(request, reply, allowOrigin);
    if (allowOrigin !== undefined) setCorsHeaders(reply, allowOrigin);
  });
}

function answerPreflight(request: FastifyRequest, reply: FastifyReply, allowOrigin: string | undefined): FastifyReply {
  if (allowOrigin === undefined) return reply.code(403).header('content-type', 'text/plain').send('CORS origin not allowed');
  setCorsHeaders(reply, allowOrigin, firstHeader(request.headers['access-control-request-headers']));
  return reply.code(200).header('access-control-max-age', MAX_AGE_SECONDS).send('');
}

/** All four on every answer, as LocalStack sends them; a preflight's requested headers are echoed. */
function setCorsHeaders(reply: FastifyReply, allowOrigin: string, requestedHeaders?: string): void {
  reply
    .header('access-control-allow-origin', allowOrigin)
    .header('access-control-allow-methods', CORS_ALLOW_METHODS)
    .header('access-control-allow-headers', requestedHeaders ?? CORS_ALLOW_HEADERS)
    .header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
  if (allowOrigin !== '*') reply.header('vary', 'Origin');
}

/** `*` allows every origin (the default); otherwise the origin must be one of the list, exactly. */
function allowedOriginOf(origins: readonly string[]): (origin: string) => string | undefined {
  if (origins.includes('*')) return () => '*';
  const set = new Set(origins.map((o) => o.toLowerCase()));
  return (origin) => (set.has(origin.toLowerCase()) ? origin : undefined);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
