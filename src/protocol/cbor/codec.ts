import { AwsError } from '../../errors.js';
import { dateOf } from '../model/numbers.js';
import { decodeDocument, encodeDocument, type ScalarCodec } from '../model/shape-walk.js';
import type { ServiceModel } from '../model/shapes.js';
import { CborError, CborTag, decodeCbor, encodeCbor } from './cbor.js';

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

/**
 * AWS CBOR (`application/x-amz-cbor-1.1`, the Java SDK's default for Kinesis): the same model
 * walk as JSON, with blobs as CBOR byte strings and timestamps as tag 1 — but, unlike RFC 8949's
 * seconds, AWS's legacy CBOR puts integer epoch *milliseconds* under tag 1, in requests (the Java
 * SDKs' SdkCborGenerator writes `toEpochMilli()`) and in replies (aws/aws-sdk-java-v2#184,
 * #4661). An untagged number is read as JSON's epoch seconds.
 */
const cborScalars: ScalarCodec = {
  readBlob: (value) => (Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value, 'base64') : undefined),
  readTimestamp: (value) => {
    if (value instanceof CborTag && value.tag === 1 && typeof value.value === 'number') return dateOf(value.value);
    return typeof value === 'number' ? dateOf(value * 1000) : undefined;
  },
  writeBlob: (value) => value,
  writeTimestamp: (value) => new CborTag(1, value.getTime()),
};

export function decodeCborInput(
  model: ServiceModel,
  shapeName: string,
  body: Buffer,
  unreadable: (detail: string) => AwsError = malformed,
): Record<string, unknown> {
  if (body.length === 0) return {};
  let document: unknown;
  try {
    document = decodeCbor(body);
  } catch (err) {
    if (err instanceof CborError) throw unreadable(`Malformed CBOR body: ${err.message}`);
    throw err;
  }
  return decodeDocument(model, shapeName, document, cborScalars);
}

const malformed = (detail: string) => new AwsError('SerializationException', detail);

export function encodeCborOutput(model: ServiceModel, shapeName: string | undefined, output: unknown): Buffer {
  if (!shapeName || output === undefined) return encodeCbor({});
  return encodeCbor(encodeDocument(model, shapeName, output, cborScalars) ?? {});
}

/** CBOR errors carry the same members as JSON ones (errorDocument). */
export function encodeCborError(document: Record<string, string>): Buffer {
  return encodeCbor(document);
}
