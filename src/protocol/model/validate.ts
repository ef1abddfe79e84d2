import { shapeOf } from './load.js';
import type { ValidationIssue } from './issues.js';
import type { ServiceModel, Shape } from './shapes.js';

/**
 * Checks decoded input against the model's constraints: required members, enums, lengths,
 * ranges and patterns. Types were already checked by the codec that decoded the input.
 * Returns every issue found, in member order, so a service can report the first or all.
 */
export function validateInput(model: ServiceModel, shapeName: string, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(model, shapeOf(model, shapeName), shapeName, value, '', '', issues);
  return issues;
}

const patternCache = new Map<string, RegExp>();

function visit(model: ServiceModel, shape: Shape, shapeName: string, value: unknown, path: string, member: string, issues: ValidationIssue[]): void {
  if (value === undefined || value === null) return;
  switch (shape.type) {
    case 'structure': {
      const obj = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (obj[name] === undefined || obj[name] === null) issues.push({ kind: 'required', path: join(path, name), member: name });
      }
      for (const [name, ref] of Object.entries(shape.members)) {
        if (obj[name] !== undefined) visit(model, shapeOf(model, ref.shape), ref.shape, obj[name], join(path, name), name, issues);
      }
      return;
    }
    case 'list': {
      const items = value as unknown[];
      checkLength(shape, items.length, items, path, member, issues);
      items.forEach((item, i) => visit(model, shapeOf(model, shape.member.shape), shape.member.shape, item, `${path}.${i + 1}`, member, issues));
      return;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, value, path, member, issues);
      for (const [k, v] of entries) {
        visit(model, shapeOf(model, shape.key.shape), shape.key.shape, k, `${path}.${k}`, member, issues);
        visit(model, shapeOf(model, shape.value.shape), shape.value.shape, v, `${path}.${k}`, member, issues);
      }
      return;
    }
    case 'string': {
      const s = value as string;
      if (shape.enum && !shape.enum.includes(s)) {
        issues.push({ kind: 'enum', path, member, value: s, allowed: shape.enum, shape: shapeName });
        return;
      }
      checkLength(shape, [...s].length, s, path, member, issues);
      if (shape.pattern && !patternOf(shape.pattern).test(s)) issues.push({ kind: 'pattern', path, member, value: s, pattern: shape.pattern });
      return;
    }
    case 'blob':
      checkLength(shape, (value as Buffer).length, value, path, member, issues);
      return;
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = value as number;
      if ((shape.min !== undefined && n < shape.min) || (shape.max !== undefined && n > shape.max)) {
        issues.push({ kind: 'range', path, member, value: n, ...bounds(shape) });
      }
      return;
    }
    default:
      return;
  }
}

function checkLength(shape: Shape, length: number, value: unknown, path: string, member: string, issues: ValidationIssue[]): void {
  if ((shape.min !== undefined && length < shape.min) || (shape.max !== undefined && length > shape.max)) {
    issues.push({ kind: 'length', path, member, value, ...bounds(shape) });
  }
}

function bounds(shape: Shape): { min?: number; max?: number } {
  return { ...(shape.min !== undefined ? { min: shape.min } : {}), ...(shape.max !== undefined ? { max: shape.max } : {}) };
}

function patternOf(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) {
    // Model patterns are whole-value patterns; anchor them as AWS does.
    re = new RegExp(`^(?:${source})$`, 'u');
    patternCache.set(source, re);
  }
  return re;
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
