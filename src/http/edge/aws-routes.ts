import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Http2ServerResponse } from 'node:http2';
import type { WharfConfig } from '../../cli/config.js';
import { SystemClock } from '../../clock.js';
import type { Emulator } from '../../emulator.js';
import { ids } from '../../ids.js';
import { dispatch, renderError } from '../../protocol/dispatch.js';
import type { WireReply } from '../../protocol/reply.js';
import { restPathPrefixes } from '../../protocol/rest/routes.js';
import type { RequestContext } from '../../protocol/service.js';
import { baseUrlOf } from '../base-url.js';
import { requestUrlParts } from './request-url.js';
import { resolveTarget, RoutingError } from '../../protocol/resolve-target.js';
import { headerMap } from './sigv4-claim.js';
import { credentialScopeOf } from './sigv4-scope.js';
import { SignatureVerifier } from './sigv4-verifier.js';

/** What the request log line says about an AWS request. */
declare module 'fastify' {
  interface FastifyRequest {
    awsOperation?: string;
  }
}

/** Every AWS request, whatever its path: the protocol layer decides what it is. */
export function registerAwsRoutes(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  const verifier = config.verifySignatures ? new SignatureVerifier(config.credentials ?? [], new SystemClock()) : undefined;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const wire = await handleAwsRequest(request, reply, emulator, config, verifier);
    // As bytes: Fastify appends "; charset=utf-8" to a string body's Content-Type, which AWS
    // does not send (e.g. exactly `application/x-amz-json-1.0`).
    return reply.code(wire.status).headers(wire.headers).send(typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body);
  };
  app.route({ method: ['GET', 'POST'], url: '/', handler });
  app.route({ method: ['GET', 'POST'], url: '/*', handler });
  // REST services (Lambda) also take PUT and DELETE, under their own path prefixes (/2015-03-31/…).
  const restPrefixes = new Set(emulator.services.filter((s) => s.model.metadata.protocol === 'rest-json').flatMap((s) => restPathPrefixes(s.model)));
  for (const prefix of restPrefixes) app.route({ method: ['GET', 'POST', 'PUT', 'DELETE'], url: `${prefix}*`, handler });
}

async function handleAwsRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  emulator: Emulator,
  config: WharfConfig,
  verifier: SignatureVerifier | undefined,
): Promise<WireReply> {
  const requestId = ids.requestId();
  const url = requestUrlParts(request.url);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const scope = credentialScopeOf(request.headers.authorization, url.query.get('X-Amz-Credential') ?? undefined);
  let target;
  try {
    target = resolveTarget(emulator.services, { method: request.method, path: url.path, query: url.query, headers: request.headers, body, scope });
  } catch (err) {
    if (err instanceof RoutingError && err.raw) return { status: err.raw.status, headers: { 'content-type': 'application/xml', 'x-amzn-requestid': requestId }, body: err.raw.body };
    if (err instanceof RoutingError) return renderError(err, err.service, err.protocol, requestId, request.log);
    throw err;
  }
  request.awsOperation = `${target.service.name}.${target.operation}`;
  if (verifier) {
    try {
      await verifier.verify({ method: request.method, url: request.url, headers: headerMap(request.raw.rawHeaders), body }, target.service.name, target.operation);
    } catch (err) {
      return renderError(err, target.service, target.protocol, requestId, request.log);
    }
  }
  const ctx: RequestContext = {
    requestId,
    accountId: scope && /^\d{12}$/.test(scope.accessKeyId) ? scope.accessKeyId : config.accountId,
    region: scope?.region ?? config.region,
    accessKeyId: scope?.accessKeyId ?? config.accountId,
    baseUrl: baseUrlOf(request, config),
    path: url.path,
    protocol: target.protocol,
    signal: AbortSignal.any([clientGone(reply), emulator.closingSignal]),
  };
  return dispatch(target.service, target.operation, target, ctx, request.log);
}

/** Aborts when the client disconnects before its reply is written (e.g. mid long poll). */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  // HTTP/2: a client that resets its stream (e.g. to end a SubscribeToShard subscription) makes
  // the compatibility response finish and close as if it had been answered; the stream says it
  // was aborted.
  if (reply.raw instanceof Http2ServerResponse) reply.raw.stream.once('aborted', () => controller.abort());
  return controller.signal;
}
