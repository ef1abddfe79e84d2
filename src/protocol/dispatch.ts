import { AwsError, type ErrorWireForm } from '../errors.js';
import { wireFormOf } from './model/error-table.js';
import { InputIssues } from './model/issues.js';
import type { OperationModel } from './model/shapes.js';
import { CBOR_CONTENT_TYPE, decodeCborInput, encodeCborError, encodeCborOutput } from './cbor/codec.js';
import { decodeJsonInput, encodeJsonOutput } from './json/codec.js';
import { errorDocument, renderJsonError } from './json/error.js';
import { runOperation } from './invoke.js';
import { EVENT_STREAM_CONTENT_TYPE, eventStreamBody, eventStreamMemberOf } from './eventstream/reply.js';
import { parseQueryInput } from './query/parse.js';
import { decodeRestJsonInput, encodeRestJsonOutput, type RestRequestParts } from './rest/codec.js';
import { renderRestJsonError } from './rest/error.js';
import type { WireReply } from './reply.js';
import type { RequestContext, ServiceDefinition, WireProtocol } from './service.js';
import { renderXmlError } from './xml/error.js';
import { serializeQueryResponse } from './xml/serialize.js';

export type DecodedRequest =
  | { protocol: 'query'; params: ReadonlyMap<string, string> }
  | { protocol: 'json' | 'cbor'; body: Buffer }
  | ({ protocol: 'rest-json'; successStatus: number } & RestRequestParts);

export interface Logger {
  error(obj: object, msg: string): void;
}

/** decode → validate (model) → handler → encode, with every failure rendered as an AWS error. */
export async function dispatch(
  service: ServiceDefinition,
  operationName: string,
  request: DecodedRequest,
  ctx: RequestContext,
  log: Logger,
): Promise<WireReply> {
  const operation = service.model.operations[operationName]!;
  try {
    const input = decodeInput(service, operation, request);
    const output = await runOperation(service, operationName, input, ctx);
    if (request.protocol === 'rest-json') {
      const reply = encodeRestJsonOutput(service.model, operation.output?.shape, output, request.successStatus);
      return { status: reply.status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId, ...reply.headers }, body: reply.body };
    }
    return encodeOutput(service, operation, request.protocol, output, ctx.requestId);
  } catch (err) {
    return renderError(err, service, request.protocol, ctx.requestId, log, operationName);
  }
}

function decodeInput(service: ServiceDefinition, operation: OperationModel, request: DecodedRequest): Record<string, unknown> {
  if (!operation.input) return {};
  if (request.protocol === 'query') return parseQueryInput(service.model, operation.input.shape, request.params);
  if (request.protocol === 'cbor') return decodeCborInput(service.model, operation.input.shape, request.body, (detail) => unreadableBody(service, detail));
  if (request.protocol === 'rest-json') return decodeRestJsonInput(service.model, operation.input.shape, request);
  return decodeJsonInput(service.model, operation.input.shape, parseJsonBody(service, request.body));
}

function parseJsonBody(service: ServiceDefinition, body: Buffer): unknown {
  if (body.length === 0) return {};
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8'));
  } catch {
    throw unreadableBody(service, 'Start of structure or map found where not expected.');
  }
  if (service.name === 'kinesis' && (typeof document !== 'object' || document === null)) throw unreadableBody(service, '');
  return document;
}

/**
 * A body that is not JSON (or CBOR) at all. Kinesis's Coral answers a bare
 * `{"__type":"SerializationException"}` (kinesalite's recordings, index.js); SQS keeps a message.
 */
function unreadableBody(service: ServiceDefinition, detail: string): AwsError {
  return new AwsError('SerializationException', service.name === 'kinesis' ? '' : detail);
}

function encodeOutput(
  service: ServiceDefinition,
  operation: OperationModel,
  protocol: Exclude<WireProtocol, 'rest-json'>,
  output: unknown,
  requestId: string,
): WireReply {
  if (protocol === 'query') {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: serializeQueryResponse(service.model, operation, output, requestId),
    };
  }
  const streamMember = eventStreamMemberOf(service.model, operation.output?.shape);
  if (streamMember && operation.output) {
    const body = eventStreamBody(service.model, operation.output.shape, streamMember, output as Record<string, unknown>, protocol);
    return { status: 200, headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
  }
  // Kinesis operations without output (CreateStream, MergeShards, …) answer 200 with an empty body
  // ("the service sends back an HTTP 200 response with an empty HTTP body", API reference).
  if (!operation.output && service.name === 'kinesis') {
    return {
      status: 200,
      headers: { 'content-type': protocol === 'cbor' ? CBOR_CONTENT_TYPE : jsonContentType(service), 'x-amzn-requestid': requestId },
      body: '',
    };
  }
  if (protocol === 'cbor') {
    return {
      status: 200,
      headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId },
      body: encodeCborOutput(service.model, operation.output?.shape, output),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': jsonContentType(service), 'x-amzn-requestid': requestId },
    body: encodeJsonOutput(service.model, operation.output?.shape, output),
  };
}

/** Renders any thrown value as the protocol's AWS error; only a bug becomes a 500. */
export function renderError(
  err: unknown,
  service: ServiceDefinition | undefined,
  protocol: WireProtocol,
  requestId: string,
  log: Logger,
  operation?: string,
): WireReply {
  let error: AwsError;
  if (err instanceof AwsError) error = err;
  else if (err instanceof InputIssues && service) error = service.inputError(err.issues, protocol);
  else {
    log.error({ err, requestId, operation }, 'internal error');
    error = new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
  }
  return renderErrorForm(errorFormOf(error.code, service), error.message, service, protocol, requestId);
}

/** The wire form of an error code: from the service's error table, or a bare 400 (500 for InternalFailure) when no service is known. */
export function errorFormOf(code: string, service: ServiceDefinition | undefined): ErrorWireForm {
  if (service) return wireFormOf(service.errors, code, service.jsonErrorNamespace);
  const status = code === 'InternalFailure' ? 500 : 400;
  return { queryCode: code, jsonType: code, httpStatus: status, senderFault: status < 500 };
}

/** An error's wire form written in a protocol: XML `<ErrorResponse>`, JSON or CBOR `__type` + `message`. */
export function renderErrorForm(
  form: ErrorWireForm,
  message: string,
  service: ServiceDefinition | undefined,
  protocol: WireProtocol,
  requestId: string,
): WireReply {
  if (protocol === 'query') return renderXmlError(form, message, requestId, service?.model.metadata.xmlNamespace, service?.queryErrorDetail ?? true);
  if (protocol === 'rest-json') return renderRestJsonError(form, message, requestId, service?.model);
  if (protocol === 'cbor') {
    return {
      status: form.httpStatus,
      headers: { 'content-type': CBOR_CONTENT_TYPE, 'x-amzn-requestid': requestId },
      body: encodeCborError(errorDocument(form, message)),
    };
  }
  return renderJsonError(form, message, requestId, service ? jsonContentType(service) : 'application/x-amz-json-1.0', service?.queryCompatible ?? false);
}

function jsonContentType(service: ServiceDefinition): string {
  return `application/x-amz-json-${service.model.metadata.jsonVersion ?? '1.0'}`;
}
