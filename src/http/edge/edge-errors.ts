import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ids } from '../../ids.js';
import { errorFormOf, renderErrorForm } from '../../protocol/dispatch.js';
import type { ServiceDefinition } from '../../protocol/service.js';
import { recognizeRequest } from '../../protocol/resolve-target.js';
import { requestUrlParts } from './request-url.js';
import { credentialScopeOf } from './sigv4-scope.js';
import { ADMIN_PATH } from '../admin/admin-guard.js';

/** An error raised before any service reads the request: its code, HTTP status and message. */
export interface EdgeError {
  code: string;
  status: number;
  message: string;
}

/**
 * Errors of the HTTP edge. AWS's frontends answer these before a service sees the request (a
 * too-large body is refused by the load balancer with a bare 413); wharf answers each in the
 * protocol the request's headers name, so an SDK reports a code instead of a parse failure.
 * Unverified against AWS: the codes and messages of all but the 413's text (real SQS answers
 * "HTTP content length exceeded 1662976 bytes." as plain text).
 */
export const edgeErrors = {
  bodyTooLarge: (limitBytes: number): EdgeError => ({
    code: 'RequestEntityTooLarge',
    status: 413,
    message: `HTTP content length exceeded ${limitBytes} bytes.`,
  }),
  // S3's wording for the same HTTP situation.
  methodNotAllowed: (method: string): EdgeError => ({
    code: 'MethodNotAllowed',
    status: 405,
    message: `The specified method ${method} is not allowed against this resource.`,
  }),
  // SQS's wording for a queue URL it cannot read.
  badAddress: (path: string): EdgeError => ({ code: 'InvalidAddress', status: 400, message: `The address ${path} is not valid for this endpoint.` }),
  badRequest: (status: number, message: string): EdgeError => ({ code: 'MalformedRequest', status, message }),
  internal: (): EdgeError => ({
    code: 'InternalFailure',
    status: 500,
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  }),
};

/** Writes an edge error in the request's protocol (XML, JSON or CBOR) for the service its headers name, if any. */
export function sendEdgeError(services: readonly ServiceDefinition[], request: FastifyRequest, reply: FastifyReply, error: EdgeError): FastifyReply {
  const { path, query } = requestUrlParts(request.url);
  const scope = credentialScopeOf(firstHeader(request.headers.authorization), query.get('X-Amz-Credential') ?? undefined);
  const { protocol, service } = recognizeRequest(services, { path, headers: request.headers, scope });
  // A code the service knows keeps its own status (SQS's InvalidAddress is a 404); others take the edge's.
  const form = service?.errors.get(error.code) ?? { ...errorFormOf(error.code, service), httpStatus: error.status, senderFault: error.status < 500 };
  const wire = renderErrorForm(form, error.message, service, protocol, ids.requestId());
  if (error.status === 405) reply.header('allow', 'GET, POST');
  // As bytes, as the AWS routes send them: Fastify would add "; charset=utf-8" to a string's type.
  return reply
    .code(wire.status)
    .headers(wire.headers)
    .send(typeof wire.body === 'string' ? Buffer.from(wire.body, 'utf8') : wire.body);
}

/** wharf's own endpoints (/_wharf/…, /_localstack/…); any other path may carry an AWS request. */
function isWharfOwn(request: FastifyRequest): boolean {
  return ADMIN_PATH.test(request.url.split('?', 1)[0]!);
}

function isKinesisTarget(request: FastifyRequest): boolean {
  const target = firstHeader(request.headers['x-amz-target']) ?? '';
  return (target.lastIndexOf('.') === -1 ? target : target.slice(0, target.lastIndexOf('.'))) === 'Kinesis_20131202';
}

function hasBody(request: FastifyRequest): boolean {
  return Number(firstHeader(request.headers['content-length']) ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Fastify's own failures, as AWS errors: a path it cannot decode (frameworkErrors, given at
 * construction), a method no route takes, a body over the limit or cut short, and, as a last
 * resort, any unexpected throw (logged; still a 500, which the fuzz test treats as a bug).
 */
export function edgeErrorHandlers(services: readonly ServiceDefinition[]) {
  return {
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (isWharfOwn(request))
        return reply
          .code(error.statusCode ?? 400)
          .send({ statusCode: error.statusCode ?? 400, code: error.code, error: 'Bad Request', message: error.message });
      sendEdgeError(
        services,
        request,
        reply,
        error.code === 'FST_ERR_BAD_URL' ? edgeErrors.badAddress(requestUrlParts(request.url).path) : edgeErrors.badRequest(400, error.message),
      );
    },
    register(app: FastifyInstance, bodyLimitBytes: number): void {
      app.setNotFoundHandler((request, reply) => {
        if (isWharfOwn(request))
          return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method}:${request.url} not found` });
        return sendEdgeError(services, request, reply, edgeErrors.methodNotAllowed(request.method));
      });
      app.setErrorHandler((error: FastifyError, request, reply) => {
        // wharf's own endpoints keep Fastify's JSON errors: rethrowing hands the error to its default handler.
        if (isWharfOwn(request)) throw error;
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendEdgeError(services, request, reply, edgeErrors.bodyTooLarge(bodyLimitBytes));
        // A Kinesis target without a Content-Type: Coral's bare 404 (see checkKinesisFraming).
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && isKinesisTarget(request)) {
          if (!hasBody(request)) return sendEdgeError(services, request, reply, { code: 'SerializationException', status: 400, message: '' });
          return reply
            .code(404)
            .header('x-amzn-requestid', ids.requestId())
            .header('content-type', 'application/xml')
            .send(Buffer.from('<UnknownOperationException/>\n'));
        }
        if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
          return sendEdgeError(services, request, reply, edgeErrors.badRequest(error.statusCode, error.message));
        }
        request.log.error({ err: error }, 'internal error');
        return sendEdgeError(services, request, reply, edgeErrors.internal());
      });
    },
  };
}
