import { shapeOf } from './load.js';
import { InputIssues, type ValidationIssue } from './issues.js';
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
      return value.map((item, i) => decode(model, itemShape, item, `${path}.${i + 1}`, member, issues, scalars));
    }
    case 'map': {
      if (!isObject(value)) return bad('map');
      const valueShape = shapeOf(model, shape.value.shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = decode(model, valueShape, v, `${path}.${k}`, member, issues, scalars);
      return out;
    }
    case 'string':
      return typeof value === 'string' ? value : bad('string');
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('boolean');
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? value : bad(shape.type);
    case 'double':
    case 'float':
      return typeof value === 'number' ? value : bad(shape.type);
    case 'blob':
      return scalars.readBlob(value) ?? bad('blob');
    case 'timestamp':
      return scalars.readTimestamp(value) ?? bad('timestamp');
  }
}

/** Model-shaped output → document tree. Only members the model knows are written. */
export function encodeDocument(model: ServiceModel, shapeName: string, output: unknown, scalars: ScalarCodec): unknown {
  return encode(model, shapeOf(model, shapeName), output, scalars);
}

function encode(model: ServiceModel, shape: Shape, value: unknown, scalars: ScalarCodec): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const obj = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = encode(model, shapeOf(model, ref.shape), obj[name], scalars);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      const itemShape = shapeOf(model, shape.member.shape);
      return (value as unknown[]).map((item) => encode(model, itemShape, item, scalars));
    }
    case 'map': {
      const valueShape = shapeOf(model, shape.value.shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = encode(model, valueShape, v, scalars);
      return out;
    }
    case 'blob':
      return Buffer.isBuffer(value) ? scalars.writeBlob(value) : value;
    case 'timestamp':
      return value instanceof Date ? scalars.writeTimestamp(value) : value;
    default:
      return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) && !(value instanceof Date);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
