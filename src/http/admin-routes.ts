import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { SIGNING_CERT_PATH } from '../services/sns/engine/envelope.js';
import { WHARF_VERSION } from '../version.js';

const SENT_KINDS = new Set(['sms', 'email', 'email-json', 'push', 'lambda', 'firehose']);

/** wharf's own endpoints, under /_wharf/ where no AWS request goes. */
export function registerAdminRoutes(app: FastifyInstance, emulator: Emulator, startedAtMs: number): void {
  app.get('/_wharf/health', async () => ({
    status: 'running',
    version: WHARF_VERSION,
    services: Object.fromEntries(emulator.services.map((s) => [s.name, 'running'])),
    uptimeSeconds: Math.floor((performance.now() - startedAtMs) / 1000),
  }));

  // The certificate of the key SNS signs notifications with (each notification's SigningCertURL).
  app.get(SIGNING_CERT_PATH, async (_request, reply) => reply.type('application/x-pem-file').send(emulator.sns.signingKey.certificatePem));

  // What SNS "sent" where wharf cannot really send: sms (by phone number), email and email-json
  // (by address), push (by endpoint ARN), lambda (by function ARN), firehose (by stream ARN).
  app.get<{ Params: { kind: string }; Querystring: { target?: string } }>('/_wharf/sns/sent/:kind', async (request, reply) => {
    const { kind } = request.params;
    if (!SENT_KINDS.has(kind)) return reply.code(404).send({ error: `unknown kind ${kind}; one of ${[...SENT_KINDS].join(', ')}` });
    return { messages: emulator.sns.sentMessages(kind, request.query.target) };
  });

  app.post('/_wharf/reset', async () => {
    emulator.reset();
    return { reset: true };
  });
}
