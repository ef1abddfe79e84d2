import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WharfConfig } from './cli/config.js';
import type { Emulator } from './emulator.js';
import { registerAdminGuard } from './http/admin/admin-guard.js';
import { registerAdminRoutes } from './http/admin/admin-routes.js';
import { registerAwsRoutes } from './http/edge/aws-routes.js';
import { registerLocalStackRoutes } from './http/admin/localstack-routes.js';
import { registerDashboard } from './http/admin/dashboard-routes.js';
import { registerInspection } from './http/admin/inspect/index.js';
import { registerClockRoutes } from './http/admin/clock-routes.js';
import { closeConnectionsWhenClosing } from './http/close-on-shutdown.js';
import { registerCors } from './http/edge/cors.js';
import { edgeErrorHandlers } from './http/edge/edge-errors.js';
import { BODY_LIMIT_BYTES, httpServerLimits } from './http/server-limits.js';

/** Builds the HTTP app around an emulator, without listening (server.ts listens; tests inject). */
export function buildApp(emulator: Emulator, config: WharfConfig, logger: FastifyBaseLogger): FastifyInstance {
  // Fastify's own failures (bad URL, unrouted method, body over the limit) answer as AWS errors.
  const edge = edgeErrorHandlers(emulator.services);
  const app = Fastify({
    loggerInstance: logger,
    // maxParamLength: a route parameter must hold AWS's longest names (a 128-character stream name,
    // a topic ARN with a 256-character name), not Fastify's default 100 characters.
    // (Under routerOptions: the top-level option is deprecated, FSTDEP022.)
    routerOptions: { maxParamLength: 512 },
    // Fastify's own per-request info lines are replaced by one debug line per request (below).
    logController: new LogController({ disableRequestLogging: true }),
    ...httpServerLimits(config),
    frameworkErrors: edge.frameworkErrors,
  });
  edge.register(app, BODY_LIMIT_BYTES);
  const startedAtMs = performance.now();

  // Every body is kept as raw bytes: the protocol layer decides how to read it, whatever the
  // Content-Type says (SDKs and curl do not always send the one the protocol implies).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onResponse', async (request, reply) => {
    if (!(request.log as { isLevelEnabled?(level: string): boolean }).isLevelEnabled?.('debug')) return;
    request.log.debug(
      { method: request.method, url: request.url, operation: request.awsOperation, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });

  registerCors(app, config);
  registerAdminGuard(app, config);
  closeConnectionsWhenClosing(app, emulator.closingSignal);
  registerAdminRoutes(app, emulator, startedAtMs);
  registerLocalStackRoutes(app, emulator);
  registerInspection(app, emulator, config);
  registerDashboard(app);
  registerClockRoutes(app, emulator);
  registerAwsRoutes(app, emulator, config);
  return app;
}
