import { shapeOf } from '../model/load.js';
import type { MemberRef, OperationModel, ServiceModel, Shape } from '../model/shapes.js';

/**
 * Query protocol replies: model-shaped output → `<OpResponse xmlns=…><OpResult>…</OpResult>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>`, with element
 * names and list/map flattening taken from the model, as botocore's query parser reads them.
 */
export function serializeQueryResponse(model: ServiceModel, operation: OperationModel, output: unknown, requestId: string): string {
  const ns = model.metadata.xmlNamespace ?? '';
  const out: string[] = [`<?xml version="1.0"?><${operation.name}Response xmlns="${ns}">`];
  const wrapper = operation.output?.resultWrapper;
  if (operation.output && wrapper) {
    out.push(`<${wrapper}>`);
    writeMembers(model, shapeOf(model, operation.output.shape), output ?? {}, out);
    out.push(`</${wrapper}>`);
  }
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation.name}Response>`);
  return out.join('');
}

function writeMembers(model: ServiceModel, shape: Shape, value: unknown, out: string[]): void {
  if (shape.type !== 'structure') return;
  const obj = value as Record<string, unknown>;
  for (const [name, ref] of Object.entries(shape.members)) {
    if (obj[name] !== undefined && obj[name] !== null) writeMember(model, name, ref, obj[name], out);
  }
}

function writeMember(model: ServiceModel, name: string, ref: MemberRef, value: unknown, out: string[]): void {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'list') {
    const itemShape = shapeOf(model, shape.member.shape);
    const items = value as unknown[];
    if (shape.flattened) {
      const tag = ref.locationName ?? shape.member.locationName ?? name;
      for (const item of items) writeElement(model, tag, itemShape, item, out);
    } else {
      const tag = ref.locationName ?? name;
      const itemTag = shape.member.locationName ?? 'member';
      out.push(`<${tag}>`);
      for (const item of items) writeElement(model, itemTag, itemShape, item, out);
      out.push(`</${tag}>`);
    }
    return;
  }
  if (shape.type === 'map') {
    const keyTag = shape.key.locationName ?? 'key';
    const valueTag = shape.value.locationName ?? 'value';
    const valueShape = shapeOf(model, shape.value.shape);
    const entries = Object.entries(value as Record<string, unknown>);
    const entryTag = shape.flattened ? (ref.locationName ?? shape.locationName ?? name) : 'entry';
    if (!shape.flattened) out.push(`<${ref.locationName ?? name}>`);
    for (const [k, v] of entries) {
      out.push(`<${entryTag}><${keyTag}>${escapeXml(k)}</${keyTag}>`);
      writeElement(model, valueTag, valueShape, v, out);
      out.push(`</${entryTag}>`);
    }
    if (!shape.flattened) out.push(`</${ref.locationName ?? name}>`);
    return;
  }
  writeElement(model, ref.locationName ?? name, shape, value, out);
}

function writeElement(model: ServiceModel, tag: string, shape: Shape, value: unknown, out: string[]): void {
  if (shape.type === 'structure') {
    out.push(`<${tag}>`);
    writeMembers(model, shape, value, out);
    out.push(`</${tag}>`);
    return;
  }
  out.push(`<${tag}>${escapeXml(scalarText(shape, value))}</${tag}>`);
}

function scalarText(shape: Shape, value: unknown): string {
  if (shape.type === 'blob' && Buffer.isBuffer(value)) return value.toString('base64');
  if (shape.type === 'timestamp' && value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Escapes text for XML. SQS also escapes `"` and `\r` (as `&quot;` and `&#xD;`), so a body with
 * a carriage return survives an XML parser's newline normalisation — the SDKs rely on that to
 * get MD5OfBody right.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => XML_ESCAPES[c] ?? c);
}
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' };
