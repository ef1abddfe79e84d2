import { AwsError } from '../errors.js';
import { decodeJsonInput } from './json/codec.js';
import { InputIssues } from './model/issues.js';
import { validateInput } from './model/validate.js';
import type { RequestContext, ServiceDefinition } from './service.js';

/**
 * Runs an operation on decoded input as a request would: the service fills what the request
 * implies, the model's constraints are checked, then the handler runs. Throws AwsError.
 */
export async function runOperation(service: ServiceDefinition, operationName: string, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown> {
  const operation = service.model.operations[operationName];
  if (!operation) throw new AwsError('InvalidAction', `The action ${operationName} is not valid for this endpoint.`);
  service.prepareInput?.(operationName, input, ctx);
  if (operation.input) {
    const issues = validateInput(service.model, operation.input.shape, input);
    if (issues.length > 0) throw service.inputError(issues, ctx.protocol);
  }
  const handler = service.handlers[operationName];
  if (!handler) throw new AwsError('InvalidAction', `The action ${operationName} is not implemented by wharf yet.`);
  return handler(input, ctx);
}

/**
 * An in-process call with an AWS JSON-shaped input document (what an SDK would send), for
 * wharf's own callers such as the init file: the same decoding, checks and handler as over HTTP,
 * so a resource is refused exactly as the API would refuse it.
 */
export async function invokeOperation(
  service: ServiceDefinition,
  operationName: string,
  document: Record<string, unknown>,
  ctx: RequestContext,
): Promise<unknown> {
  const operation = service.model.operations[operationName];
  let input: Record<string, unknown> = {};
  try {
    if (operation?.input) input = decodeJsonInput(service.model, operation.input.shape, document);
  } catch (err) {
    if (err instanceof InputIssues) throw service.inputError(err.issues, ctx.protocol);
    throw err;
  }
  return runOperation(service, operationName, input, ctx);
}
