import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { WHARF_VERSION } from '../version.js';

/** wharf's own endpoints, under /_wharf/ where no AWS request goes. */
export function registerAdminRoutes(app: FastifyInstance, emulator: Emulator, startedAtMs: number): void {
  app.get('/_wharf/health', async () => ({
    status: 'running',
    version: WHARF_VERSION,
    services: Object.fromEntries(emulator.services.map((s) => [s.name, 'running'])),
    uptimeSeconds: Math.floor((performance.now() - startedAtMs) / 1000),
  }));

  app.post('/_wharf/reset', async () => {
    emulator.reset();
    return { reset: true };
  });
}
