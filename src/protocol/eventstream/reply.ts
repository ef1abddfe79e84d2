import { Readable } from 'node:stream';
import { AwsError } from '../../errors.js';
import { encodeCbor } from '../cbor/cbor.js';
import { CBOR_CONTENT_TYPE, encodeCborOutput } from '../cbor/codec.js';
import { encodeJsonOutput } from '../json/codec.js';
import { shapeOf } from '../model/load.js';
import type { ServiceModel, StructureShape } from '../model/shapes.js';
import type { WireProtocol } from '../service.js';
import { encodeEventMessage } from './message.js';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const streamMembers = new WeakMap<ServiceModel, Map<string, string | undefined>>();

/** The output member whose shape is an event stream (SubscribeToShard's EventStream), if any; looked up once per shape. */
export function eventStreamMemberOf(model: ServiceModel, outputShape: string | undefined): string | undefined {
  if (!outputShape) return undefined;
  let byShape = streamMembers.get(model);
  if (!byShape) streamMembers.set(model, (byShape = new Map()));
  if (!byShape.has(outputShape)) {
    const shape = shapeOf(model, outputShape) as StructureShape;
    byShape.set(outputShape, Object.entries(shape.members).find(([, ref]) => shapeOf(model, ref.shape).eventstream)?.[0]);
  }
  return byShape.get(outputShape);
}

/**
 * An operation's event-stream output as a byte stream: first an `initial-response` event with
 * the output's other members, then one event per value the handler's iterable yields
 * (`{ SubscribeToShardEvent: {...} }`), each payload encoded in the request's protocol. An
 * AwsError thrown while iterating becomes an `exception` message and ends the stream.
 */
export function eventStreamBody(model: ServiceModel, outputShape: string, member: string, output: Record<string, unknown>, protocol: WireProtocol): Readable {
  const union = shapeOf(model, (shapeOf(model, outputShape) as StructureShape).members[member]!.shape) as StructureShape;
  const contentType = protocol === 'cbor' ? CBOR_CONTENT_TYPE : 'application/x-amz-json-1.1';
  const encode = (shape: string | undefined, value: unknown) =>
    protocol === 'cbor' ? encodeCborOutput(model, shape, value) : Buffer.from(encodeJsonOutput(model, shape, value), 'utf8');
  const events = output[member] as AsyncIterable<Record<string, unknown>>;
  const { [member]: _stream, ...initial } = output;
  async function* messages(): AsyncGenerator<Buffer> {
    yield encodeEventMessage({ ':event-type': 'initial-response', ':message-type': 'event', ':content-type': contentType }, encode(outputShape, initial));
    try {
      for await (const event of events) {
        for (const [name, payload] of Object.entries(event)) {
          const ref = union.members[name];
          if (!ref) throw new Error(`${name} is not an event of ${outputShape}`);
          yield encodeEventMessage({ ':event-type': name, ':message-type': 'event', ':content-type': contentType }, encode(ref.shape, payload));
        }
      }
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      const payload = protocol === 'cbor' ? encodeCbor({ message: err.message }) : Buffer.from(JSON.stringify({ message: err.message }), 'utf8');
      yield encodeEventMessage({ ':exception-type': err.code, ':message-type': 'exception', ':content-type': contentType }, payload);
    }
  }
  return Readable.from(messages(), { objectMode: false });
}
