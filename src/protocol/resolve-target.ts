import { AwsError } from '../errors.js';
import type { DecodedRequest } from './dispatch.js';
import { claimsPath, matchRestRoute } from './rest/routes.js';
import type { ServiceDefinition, WireProtocol } from './service.js';

/**
 * Which service and operation a request is for, with its input as its protocol carries it (a
 * query request's form and URL parameters already read into one map): what dispatch() takes.
 */
export type Target = { service: ServiceDefinition; operation: string } & DecodedRequest;

export interface IncomingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The SigV4 credential scope, when the request is signed: its service names the one meant. */
  scope: { service: string } | undefined;
}

/** A routing failure, rendered in the protocol the client spoke (and the service, when known). */
export class RoutingError extends AwsError {
  constructor(
    code: string,
    message: string,
    readonly protocol: WireProtocol,
    readonly service: ServiceDefinition | undefined,
    /** An answer outside every protocol's error shape (Coral's 404 `<UnknownOperationException/>`). */
    readonly raw?: { status: number; body: string },
  ) {
    super(code, message);
  }
}

const QUEUE_URL_PATH = /^\/\d{12}\/[^/]+\/?$/;

/** What a request's headers (and path) alone say about it: all that is known before its body is read. */
export interface RecognizedRequest {
  /** The protocol the reply must be in: X-Amz-Target means JSON (CBOR when the Content-Type says so), else the query protocol. */
  protocol: WireProtocol;
  /** The service, when the target prefix, the credential scope or a queue URL path names one. */
  service: ServiceDefinition | undefined;
}

export function recognizeRequest(services: readonly ServiceDefinition[], req: Omit<IncomingRequest, 'body' | 'query' | 'method'>): RecognizedRequest {
  const target = header(req, 'x-amz-target');
  const contentType = header(req, 'content-type') ?? '';
  const coral = coralContentType(contentType);
  if (target !== undefined) {
    const protocol = contentType.includes('cbor') ? 'cbor' : 'json';
    const service = services.find((s) => s.model.metadata.targetPrefix === targetParts(target).prefix);
    // An unknown prefix in Kinesis's encoding is answered as Kinesis would (issue 11).
    return { protocol, service: service ?? (coral ? kinesisOf(services) : undefined) };
  }
  // AWS JSON 1.1 and CBOR are Kinesis's encodings: without a target, Kinesis answers, in that encoding.
  if (coral) return { protocol: coral, service: kinesisOf(services) };
  // REST services are named by their paths (Lambda: /2015-03-31/event-source-mappings/…). Not by
  // the scope alone: a query request signed for Lambda is still a query request.
  const rest = services.find((s) => s.model.metadata.protocol === 'rest-json' && claimsPath(s.model, req.path));
  if (rest) return { protocol: 'rest-json', service: rest };
  // Only a service that speaks the query protocol can be meant (a scope naming Kinesis is not a hint).
  const byName = (name: string) => services.find((s) => s.name === name && speaksQuery(s));
  return { protocol: 'query', service: req.scope ? byName(req.scope.service) : QUEUE_URL_PATH.test(req.path) ? byName('sqs') : undefined };
}

/** `application/x-amz-json-1.1` → json, `application/x-amz-cbor-1.1` → cbor: the encodings only Kinesis speaks here. */
function coralContentType(contentType: string): 'json' | 'cbor' | undefined {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/x-amz-json-1.1' ? 'json' : type === 'application/x-amz-cbor-1.1' ? 'cbor' : undefined;
}

function kinesisOf(services: readonly ServiceDefinition[]): ServiceDefinition | undefined {
  return services.find((s) => s.name === 'kinesis');
}

function speaksQuery(service: ServiceDefinition): boolean {
  return service.model.metadata.protocol === 'query' || service.model.metadata.awsQueryCompatible !== undefined;
}

