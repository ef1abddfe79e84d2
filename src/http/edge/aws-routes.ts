import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Http2ServerResponse } from 'node:http2';
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
import { resolveTarget, RoutingError, type Target } from '../../protocol/resolve-target.js';
import { headerMap } from './sigv4-claim.js';
import { credentialScopeOf } from './sigv4-scope.js';
import type { SignatureVerifier } from './sigv4-verifier.js';

/** What the request log line says about an AWS request. */
declare module 'fastify' {
  interface FastifyRequest {
    awsOperation?: string;
  }
}

/** Every AWS request, whatever its path: the protocol layer decides what it is. */
export function registerAwsRoutes(app: FastifyInstance, emulator: Emulator, config: WharfConfig): void {
  // The SigV4 code (the SDK's signer) loads on the first request that needs it, not at start-up.
  let verifier: Promise<SignatureVerifier> | undefined;
  const verifierNow = (): Promise<SignatureVerifier> | undefined =>
    config.verifySignatures
      ? (verifier ??= import('./sigv4-verifier.js').then((m) => new m.SignatureVerifier(config.credentials ?? [], new SystemClock())))
      : undefined;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const wire = await handleAwsRequest(request, reply, emulator, config, verifierNow());
    // As bytes: Fastify appends "; charset=utf-8" to a string body's Content-Type, which AWS
    // does not send (e.g. exactly `application/x-amz-json-1.0`).
    return reply
      .code(wire.status)
      .headers(wire.headers)
      .send(typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body);
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
  verifierLoading: Promise<SignatureVerifier> | undefined,
): Promise<WireReply> {
  const requestId = ids.requestId();
  const url = requestUrlParts(request.url);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const scope = credentialScopeOf(request.headers.authorization, url.query.get('X-Amz-Credential') ?? undefined);
  let target: Target;
  try {
    target = resolveTarget(emulator.services, { method: request.method, path: url.path, query: url.query, headers: request.headers, body, scope });
  } catch (err) {
    if (err instanceof RoutingError && err.raw)
      return { status: err.raw.status, headers: { 'content-type': 'application/xml', 'x-amzn-requestid': requestId }, body: err.raw.body };
    if (err instanceof RoutingError) return renderError(err, err.service, err.protocol, requestId, request.log);
    throw err;
  }
  request.awsOperation = `${target.service.name}.${target.operation}`;
  if (verifierLoading) {
    try {
      const verifier = await verifierLoading;
      await verifier.verify(
        { method: request.method, url: request.url, headers: headerMap(request.raw.rawHeaders), body },
        target.service.name,
        target.operation,
      );
    } catch (err) {
      return renderError(err, target.service, target.protocol, requestId, request.log);
    }
  }
  // The signal exists only for the requests that read it (a receive, a long poll, a
  // SubscribeToShard): an AbortController and AbortSignal.any per request cost more than the
  // rest of a SendMessage's bookkeeping.
  let signal: AbortSignal | undefined;
  const ctx: RequestContext = {
    requestId,
    accountId: scope && /^\d{12}$/.test(scope.accessKeyId) ? scope.accessKeyId : config.accountId,
    region: scope?.region ?? config.region,
    accessKeyId: scope?.accessKeyId ?? config.accountId,
    baseUrl: baseUrlOf(request, config),
    path: url.path,
    protocol: target.protocol,
    get signal() {
      return (signal ??= AbortSignal.any([clientGone(reply), emulator.closingSignal]));
    },
  };
  return dispatch(target.service, target.operation, target, ctx, request.log);
}

/**
 * Aborts when the client disconnects before its reply is written (e.g. mid long poll); made
 * when a handler first asks, so it is aborted at once if the client has already gone.
 */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  // HTTP/2: a client that resets its stream (e.g. to end a SubscribeToShard subscription) makes
  // the compatibility response finish and close as if it had been answered; the stream says it
  // was aborted. (Checked by version, not instanceof, so HTTP/1.1 never loads node:http2.)
  if (reply.request.raw.httpVersionMajor === 2) {
    const stream = (reply.raw as unknown as Http2ServerResponse).stream;
    if (stream.destroyed || stream.aborted) controller.abort();
    else stream.once('aborted', () => controller.abort());
  }
  if (!reply.raw.writableFinished && (reply.raw.destroyed || reply.raw.socket?.destroyed !== false)) controller.abort();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
