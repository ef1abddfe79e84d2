import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../../../emulator.js';
import { mappingArnOf } from '../../../services/lambda/engine/types.js';
import { isoOf, notFound, useAdminErrors } from './admin-replies.js';

/**
 * /_wharf/lambda/mappings: every event source mapping of every account with its settings, state
 * and recent invocations (batch size, outcome, duration, error), newest last.
 */
export function registerLambdaInspection(app: FastifyInstance, emulator: Emulator): void {
  const lambda = emulator.lambda;
  const view = (uuid: string) => {
    const mapping = lambda.mapping(uuid);
    if (!mapping) return undefined;
    return {
      uuid: mapping.uuid,
      arn: mappingArnOf(mapping),
      accountId: mapping.accountId,
      region: mapping.region,
      functionArn: mapping.functionArn,
      eventSourceArn: mapping.eventSourceArn,
      state: mapping.enabled ? 'Enabled' : 'Disabled',
      settings: mapping.settings,
      lastModified: isoOf(mapping.lastModifiedMs),
      ...(mapping.lastProcessingResult ? { lastProcessingResult: mapping.lastProcessingResult } : {}),
      functionAvailable: lambda.functions.canInvoke(mapping.functionArn),
      recentInvocations: lambda.invocations(uuid).map((i) => ({ ...i, at: isoOf(i.atMs) })),
    };
  };
  app.register(async (scope) => {
    useAdminErrors(scope);
    scope.get('/_wharf/lambda/mappings', async () => ({ mappings: lambda.allMappings().map((m) => view(m.uuid)) }));
    scope.get<{ Params: { uuid: string } }>('/_wharf/lambda/mappings/:uuid', async (request) => {
      const found = view(request.params.uuid);
      if (!found) throw notFound(`There is no event source mapping ${request.params.uuid}.`);
      return found;
    });
  });
}
