import type { AwsError } from '../errors.js';
import type { ErrorTable } from './model/error-table.js';
import type { ValidationIssue } from './model/issues.js';
import type { ServiceModel } from './model/shapes.js';

export type ServiceName = 'sqs' | 'sns' | 'kinesis' | 'lambda';
export type WireProtocol = 'query' | 'json' | 'cbor' | 'rest-json';

/** What an operation knows of the request beyond its input: who, where, and how to link back. */
export interface RequestContext {
  requestId: string;
  accountId: string;
  region: string;
  /** From the SigV4 credential scope; SQS reports it as a message's SenderId. */
  accessKeyId: string;
  /** `http://host:port` as the client reached wharf (or WHARF_HOSTNAME), for queue URLs. */
  baseUrl: string;
  /** The request path, for SQS requests sent to a queue URL. */
  path: string;
  protocol: WireProtocol;
  /** Aborted when the client goes away, so long polls stop waiting. */
  signal: AbortSignal;
}

// Handlers take the model-shaped input the codecs produced (already type- and constraint-checked).
// biome-ignore lint/suspicious/noExplicitAny: each handler takes its own generated input type; the typed operation tables check it
export type OperationHandler = (input: any, ctx: RequestContext) => unknown;

/** A service as the protocol layer sees it: its model, its errors, and its operations. */
export interface ServiceDefinition {
  name: ServiceName;
  model: ServiceModel;
  errors: ErrorTable;
  /** Prefix of the JSON `__type`, e.g. `com.amazonaws.sqs`. */
  jsonErrorNamespace: string;
  /** awsQueryCompatible services (SQS) also send `x-amzn-query-error` on JSON errors. */
  queryCompatible: boolean;
  /** Query errors end with an empty `<Detail/>` unless false (SQS's do; SNS's do not). */
  queryErrorDetail?: boolean;
  handlers: Readonly<Record<string, OperationHandler | undefined>>;
  /** Turns decoding/validation issues into this service's own AWS error. */
  inputError(issues: ValidationIssue[], protocol: WireProtocol): AwsError;
  /** Fills input from the request itself before validation (SQS: QueueUrl from the path). */
  prepareInput?(operation: string, input: Record<string, unknown>, ctx: RequestContext): void;
}

/**
 * Binds a service's operation table to its engine(s): each AWS operation name → a handler.
 * Operations are typed per operation; the codecs have already shaped and checked the input.
 */
export function bindHandlers<E>(
  operations: Record<string, (engine: E, input: never, ctx: RequestContext) => unknown>,
  engine: E,
): Record<string, OperationHandler> {
  const handlers: Record<string, OperationHandler> = {};
  for (const [name, op] of Object.entries(operations)) handlers[name] = (input, ctx) => op(engine, input as never, ctx);
  return handlers;
}
