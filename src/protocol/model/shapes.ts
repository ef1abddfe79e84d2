/**
 * The subset of the botocore service-model format (service-2.json) that wharf reads.
 * Field names are botocore's own, so a model file and this type can be read side by side.
 */
export interface MemberRef {
  shape: string;
  /** Name on the wire in query/XML protocols, when it differs from the member name. */
  locationName?: string;
  /** The JSON protocol's name, when it differs (Kinesis/SNS do not use this; kept for completeness). */
  jsonName?: string;
  /** REST protocols: where the member travels instead of the body (named by `locationName`). */
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  /** Kinesis marks a few members as read from the event stream; ignored by request parsing. */
  eventpayload?: boolean;
}

interface ShapeBase {
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  /** Present on error structures: the query-protocol code, HTTP status and fault side. */
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean; messageForQuery?: string };
  exception?: boolean;
  /** A union of events sent as an event stream (SubscribeToShard's output). */
  eventstream?: boolean;
  event?: boolean;
  locationName?: string;
  flattened?: boolean;
}

export interface StructureShape extends ShapeBase {
  type: 'structure';
  members: Record<string, MemberRef>;
  required?: string[];
  /** REST protocols: the member that is the whole body. */
  payload?: string;
}
export interface ListShape extends ShapeBase {
  type: 'list';
  member: MemberRef;
}
export interface MapShape extends ShapeBase {
  type: 'map';
  key: MemberRef;
  value: MemberRef;
}
export interface ScalarShape extends ShapeBase {
  type: 'string' | 'integer' | 'long' | 'boolean' | 'blob' | 'timestamp' | 'double' | 'float';
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
}
export type Shape = StructureShape | ListShape | MapShape | ScalarShape;

export interface OperationModel {
  name: string;
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
  /** REST protocols: the method and URI template that name the operation, and its success status. */
  http?: { method: string; requestUri: string; responseCode?: number };
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    jsonVersion?: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    awsQueryCompatible?: object;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** A deep-partial model used by the overlay files beside the vendored models. */
export interface ModelOverlay {
  metadata?: Partial<ServiceModel['metadata']>;
  operations?: Record<string, { output?: Partial<NonNullable<OperationModel['output']>> }>;
  shapes?: Record<string, DeepPartial<Shape> & Record<string, unknown>>;
}
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
