import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../emulator.js';
import { SIGNING_CERT_PATH, SIGNING_CERT_ROUTE, signingCertPath } from '../../services/sns/engine/envelope.js';
import { WHARF_VERSION } from '../../version.js';

/** wharf's own endpoints, under /_wharf/ where no AWS request goes. */
export function registerAdminRoutes(app: FastifyInstance, emulator: Emulator, startedAtMs: number): void {
  app.get('/_wharf/health', async () => ({
    status: 'running',
    version: WHARF_VERSION,
    services: Object.fromEntries(emulator.services.map((s) => [s.name, 'running'])),
    uptimeSeconds: Math.floor((performance.now() - startedAtMs) / 1000),
  }));

  // The certificate of the key SNS signs notifications with (each notification's SigningCertURL).
  // SIGNING_CERT_PATH is kept for links to it; a hash other than the current key's is not found.
  app.get(SIGNING_CERT_PATH, async (_request, reply) => reply.type('application/x-pem-file').send(emulator.sns.signingKey.certificatePem));
  app.get(SIGNING_CERT_ROUTE, async (request, reply) => {
    const key = emulator.sns.signingKey;
    if (request.url.split('?')[0] !== signingCertPath(key)) return reply.callNotFound();
    return reply.type('application/x-pem-file').send(key.certificatePem);
  });

  app.post('/_wharf/reset', async () => {
    emulator.reset();
    return { reset: true };
  });
}
