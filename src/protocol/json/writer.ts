import { shapeOf } from '../model/load.js';
import type { ServiceModel, Shape } from '../model/shapes.js';

/** Writes one value of a shape as JSON text; undefined when there is nothing to write. */
type Writer = (value: unknown) => string | undefined;

const writers = new WeakMap<ServiceModel, Map<string, Writer>>();

/**
 * Model-shaped output → AWS JSON text, with a writer compiled once per shape: blobs as base64,
 * timestamps as epoch seconds, members the model does not know left out. Writing text directly
 * (rather than building a tree for JSON.stringify) keeps a 10,000-record GetRecords reply from
 * allocating an object per value.
 */
export function writeJson(model: ServiceModel, shapeName: string, value: unknown): string {
  return writerOf(model, shapeName)(value) ?? '{}';
}

function writerOf(model: ServiceModel, shapeName: string): Writer {
  let byShape = writers.get(model);
  if (!byShape) writers.set(model, (byShape = new Map()));
  const cached = byShape.get(shapeName);
  if (cached) return cached;
  let built: Writer | undefined;
  byShape.set(shapeName, (value) => built!(value)); // for recursive shapes
  built = buildWriter(model, shapeOf(model, shapeName));
  byShape.set(shapeName, built);
  return built;
}

function buildWriter(model: ServiceModel, shape: Shape): Writer {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members).map(([name, ref]) => ({ name, key: `${JSON.stringify(name)}:`, write: writerOf(model, ref.shape) }));
      return (value) => {
        if (value === null || value === undefined) return undefined;
        const obj = value as Record<string, unknown>;
        let out = '';
        for (const m of members) {
          const v = obj[m.name];
          if (v === undefined || v === null) continue;
          const text = m.write(v);
          if (text === undefined) continue;
          out += out === '' ? m.key + text : `,${m.key}${text}`;
        }
        return `{${out}}`;
      };
    }
    case 'list': {
      const item = writerOf(model, shape.member.shape);
      return (value) => {
        if (value === null || value === undefined) return undefined;
        const items = value as unknown[];
        let out = '';
        for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + (item(items[i]) ?? 'null');
        return `[${out}]`;
      };
    }
    case 'map': {
      const entry = writerOf(model, shape.value.shape);
      return (value) => {
        if (value === null || value === undefined) return undefined;
        const parts: string[] = [];
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) parts.push(`${JSON.stringify(k)}:${entry(v) ?? 'null'}`);
        return `{${parts.join(',')}}`;
      };
    }
    case 'blob':
      return (value) => (Buffer.isBuffer(value) ? `"${value.toString('base64')}"` : JSON.stringify(value));
    case 'timestamp':
      return (value) => (value instanceof Date ? String(value.getTime() / 1000) : JSON.stringify(value));
    default:
      return (value) => JSON.stringify(value);
  }
}
