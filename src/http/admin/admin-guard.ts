import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WharfConfig } from '../../cli/config.js';
import { SIGNING_CERT_PATH, SIGNING_CERT_ROUTE } from '../../services/sns/engine/envelope.js';

/** wharf's own endpoints and the LocalStack-compatible ones: everything no AWS SDK calls. */
/** wharf's own endpoints; every other path may be an AWS request (they are routed by headers). */
export const ADMIN_PATH = /^\/_(wharf|localstack)(\/|$)/;

/**
 * Always answered, even with the admin endpoints off: the health checks (Docker's HEALTHCHECK
 * and LocalStack tooling poll them; they reveal a version and an uptime) and the certificate SNS
 * subscribers fetch to check a notification's signature (public, as AWS's is).
 */
const ALWAYS_PUBLIC = new Set(['/_wharf/health', '/_localstack/health', SIGNING_CERT_PATH, SIGNING_CERT_ROUTE]);

/** The dashboard's static files hold no state; its API calls (outside /_wharf/ui/) send the token. */
const DASHBOARD_ASSETS = /^\/_wharf\/ui(\/|$)/;

type AdminAccess = { kind: 'open' } | { kind: 'off' } | { kind: 'token'; digest: Buffer };

/**
 * One onRequest hook guards every admin route, present or added later, by URL prefix: with
 * WHARF_ADMIN=false they answer 404 as if absent; with WHARF_ADMIN_TOKEN they need
 * `Authorization: Bearer <token>` (401 otherwise). AWS routes are never affected.
 */
export function registerAdminGuard(app: FastifyInstance, config: Pick<WharfConfig, 'admin' | 'adminToken'>): void {
  const access = accessOf(config);
  if (access.kind === 'open') return;
  app.addHook('onRequest', async (request, reply) => {
    const path = adminPathOf(request);
    if (path === undefined || isPublic(request, access)) return;
    if (access.kind === 'off') return reply.callNotFound();
    const refusal = refusalOf(request.headers.authorization, access.digest);
    if (refusal) return unauthorized(reply, refusal);
  });
}

function accessOf(config: Pick<WharfConfig, 'admin' | 'adminToken'>): AdminAccess {
  if (!config.admin) return { kind: 'off' };
  if (config.adminToken !== undefined) return { kind: 'token', digest: sha256(config.adminToken) };
  return { kind: 'open' };
}

/**
 * The admin path a request reaches, judged by both the route Fastify matched and the decoded
 * URL: `/%5Fwharf/reset` is routed to `/_wharf/reset` and must be guarded like it.
 */
function adminPathOf(request: FastifyRequest): string | undefined {
  const route = request.routeOptions.url;
  if (route !== undefined && ADMIN_PATH.test(route)) return route;
  const raw = request.url.split('?', 1)[0]!;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape is judged as sent.
  }
  return ADMIN_PATH.test(decoded) ? decoded : undefined;
}

/** Judged by the route Fastify matched, never the URL: no spelling of a path reaches a guarded route as public. */
function isPublic(request: FastifyRequest, access: AdminAccess): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const route = request.routeOptions.url ?? '';
  return ALWAYS_PUBLIC.has(route) || (access.kind === 'token' && DASHBOARD_ASSETS.test(route));
}

function refusalOf(authorization: string | undefined, expected: Buffer): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return 'this endpoint needs the admin token: send Authorization: Bearer <WHARF_ADMIN_TOKEN>';
  // Equal-length digests, compared in constant time: the reply time says nothing of the token.
  return timingSafeEqual(sha256(match[1]!), expected) ? undefined : 'wrong admin token';
}

function unauthorized(reply: FastifyReply, error: string): FastifyReply {
  return reply.code(401).header('www-authenticate', 'Bearer realm="wharf"').send({ error });
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
