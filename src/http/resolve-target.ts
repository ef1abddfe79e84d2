import { AwsError } from '../errors.js';
import type { ServiceDefinition, ServiceName, WireProtocol } from '../protocol/service.js';
import type { CredentialScope } from './sigv4-scope.js';

/** Which service, protocol and operation a request is for, with its still-undecoded input. */
export type Target =
  | { service: ServiceDefinition; protocol: 'query'; operation: string; params: Map<string, string> }
  | { service: ServiceDefinition; protocol: Exclude<WireProtocol, 'query'>; operation: string; body: Buffer };

export interface IncomingRequest {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  scope: CredentialScope | undefined;
}

/** A routing failure, rendered in the protocol the client spoke (and the service, when known). */
export class RoutingError extends AwsError {
  constructor(
    code: string,
    message: string,
    readonly protocol: WireProtocol,
    readonly service: ServiceDefinition | undefined,
  ) {
    super(code, message);
  }
}

const QUEUE_URL_PATH = /^\/\d{12}\/[^/]+\/?$/;

export function resolveTarget(services: readonly ServiceDefinition[], req: IncomingRequest): Target {
  const target = header(req, 'x-amz-target');
  if (target !== undefined) return resolveJsonTarget(services, req, target);
  return resolveQueryTarget(services, req);
}

function resolveJsonTarget(services: readonly ServiceDefinition[], req: IncomingRequest, target: string): Target {
  const protocol = (header(req, 'content-type') ?? '').includes('cbor') ? 'cbor' : 'json';
  const dot = target.lastIndexOf('.');
  const prefix = dot === -1 ? target : target.slice(0, dot);
  const operation = dot === -1 ? '' : target.slice(dot + 1);
  const service = services.find((s) => s.model.metadata.targetPrefix === prefix);
  if (!service || !Object.hasOwn(service.model.operations, operation)) {
    throw new RoutingError('UnknownOperationException', 'The action or operation requested is invalid. Verify that the action is typed correctly.', protocol, service);
  }
  return { service, protocol, operation, body: req.body };
}

function resolveQueryTarget(services: readonly ServiceDefinition[], req: IncomingRequest): Target {
  const params = new Map<string, string>(req.query);
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  const byName = (name: ServiceName) => services.find((s) => s.name === name);
  const hinted = req.scope ? byName(req.scope.service as ServiceName) : QUEUE_URL_PATH.test(req.path) ? byName('sqs') : undefined;
  const action = params.get('Action');
  if (!action) throw new RoutingError('MissingAction', 'MissingAction', 'query', hinted);
  const queryServices = services.filter((s) => s.model.metadata.protocol === 'query' || s.model.metadata.awsQueryCompatible);
  const service = hinted && Object.hasOwn(hinted.model.operations, action) ? hinted : queryServices.find((s) => Object.hasOwn(s.model.operations, action));
  if (!service) {
    throw new RoutingError('InvalidAction', `The action ${action} is not valid for this endpoint.`, 'query', hinted);
  }
  return { service, protocol: 'query', operation: action, params };
}

function header(req: IncomingRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
