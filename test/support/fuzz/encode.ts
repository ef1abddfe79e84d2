import { Encoder } from 'cbor';
import { shapeOf } from '../../../src/protocol/model/load.js';
import type { ListShape, MapShape, ServiceModel, Shape } from '../../../src/protocol/model/shapes.js';
import { RawNumber } from './model-arbitrary.js';

/**
 * Writes a generated input document in each wire format, independently of wharf's own codecs
 * (the `cbor` package writes CBOR; the query form follows botocore's serializer rules), so a
 * mistake in wharf's decoders is not mirrored here.
 */

/** JSON text; RawNumber values are written as their raw text, Buffers as base64, Dates as epoch seconds. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
  if (value instanceof Date) return String(value.getTime() / 1000);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** CBOR bytes: Buffers as byte strings, Dates as tag 1 epoch milliseconds (as AWS's SDKs write them). */
export function toCbor(value: unknown): Buffer {
  return Encoder.encodeOne(toCborValue(value));
}

function toCborValue(value: unknown): unknown {
  if (value instanceof RawNumber) {
    const n = Number(value.text);
    // An integer beyond 2^53 goes as a CBOR 64-bit integer or bignum, as a Java client would send it.
    if (/^-?\d+$/.test(value.text) && !Number.isSafeInteger(n)) return BigInt(value.text);
    return Number.isNaN(n) && value.text !== 'NaN' ? value.text : n;
  }
  if (value instanceof Date) return new TaggedMillis(value.getTime());
  if (Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map(toCborValue);
  // As a Map: the cbor package reads a plain object's .constructor, which a key named "constructor" replaces.
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, toCborValue(v)]));
  return value;
}

/** Tag 1 with integer milliseconds, written by hand because `cbor` writes tag 1 as seconds. */
class TaggedMillis {
  constructor(readonly ms: number) {}
  encodeCBOR(encoder: { _pushTag(tag: number): boolean; pushAny(v: unknown): boolean }): boolean {
    return encoder._pushTag(1) && encoder.pushAny(Number.isFinite(this.ms) ? this.ms : 0);
  }
}

/** Query form parameters, by botocore's query serializer rules (the inverse of wharf's parser). */
export function toQueryParams(model: ServiceModel, shapeName: string, value: unknown): [string, string][] {
  const out: [string, string][] = [];
  writeStructure(model, shapeOf(model, shapeName), value, '', out);
  return out;
}

function writeStructure(model: ServiceModel, shape: Shape, value: unknown, prefix: string, out: [string, string][]): void {
  if (shape.type !== 'structure' || value === null || typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value)) {
    if (prefix) writeScalar(value, prefix, out);
    return;
  }
  for (const [name, ref] of Object.entries(shape.members)) {
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined) continue;
    const memberShape = shapeOf(model, ref.shape);
    const wire = ref.locationName ?? flattenedName(memberShape) ?? name;
    writeValue(model, memberShape, v, prefix ? `${prefix}.${wire}` : wire, out);
  }
}

function writeValue(model: ServiceModel, shape: Shape, value: unknown, key: string, out: [string, string][]): void {
  if (shape.type === 'structure') return writeStructure(model, shape, value, key, out);
  if (shape.type === 'list') return writeList(model, shape, value, key, out);
  if (shape.type === 'map') return writeMap(model, shape, value, key, out);
  writeScalar(value, key, out);
}

function writeList(model: ServiceModel, shape: ListShape, value: unknown, key: string, out: [string, string][]): void {
  if (!Array.isArray(value)) return writeScalar(value, key, out);
  // An empty list is sent as the bare name, as botocore does.
  if (value.length === 0) return void out.push([key, '']);
  const itemShape = shapeOf(model, shape.member.shape);
  const base = shape.flattened ? key : `${key}.member`;
  value.forEach((item, i) => writeValue(model, itemShape, item, `${base}.${i + 1}`, out));
}

function writeMap(model: ServiceModel, shape: MapShape, value: unknown, key: string, out: [string, string][]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return writeScalar(value, key, out);
  const base = shape.flattened ? key : `${key}.entry`;
  const keyName = shape.key.locationName ?? 'key';
  const valueName = shape.value.locationName ?? 'value';
  const valueShape = shapeOf(model, shape.value.shape);
  Object.entries(value).forEach(([k, v], i) => {
    out.push([`${base}.${i + 1}.${keyName}`, k]);
    writeValue(model, valueShape, v, `${base}.${i + 1}.${valueName}`, out);
  });
}

function writeScalar(value: unknown, key: string, out: [string, string][]): void {
  if (value === null || value === undefined) return;
  if (value instanceof RawNumber) return void out.push([key, value.text]);
  if (Buffer.isBuffer(value)) return void out.push([key, value.toString('base64')]);
  if (value instanceof Date) return void out.push([key, Number.isFinite(value.getTime()) ? value.toISOString() : 'Invalid Date']);
  if (typeof value === 'object') return void out.push([key, JSON.stringify(value)]);
  out.push([key, String(value)]);
}

function flattenedName(shape: Shape): string | undefined {
  if (shape.type === 'list' && shape.flattened) return shape.member.locationName;
  if (shape.type === 'map' && shape.flattened) return shape.locationName;
  return undefined;
}

/** Form-encodes parameters as SDKs do (RFC 3986 unreserved characters kept). */
export function formEncode(params: readonly (readonly [string, string])[]): string {
  return params.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
}

function encodeRfc3986(s: string): string {
  // encodeURIComponent throws on a lone surrogate; a real client would send the bytes of U+FFFD.
  return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
