import { runOperation } from './dispatch.js';
import { decodeJsonInput } from './json/codec.js';
import { InputIssues } from './model/issues.js';
import type { RequestContext, ServiceDefinition } from './service.js';

/**
 * Calls an AWS operation from inside wharf (the dashboard's admin actions) with input written as
 * AWS JSON would carry it (blobs as base64): the same model validation, operation checks and
 * engine call as a request from an SDK, so an admin action cannot do what AWS would refuse.
 * Returns the model-shaped output; throws AwsError.
 */
export async function invokeOperation(service: ServiceDefinition, operationName: string, input: Record<string, unknown>, ctx: Omit<RequestContext, 'protocol'>): Promise<unknown> {
  const operation = service.model.operations[operationName];
  if (!operation) throw new Error(`${service.name} has no operation ${operationName}`);
  let decoded: Record<string, unknown> = {};
  try {
    if (operation.input) decoded = decodeJsonInput(service.model, operation.input.shape, input);
  } catch (err) {
    if (err instanceof InputIssues) throw service.inputError(err.issues, 'json');
    throw err;
  }
  return runOperation(service, operationName, decoded, { ...ctx, protocol: 'json' });
}
