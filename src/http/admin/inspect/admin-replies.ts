import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { WharfConfig } from '../../../cli/config.js';
import type { Emulator } from '../../../emulator.js';
import { AwsError } from '../../../errors.js';
import { ids } from '../../../ids.js';
import { invokeOperation } from '../../../protocol/invoke.js';
import type { ServiceName } from '../../../protocol/service.js';
import { baseUrlOf } from '../../base-url.js';
import { problemsOf } from '../zod-problems.js';

/**
 * What the inspection endpoints and admin actions under /_wharf/ share: JSON errors
 * `{ error, message }` (404 for an unknown resource in the path, 400 for bad input or an AWS
 * error), ISO-8601 times from the emulator's clock, and AWS operations run as an SDK's would be.
 */
export class AdminError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string): AdminError => new AdminError(404, 'NotFound', message);

/** No AWS request goes to /_wharf/: an unknown path there is wharf's 404, not an AWS error. */
export const unknownEndpoint = (method: string, url: string): AdminError =>
  new AdminError(404, 'UnknownEndpoint', `wharf has no endpoint ${method} ${url.split('?')[0]}.`);

/** Times in /_wharf replies: ISO-8601, from the emulator's clock (engines keep epoch ms). */
export function isoOf(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Renders this scope's thrown AdminError and AwsError as JSON; anything else is a logged 500. */
export function useAdminErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err, request, reply) => {
    if (err instanceof AdminError) return reply.code(err.status).send({ error: err.code, message: err.message });
    if (err instanceof AwsError) return reply.code(400).send({ error: err.code, message: err.message });
    // Fastify's own 4xx (body too large, malformed request) keep their status.
    const status = typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) return reply.code(status).send({ error: 'BadRequest', message: err instanceof Error ? err.message : String(err) });
    request.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: 'InternalFailure', message: 'The request processing has failed because of an unknown error.' });
  });
}

/** A query string or JSON body read with a schema; a mismatch is a 400 naming each problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AdminError(400, 'ValidationError', problemsOf(parsed.error));
}

/** The request's body as JSON (wharf keeps every body as bytes); an empty body is `{}`. */
export function jsonBodyOf(request: FastifyRequest): unknown {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'ValidationError', 'The body is not valid JSON.');
  }
}

/** `?limit=`: 1 to `max`, `fallback` when absent. */
export const limitQuery = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Runs an AWS operation for an admin action in the given account and region, as an SDK call there would run. */
export function invokeAs(
  emulator: Emulator,
  config: WharfConfig,
  request: FastifyRequest,
  where: { service: ServiceName; accountId: string; region: string },
  operation: string,
  input: Record<string, unknown>,
): Promise<unknown> {
  const service = emulator.services.find((s) => s.name === where.service)!;
  return invokeOperation(service, operation, input, {
    requestId: ids.requestId(),
    accountId: where.accountId,
    region: where.region,
    accessKeyId: where.accountId,
    baseUrl: baseUrlOf(request, config),
    path: '/',
    protocol: 'json',
    signal: emulator.closingSignal,
  });
}

/** Drops undefined members, so an absent option stays absent in the AWS input. */
export function defined<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
