import { shapeOf } from '../model/load.js';
import { InputIssues, type ValidationIssue } from '../model/issues.js';
import type { ServiceModel, Shape } from '../model/shapes.js';

/**
 * AWS JSON 1.0 / 1.1 bodies ↔ model-shaped values. On the wire blobs are base64 strings and
 * timestamps epoch seconds; in wharf they are Buffers and Dates. Unknown members are dropped,
 * as AWS does; a value of the wrong JSON type is an input issue.
 */
export function decodeJsonInput(model: ServiceModel, shapeName: string, body: unknown): Record<string, unknown> {
  const issues: ValidationIssue[] = [];
  const value = decode(model, shapeOf(model, shapeName), body ?? {}, '', '', issues);
  if (issues.length > 0) throw new InputIssues(issues);
  return (value as Record<string, unknown> | undefined) ?? {};
}

function decode(model: ServiceModel, shape: Shape, value: unknown, path: string, member: string, issues: ValidationIssue[]): unknown {
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
        const v = decode(model, shapeOf(model, ref.shape), value[name], join(path, name), name, issues);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return bad('list');
      const itemShape = shapeOf(model, shape.member.shape);
      return value.map((item, i) => decode(model, itemShape, item, `${path}.${i + 1}`, member, issues));
    }
    case 'map': {
      if (!isObject(value)) return bad('map');
      const valueShape = shapeOf(model, shape.value.shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = decode(model, valueShape, v, `${path}.${k}`, member, issues);
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
      return typeof value === 'string' ? Buffer.from(value, 'base64') : bad('blob');
    case 'timestamp':
      if (typeof value === 'number') return new Date(value * 1000);
      if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return new Date(value);
      return bad('timestamp');
  }
}

/** Model-shaped output → JSON text. Only members the model knows are written. */
export function encodeJsonOutput(model: ServiceModel, shapeName: string | undefined, output: unknown): string {
  if (!shapeName || output === undefined) return '{}';
  return JSON.stringify(encode(model, shapeOf(model, shapeName), output) ?? {});
}

function encode(model: ServiceModel, shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const obj = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members)) {
        const v = encode(model, shapeOf(model, ref.shape), obj[name]);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      const itemShape = shapeOf(model, shape.member.shape);
      return (value as unknown[]).map((item) => encode(model, itemShape, item));
    }
    case 'map': {
      const valueShape = shapeOf(model, shape.value.shape);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = encode(model, valueShape, v);
      return out;
    }
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : value;
    default:
      return value;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