export function resolveTarget(services: readonly ServiceDefinition[], req: IncomingRequest): Target {
  const recognized = recognizeRequest(services, req);
  if (recognized.protocol === 'query') return resolveQueryTarget(services, req, recognized.service);
  if (recognized.protocol === 'rest-json') return resolveRestTarget(recognized.service!, req);
  return resolveJsonTarget(recognized.service, recognized.protocol, req, header(req, 'x-amz-target') ?? '');
}

function resolveJsonTarget(service: ServiceDefinition | undefined, protocol: 'json' | 'cbor', req: IncomingRequest, target: string): Target {
  const { operation } = targetParts(target);
  const known = service !== undefined && Object.hasOwn(service.model.operations, operation);
  if (service?.name === 'kinesis') checkKinesisFraming(service, protocol, req, known);
  if (!service || !known) {
    throw new RoutingError(
      'UnknownOperationException',
      'The action or operation requested is invalid. Verify that the action is typed correctly.',
      protocol,
      service,
    );
  }
  return { service, protocol, operation, body: req.body };
}

/**
 * Kinesis's frontend (Coral) checks the framing before the operation, as kinesalite recorded it
 * from AWS (index.js): no body is a SerializationException (UnknownOperationException without
 * a valid target), both bare `__type`; a Kinesis target with a Content-Type that is neither JSON
 * nor CBOR is a 404 `<UnknownOperationException/>`.
 */
function checkKinesisFraming(service: ServiceDefinition, protocol: 'json' | 'cbor', req: IncomingRequest, known: boolean): void {
  if (req.body.length === 0) throw new RoutingError(known ? 'SerializationException' : 'UnknownOperationException', '', protocol, service);
  if (!readsAsKinesis(header(req, 'content-type') ?? '')) throw new RoutingError('UnknownOperationException', '', protocol, service, unknownOperationXml);
}

/** The Content-Types Kinesis reads: AWS JSON 1.1, CBOR, and plain `application/json`. */
export function readsAsKinesis(contentType: string): boolean {
  return coralContentType(contentType) !== undefined || contentType.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** Coral's answer to a Kinesis target in an encoding it does not read: a bare XML element, 404. */
const unknownOperationXml = { status: 404, body: '<UnknownOperationException/>\n' };

function resolveRestTarget(service: ServiceDefinition, req: IncomingRequest): Target {
  const match = matchRestRoute(service.model, req.method, req.path, req.query);
  if (match === 'no-path' || match === 'no-method') {
    // Unverified against AWS: Lambda's frontend answers an unknown path with a bare 404/403.
    throw new RoutingError('UnknownOperationException', `No ${service.name} operation is served at ${req.method} ${req.path}.`, 'rest-json', service);
  }
  return {
    service,
    protocol: 'rest-json',
    operation: match.route.operation,
    body: req.body,
    labels: match.labels,
    query: req.query,
    headers: req.headers,
    successStatus: match.route.successStatus,
  };
}

/** `AmazonSQS.SendMessage` → prefix `AmazonSQS`, operation `SendMessage`. */
function targetParts(target: string): { prefix: string; operation: string } {
  const dot = target.lastIndexOf('.');
  return dot === -1 ? { prefix: target, operation: '' } : { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

function resolveQueryTarget(services: readonly ServiceDefinition[], req: IncomingRequest, hinted: ServiceDefinition | undefined): Target {
  const params = new Map<string, string>(req.query);
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  const action = params.get('Action');
  if (!action) throw new RoutingError('MissingAction', 'MissingAction', 'query', hinted);
  const service =
    hinted && Object.hasOwn(hinted.model.operations, action) ? hinted : services.find((s) => speaksQuery(s) && Object.hasOwn(s.model.operations, action));
  if (!service) {
    throw new RoutingError('InvalidAction', `The action ${action} is not valid for this endpoint.`, 'query', hinted);
  }
  return { service, protocol: 'query', operation: action, params };
}

function header(req: Pick<IncomingRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
