import cbor from 'cbor';
import http2 from 'node:http2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { decodeEventMessages } from '../../src/protocol/eventstream/message.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

/** Tag 1 as decoded here, kept raw so a test can see AWS's epoch milliseconds. */
class EpochTag {
  constructor(readonly value: unknown) {}
}
// node-cbor (an independent, pure-JS encoder) would otherwise turn tag 1 into a Date.
const decode = (bytes: Buffer): unknown => cbor.decodeFirstSync(bytes, { tags: { 1: (v: unknown) => new EpochTag(v) } });
const encode = (value: unknown): Buffer => cbor.encode(value);

/**
 * A request body as the AWS SDK for Java writes it with Jackson's CBOR generator: an
 * indefinite-length top-level map, blobs as byte strings, timestamps as tag 1 over integer epoch
 * milliseconds (aws/aws-sdk-java-v2#4661).
 */
function javaCbor(body: Record<string, unknown>): Buffer {
  const entries = Object.entries(body).flatMap(([k, v]) => [encode(k), encode(v)]);
  return Buffer.concat([Buffer.from([0xbf]), ...entries, Buffer.from([0xff])]);
}
const millis = (ms: number) => new cbor.Tagged(1, ms);

let server: RunningServer;
const clock = new ManualClock();
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

async function call(operation: string, body: Record<string, unknown>): Promise<{ status: number; contentType: string | null; reply: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
    body: new Uint8Array(javaCbor(body)),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  // Operations without output answer an empty body (KIN-EMPTY-BODY).
  return { status: res.status, contentType: res.headers.get('content-type'), reply: (bytes.length === 0 ? {} : decode(bytes)) as Record<string, unknown> };
}

describe('Kinesis over CBOR (application/x-amz-cbor-1.1, as the Java SDK sends it)', () => {
  it('answers in CBOR with blobs as byte strings and timestamps as tag 1 over epoch milliseconds', async () => {
    expect((await call('CreateStream', { StreamName: 'cbor', ShardCount: 1 })).status).toBe(200);
    const put = await call('PutRecord', { StreamName: 'cbor', PartitionKey: 'k', Data: Buffer.from([0, 1, 2, 255]) });
    expect(put).toMatchObject({ status: 200, contentType: 'application/x-amz-cbor-1.1', reply: { ShardId: 'shardId-000000000000' } });
    expect(put.reply.SequenceNumber).toMatch(/^\d{56}$/);

    const iterator = await call('GetShardIterator', {
      StreamName: 'cbor',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: millis(clock.now() - 1000),
    });
    expect(iterator.status).toBe(200);
    const records = await call('GetRecords', { ShardIterator: iterator.reply.ShardIterator });
    const [record] = records.reply.Records as Record<string, unknown>[];
    expect(Buffer.isBuffer(record!.Data)).toBe(true);
    expect([...(record!.Data as Buffer)]).toEqual([0, 1, 2, 255]);
    expect(record!.ApproximateArrivalTimestamp).toBeInstanceOf(EpochTag);
    expect(Number((record!.ApproximateArrivalTimestamp as EpochTag).value)).toBe(clock.now());
    expect(records.reply.MillisBehindLatest).toBe(0);
  });

  it('reads a timestamp in the future as such (the milliseconds are not taken for seconds)', async () => {
    await call('CreateStream', { StreamName: 'future', ShardCount: 1 });
    const ahead = await call('GetShardIterator', {
      StreamName: 'future',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: millis(clock.now() + 60_000),
    });
    expect(ahead.reply.__type).toBe('InvalidArgumentException');
    expect(ahead.reply.message).toBe(
      `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${clock.now() + 60_000}, currentTimestampInMillis: ${clock.now()}`,
    );
  });

  it('renders errors as CBOR maps with __type and message', async () => {
    const missing = await call('DescribeStream', { StreamName: 'nope' });
    expect(missing).toEqual({
      status: 400,
      contentType: 'application/x-amz-cbor-1.1',
      reply: { __type: 'ResourceNotFoundException', message: 'Stream nope under account 000000000000 not found.' },
    });
    const invalid = await call('CreateStream', { StreamName: 'x', ShardCount: 0 });
    expect(invalid.reply).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    expect((await call('CreateStream', { StreamName: 7, ShardCount: 1 })).reply.__type).toBe('SerializationException');
  });

  it('refuses a body that is not CBOR with SerializationException', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' },
      body: new Uint8Array([0xbf, 0x61]),
    });
    expect(res.status).toBe(400);
    expect((decode(Buffer.from(await res.arrayBuffer())) as { __type: string }).__type).toBe('SerializationException');
  });

  it('pages ListStreams and returns StreamSummaries with tagged creation times', async () => {
    await call('CreateStream', { StreamName: 'a', ShardCount: 1 });
    const { reply } = await call('ListStreams', {});
    expect(reply).toMatchObject({ StreamNames: ['a'], HasMoreStreams: false });
    const [summary] = reply.StreamSummaries as Record<string, unknown>[];
    expect(Number((summary!.StreamCreationTimestamp as EpochTag).value)).toBe(clock.now());
  });
});

describe('SubscribeToShard over CBOR (HTTP/2 event stream)', () => {
  it('frames events with CBOR payloads: initial-response, then SubscribeToShardEvent with byte-string data', async () => {
    await call('CreateStream', { StreamName: 'fan', ShardCount: 1 });
    const { reply: registered } = await call('RegisterStreamConsumer', { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/fan', ConsumerName: 'c' });
    await call('PutRecord', { StreamName: 'fan', PartitionKey: 'k', Data: Buffer.from([7, 8]) });
    const consumerArn = (registered.Consumer as { ConsumerARN: string }).ConsumerARN;
    const session = http2.connect(server.url);
    const req = session.request({
      ':method': 'POST',
      ':path': '/',
      'content-type': 'application/x-amz-cbor-1.1',
      'x-amz-target': 'Kinesis_20131202.SubscribeToShard',
    });
    req.end(javaCbor({ ConsumerARN: consumerArn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'TRIM_HORIZON' } }));
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => req.once('response', resolve));
    expect(headers['content-type']).toBe('application/vnd.amazon.eventstream');
    let bytes = Buffer.alloc(0);
    let messages: ReturnType<typeof decodeEventMessages> = [];
    for await (const chunk of req) {
      bytes = Buffer.concat([bytes, chunk as Buffer]);
      messages = decodeEventMessages(bytes);
      if (messages.length >= 2) break;
    }
    req.close();
    session.close();
    expect(messages.map((m) => m.headers[':event-type'])).toEqual(['initial-response', 'SubscribeToShardEvent']);
    expect(messages[1]!.headers[':content-type']).toBe('application/x-amz-cbor-1.1');
    const event = decode(messages[1]!.payload) as { Records: { Data: Buffer; ApproximateArrivalTimestamp: EpochTag }[]; MillisBehindLatest: number };
    expect([...event.Records[0]!.Data]).toEqual([7, 8]);
    expect(Number(event.Records[0]!.ApproximateArrivalTimestamp.value)).toBe(clock.now());
  });
});
