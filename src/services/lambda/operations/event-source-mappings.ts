import type { CreateMappingRequest, UpdateMappingRequest } from '../engine/lambda-engine.js';
import { mappingConfiguration } from './mapping-configuration.js';
import { ownerOf, type LambdaOperation } from './types.js';

type Configuration = Record<string, unknown>;

export const createEventSourceMapping: LambdaOperation<CreateMappingRequest, Configuration> = (engine, input, ctx) =>
  mappingConfiguration(engine.createMapping(ownerOf(ctx), input));

export const getEventSourceMapping: LambdaOperation<{ UUID: string }, Configuration> = (engine, input, ctx) =>
  mappingConfiguration(engine.getMapping(ownerOf(ctx), input.UUID));

export const updateEventSourceMapping: LambdaOperation<UpdateMappingRequest & { UUID: string }, Configuration> = (engine, input, ctx) =>
  mappingConfiguration(engine.updateMapping(ownerOf(ctx), input.UUID, input));

export const deleteEventSourceMapping: LambdaOperation<{ UUID: string }, Configuration> = (engine, input, ctx) =>
  mappingConfiguration(engine.deleteMapping(ownerOf(ctx), input.UUID));

interface ListInput {
  EventSourceArn?: string;
  FunctionName?: string;
  Marker?: string;
  MaxItems?: number;
}

/** Pages in creation order; the marker is the position of the next mapping (opaque to clients). */
export const listEventSourceMappings: LambdaOperation<ListInput, { EventSourceMappings: Configuration[]; NextMarker?: string }> = (engine, input, ctx) => {
  const all = engine.listMappings(ownerOf(ctx), {
    ...(input.EventSourceArn ? { eventSourceArn: input.EventSourceArn } : {}),
    ...(input.FunctionName ? { functionName: input.FunctionName } : {}),
  });
  const start = input.Marker && /^\d+$/.test(input.Marker) ? Number(input.Marker) : 0;
  const limit = input.MaxItems ?? 100;
  const page = all.slice(start, start + limit);
  const next = start + limit < all.length ? String(start + limit) : undefined;
  return { EventSourceMappings: page.map(mappingConfiguration), ...(next ? { NextMarker: next } : {}) };
};
