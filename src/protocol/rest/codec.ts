import { decodeJsonInput, encodeJsonOutput } from '../json/codec.js';
import { InputIssues } from '../model/issues.js';
import { shapeOf } from '../model/load.js';
import type { MemberRef, ServiceModel, Shape, StructureShape } from '../model/shapes.js';

/** A REST request's parts that carry input: path labels, query string, headers and the JSON body. */
export interface RestRequestParts {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * AWS REST-JSON input: members bound to the URI (`location: "uri"`), query string and headers
 * are read from there (strings turned into the member's type), the rest from the JSON body.
 * The result then goes through the JSON codec, so types are checked in one place.
 */
export function decodeRestJsonInput(model: ServiceModel, shapeName: string, request: RestRequestParts): Record<string, unknown> {
  const shape = shapeOf(model, shapeName) as StructureShape;
  const document = bodyDocument(shape, request.body);
  for (const [name, ref] of Object.entries(shape.members)) {
    const value = boundValue(model, ref, request);
    if (value !== undefined) document[name] = value;
    else if (ref.location) delete document[name];
  }
  return decodeJsonInput(model, shapeName, document);
}

function bodyDocument(shape: StructureShape, body: Buffer): Record<string, unknown> {
  // A structure whose payload is a blob (Invoke's Payload) takes the raw body; wharf serves none, so it is not read.
  if (shape.payload || body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InputIssues([{ kind: 'type', path: '', member: '', expected: 'structure', value: body.toString('utf8') }]);
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function boundValue(model: ServiceModel, ref: MemberRef, request: RestRequestParts): unknown {
  const wireName = ref.locationName ?? '';
  const target = shapeOf(model, ref.shape);
  switch (ref.location) {
    case 'uri':
      return request.labels[wireName];
    case 'querystring': {
      const values = request.query.getAll(wireName);
      if (values.length === 0) return undefined;
      return target.type === 'list' ? values.map((v) => fromString(shapeOf(model, target.member.shape), v)) : fromString(target, values[0]!);
    }
    case 'header': {
      const raw = request.headers[wireName.toLowerCase()];
      const value = Array.isArray(raw) ? raw.join(',') : raw;
      return value === undefined ? undefined : fromString(target, value);
    }
    default:
      return undefined;
  }
}

/** A string from a URI, query or header as the JSON codec expects the member (a wrong value stays a string and is refused there). */
function fromString(shape: Shape, value: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/** Model-shaped output → status, headers (members bound to headers) and JSON body (the other members). */
export function encodeRestJsonOutput(
  model: ServiceModel,
  shapeName: string | undefined,
  output: unknown,
  successStatus: number,
): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  if (!shapeName || output === undefined || output === null) return { status: successStatus, headers, body: successStatus === 204 ? '' : '{}' };
  const shape = shapeOf(model, shapeName) as StructureShape;
  const values = output as Record<string, unknown>;
  const bodyValues: Record<string, unknown> = {};
  let status = successStatus;
  for (const [name, ref] of Object.entries(shape.members)) {
    const value = values[name];
    if (value === undefined || value === null) continue;
    if (ref.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = String(value);
    else if (ref.location === 'statusCode') status = Number(value);
    else bodyValues[name] = value;
  }
  return { status, headers, body: status === 204 ? '' : encodeJsonOutput(model, shapeName, bodyValues) };
}
