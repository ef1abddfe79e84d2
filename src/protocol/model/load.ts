import { readFileSync } from 'node:fs';
import type { ModelOverlay, OperationModel, ServiceModel, Shape, StructureShape } from './shapes.js';

const MODELS_DIR = new URL('../../../src/models/', import.meta.url);

/** Reads a vendored botocore model (documentation stripped) from src/models/. */
export function readVendoredModel(fileName: string): ServiceModel {
  return JSON.parse(readFileSync(new URL(fileName, MODELS_DIR), 'utf8')) as ServiceModel;
}

/**
 * Deep-merges overlays into a model. Overlays only add or override keys; they never remove
 * anything, so a model upgrade keeps every shape the overlay does not mention.
 */
export function applyOverlays(model: ServiceModel, overlays: ModelOverlay[]): ServiceModel {
  let merged: unknown = model;
  for (const overlay of overlays) merged = deepMerge(merged, overlay);
  const result = merged as ServiceModel;
  for (const [name, op] of Object.entries(result.operations)) (op as OperationModel).name = name;
  return result;
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Looks a shape up by name; a missing shape is a bug in a model or overlay, not bad input. */
export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`model ${model.metadata.endpointPrefix} has no shape ${name}`);
  return shape;
}

export function inputShapeOf(model: ServiceModel, operation: OperationModel): StructureShape | undefined {
  return operation.input ? (shapeOf(model, operation.input.shape) as StructureShape) : undefined;
}
