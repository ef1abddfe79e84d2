import { setOwnEntry } from '../own-entry.js';
import { shapeOf } from '../model/load.js';
import { InputIssues, type ValidationIssue } from '../model/issues.js';
import { dateOf, parseWholeText } from '../model/numbers.js';
import type { ListShape, MapShape, MemberRef, ServiceModel, Shape } from '../model/shapes.js';

/**
 * Query protocol request decoding: flat form parameters (`Attribute.1.Name=…`) → a model-shaped
 * object with typed values. Lists and maps follow the model's flattening:
 *   flattened list  `<name>.N`            non-flattened  `<name>.member.N`
 *   flattened map   `<name>.N.<Key|Name>` non-flattened  `<name>.entry.N.key`
 * where <name> is the member's locationName, else (flattened) the list member's or map's
 * locationName, else the member name — botocore's own rule.
 */
export function parseQueryInput(model: ServiceModel, shapeName: string, params: ReadonlyMap<string, string>): Record<string, unknown> {
  const issues: ValidationIssue[] = [];
  const parser = new QueryParser(model, params, issues);
  const value = parser.structure(shapeOf(model, shapeName), '') ?? {};
  if (issues.length > 0) throw new InputIssues(issues);
  return value;
}

class QueryParser {
  /** Parameter names grouped by their first dotted segments, built lazily per prefix. */
  private readonly keys: string[];

  constructor(
    private readonly model: ServiceModel,
    private readonly params: ReadonlyMap<string, string>,
    private readonly issues: ValidationIssue[],
  ) {
    this.keys = [...params.keys()];
  }

  structure(shape: Shape, prefix: string): Record<string, unknown> | undefined {
    if (shape.type !== 'structure') return undefined;
    const out: Record<string, unknown> = {};
    let any = false;
    for (const [name, ref] of Object.entries(shape.members)) {
      const value = this.member(name, ref, prefix);
      if (value !== undefined) {
        out[name] = value;
        any = true;
      }
    }
    return any || prefix === '' ? out : undefined;
  }

  private member(name: string, ref: MemberRef, prefix: string): unknown {
    const shape = shapeOf(this.model, ref.shape);
    const wireName = ref.locationName ?? flattenedName(shape) ?? name;
    const key = prefix ? `${prefix}.${wireName}` : wireName;
    switch (shape.type) {
      case 'structure':
        return this.structure(shape, key);
      case 'list':
        return this.list(shape, shape.flattened ? key : `${key}.member`, name);
      case 'map':
        return this.map(shape, shape.flattened ? key : `${key}.entry`, name);
      default:
        return this.scalar(shape, key, name);
    }
  }

  private list(shape: ListShape, prefix: string, member: string): unknown[] | undefined {
    const indices = this.indicesUnder(prefix);
    if (indices.length === 0) return undefined;
    const itemShape = shapeOf(this.model, shape.member.shape);
    return indices.map((i) => {
      const key = `${prefix}.${i}`;
      if (itemShape.type === 'structure') return this.structure(itemShape, key) ?? {};
      return this.scalar(itemShape, key, member);
    });
  }

  private map(shape: MapShape, prefix: string, member: string): Record<string, unknown> | undefined {
    const indices = this.indicesUnder(prefix);
    if (indices.length === 0) return undefined;
    const keyName = shape.key.locationName ?? 'key';
    const valueName = shape.value.locationName ?? 'value';
    const valueShape = shapeOf(this.model, shape.value.shape);
    const out: Record<string, unknown> = {};
    for (const i of indices) {
      const k = this.params.get(`${prefix}.${i}.${keyName}`);
      if (k === undefined) continue;
      const valueKey = `${prefix}.${i}.${valueName}`;
      setOwnEntry(out, k, valueShape.type === 'structure' ? (this.structure(valueShape, valueKey) ?? {}) : this.scalar(valueShape, valueKey, member));
    }
    return out;
  }

  private scalar(shape: Shape, key: string, member: string): unknown {
    const raw = this.params.get(key);
    if (raw === undefined) return undefined;
    const value = coerce(shape, raw);
    if (value === INVALID) {
      this.issues.push({ kind: 'type', path: key, member, expected: shape.type, value: raw });
      return undefined;
    }
    return value;
  }

  /** The distinct positive indices N of `<prefix>.N…` parameters, ascending. */
  private indicesUnder(prefix: string): number[] {
    const head = `${prefix}.`;
    const found = new Set<number>();
    for (const key of this.keys) {
      if (!key.startsWith(head)) continue;
      const rest = key.slice(head.length);
      const dot = rest.indexOf('.');
      const segment = dot === -1 ? rest : rest.slice(0, dot);
      if (/^[1-9]\d{0,5}$/.test(segment)) found.add(Number(segment));
    }
    return [...found].sort((a, b) => a - b);
  }
}

function flattenedName(shape: Shape): string | undefined {
  if (shape.type === 'list' && shape.flattened) return shape.member.locationName;
  if (shape.type === 'map' && shape.flattened) return shape.locationName;
  return undefined;
}

const INVALID = Symbol('invalid');

function coerce(shape: Shape, raw: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return parseWholeText(shape.type, raw) ?? INVALID;
    case 'double':
    case 'float': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : INVALID;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      return INVALID;
    case 'blob':
      return Buffer.from(raw, 'base64');
    case 'timestamp': {
      const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
      return dateOf(ms) ?? INVALID;
    }
    default:
      return raw;
  }
}
