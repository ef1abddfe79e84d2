import { setOwnEntry } from '../own-entry.js';
import { shapeOf } from './load.js';
import { InputIssues, type ValidationIssue } from './issues.js';
import { fitsWholeType } from './numbers.js';
import type { ServiceModel, Shape } from './shapes.js';

/**
 * How one document protocol represents blobs and timestamps. JSON: base64 strings and epoch
 * seconds; CBOR: byte strings and tag-1 epoch times. Everything else is shared, so the JSON and
 * CBOR codecs are the same walk over the model with different scalars.
 */
export interface ScalarCodec {
  /** Reads a blob; undefined when the value is not one. */
  readBlob(value: unknown): Buffer | undefined;
  /** Reads a timestamp; undefined when the value is not one. */
  readTimestamp(value: unknown): Date | undefined;
  writeBlob(value: Buffer): unknown;
  writeTimestamp(value: Date): unknown;
}

/**
 * Document → model-shaped input. Unknown members are dropped, as AWS does; a value of the wrong
 * type is an input issue (each service words it).
 */
export function decodeDocument(model: ServiceModel, shapeName: string, body: unknown, scalars: ScalarCodec): Record<string, unknown> {
  const issues: ValidationIssue[] = [];
  const value = decode(model, shapeOf(model, shapeName), body ?? {}, '', '', issues, scalars);
  if (issues.length > 0) throw new InputIssues(issues);
  return (value as Record<string, unknown> | undefined) ?? {};
}

function decode(model: ServiceModel, shape: Shape, value: unknown, path: string, member: string, issues: ValidationIssue[], scalars: ScalarCodec): unknown {
  if (value === null || value === undefined) return undefined;
  const bad = (expected: string) => {
    issues.push({ kind: 'type', path, member, expected, value });
    return undefined;
  };
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return bad('structure');
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = decode(model, shapeOf(model, ref.shape), value[name], join(path, name), name, issues, scalars);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return bad('list');
      const itemShape = shapeOf(model, shape.member.shape);
      return value.map((item, i) => present(model, itemShape, item, `${path}.${i + 1}`, member, issues, scalars));
    }
    case 'map': {
      if (!isObject(value)) return bad('map');
      const valueShape = shapeOf(model, shape.value.shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) setOwnEntry(out, k, present(model, valueShape, v, `${path}.${k}`, member, issues, scalars));
      return out;
    }
    case 'string':
      return typeof value === 'string' ? value : bad('string');
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('boolean');
    case 'integer':
    case 'long':
      return typeof value === 'number' && fitsWholeType(shape.type, value) ? value : bad(shape.type);
    case 'double':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : bad(shape.type);
    case 'blob':
      return scalars.readBlob(value) ?? bad('blob');
    case 'timestamp':
      return scalars.readTimestamp(value) ?? bad('timestamp');
  }
}

/** A list item or map value: unlike a structure member, it cannot be left out, so null is an issue (Coral: "Member must not be null"). */
function present(model: ServiceModel, shape: Shape, value: unknown, path: string, member: string, issues: ValidationIssue[], scalars: ScalarCodec): unknown {
  if (value === null || value === undefined) {
    issues.push({ kind: 'required', path, member });
    return undefined;
  }
  return decode(model, shape, value, path, member, issues, scalars);
}

/** Model-shaped output → document tree. Only members the model knows are written. */
export function encodeDocument(model: ServiceModel, shapeName: string, output: unknown, scalars: ScalarCodec): unknown {
  return encoderOf(model, shapeName, scalars)(output);
}

type Encoder = (value: unknown) => unknown;
const encoders = new WeakMap<ServiceModel, WeakMap<ScalarCodec, Map<string, Encoder>>>();

/**
 * The encoder of one shape, built once from the model and cached: a reply with 10,000 records
 * then costs a few closure calls per record instead of a walk of the model per value.
 */
function encoderOf(model: ServiceModel, shapeName: string, scalars: ScalarCodec): Encoder {
  let byCodec = encoders.get(model);
  if (!byCodec) encoders.set(model, (byCodec = new WeakMap()));
  let byShape = byCodec.get(scalars);
  if (!byShape) byCodec.set(scalars, (byShape = new Map()));
  const cached = byShape.get(shapeName);
  if (cached) return cached;
  // Recursive shapes: register a forwarder before building, so a self-reference finds it.
  let built: Encoder | undefined;
  byShape.set(shapeName, (value) => built!(value));
  built = buildEncoder(model, shapeOf(model, shapeName), scalars);
  byShape.set(shapeName, built);
  return built;
}

function buildEncoder(model: ServiceModel, shape: Shape, scalars: ScalarCodec): Encoder {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members).map(([name, ref]) => [name, encoderOf(model, ref.shape, scalars)] as const);
      return (value) => {
        if (value === null || value === undefined) return undefined;
        const obj = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [name, encode] of members) {
          const v = obj[name];
          if (v === undefined || v === null) continue;
          const encoded = encode(v);
          if (encoded !== undefined) out[name] = encoded;
        }
        return out;
      };
    }
    case 'list': {
      const item = encoderOf(model, shape.member.shape, scalars);
      return (value) => (value === null || value === undefined ? undefined : (value as unknown[]).map(item));
    }
    case 'map': {
      const entry = encoderOf(model, shape.value.shape, scalars);
      return (value) => {
        if (value === null || value === undefined) return undefined;
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) setOwnEntry(out, k, entry(v));
        return out;
      };
    }
    case 'blob':
      return (value) => (Buffer.isBuffer(value) ? scalars.writeBlob(value) : (value ?? undefined));
    case 'timestamp':
      return (value) => (value instanceof Date ? scalars.writeTimestamp(value) : (value ?? undefined));
    default:
      return (value) => value ?? undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) && !(value instanceof Date);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
