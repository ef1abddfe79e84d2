import cbor from 'cbor';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';
import { jsonRequest, queryRequest, xmlError } from '../support/sqs-suite.js';

/**
 * Numbers are checked against their model type before any service sees them: `integer` is
 * Java's int, `long` its long, timestamps must be times. A value that fits no such type is
 * refused as a wrong type (Kinesis: SerializationException), never a 500.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

async function kinesisJson(operation: string, body: string): Promise<{ status: number; reply: unknown }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
    body,
  });
  const text = await res.text();
  // Operations without output answer an empty body (docs/fidelity.md, KIN-EMPTY-BODY).
  return { status: res.status, reply: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

async function kinesisCbor(operation: string, body: Record<string, unknown>): Promise<{ status: number; reply: unknown }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
    body: new Uint8Array(cbor.encode(body)),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, reply: bytes.length === 0 ? undefined : (cbor.decodeFirstSync(bytes) as unknown) };
}

const notAnInteger = {
  status: 400,
  reply: { __type: 'SerializationException', Message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Integer' },
};
const notATime = {
  status: 400,
  reply: {
    __type: 'SerializationException',
    Message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to milliseconds since epoch',
  },
};

describe('Kinesis integer members hold only a Java int (message wording unverified against AWS for out-of-range values)', () => {
  it('refuses CreateStream WarmThroughputMiBps 1e308 in JSON with SerializationException, not a 500', async () => {
    expect(await kinesisJson('CreateStream', '{"StreamName":"s","ShardCount":1,"WarmThroughputMiBps":1e308}')).toEqual(notAnInteger);
  });

  it('refuses CreateStream WarmThroughputMiBps 1e308 in CBOR with SerializationException, not a 500', async () => {
    expect(await kinesisCbor('CreateStream', { StreamName: 's', ShardCount: 1, WarmThroughputMiBps: 1e308 })).toEqual(notAnInteger);
  });

  it('refuses a ShardCount of 1.5 or 2^31 in JSON and CBOR, and accepts 2^31 - 1 as far as the shard limit', async () => {
    expect(await kinesisJson('CreateStream', '{"StreamName":"s","ShardCount":1.5}')).toEqual(notAnInteger);
    expect(await kinesisJson('CreateStream', '{"StreamName":"s","ShardCount":2147483648}')).toEqual(notAnInteger);
    expect(await kinesisCbor('CreateStream', { StreamName: 's', ShardCount: 1.5 })).toEqual(notAnInteger);
    expect(await kinesisCbor('CreateStream', { StreamName: 's', ShardCount: 2147483648 })).toEqual(notAnInteger);
    const largest = await kinesisJson('CreateStream', '{"StreamName":"s","ShardCount":2147483647}');
    expect(largest).toMatchObject({ status: 400, reply: { __type: 'LimitExceededException' } });
  });

  it('still reports a whole number outside the model range as a ValidationException', async () => {
    expect(await kinesisJson('ListStreams', '{"Limit":10001}')).toEqual({
      status: 400,
      reply: {
        __type: 'ValidationException',
        message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      },
    });
  });
});

describe('Kinesis timestamp members hold only a time (wording unverified against AWS)', () => {
  const atTimestamp = { StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP' };

  it('refuses a GetShardIterator Timestamp of 1e308 seconds in JSON and CBOR', async () => {
    expect((await kinesisJson('CreateStream', '{"StreamName":"s","ShardCount":1}')).status).toBe(200);
    expect(await kinesisJson('GetShardIterator', JSON.stringify({ ...atTimestamp, Timestamp: 1e308 }))).toEqual(notATime);
    expect(await kinesisCbor('GetShardIterator', { ...atTimestamp, Timestamp: 1e308 })).toEqual(notATime);
    const tagged = await kinesisCbor('GetShardIterator', { ...atTimestamp, Timestamp: new cbor.Tagged(1, 1e300) });
    expect(tagged).toMatchObject({ status: 400, reply: { __type: 'SerializationException' } });
  });
});

describe('SQS integer members hold only a Java int (wording unverified against AWS)', () => {
  async function queueUrl(): Promise<string> {
    expect((await queryRequest(server.url, { Action: 'CreateQueue', QueueName: 'numbers' })).status).toBe(200);
    return `${server.url}/000000000000/numbers`;
  }

  it.each(['1.5', '1e308'])('refuses ReceiveMessage VisibilityTimeout %s over JSON with SerializationException', async (value) => {
    const url = await queueUrl();
    const res = await jsonRequest(server.url, 'AmazonSQS.ReceiveMessage', `{"QueueUrl":"${url}","VisibilityTimeout":${value}}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender');
    expect(JSON.parse(res.body)).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      message: 'Cannot deserialize value of type integer for VisibilityTimeout.',
    });
  });

  it.each(['1.5', '1e308', '2147483648', '99999999999999999999999'])(
    'refuses ReceiveMessage MaxNumberOfMessages %s over query with InvalidParameterValue',
    async (value) => {
      const url = await queueUrl();
      const res = await queryRequest(server.url, { Action: 'ReceiveMessage', QueueUrl: url, MaxNumberOfMessages: value });
      expect(res.status).toBe(400);
      expect(xmlError(res.body)).toMatchObject({
        code: 'InvalidParameterValue',
        message: `Value ${value} for parameter MaxNumberOfMessages is invalid. Reason: must be of type integer.`,
      });
    },
  );

  it('refuses ChangeMessageVisibility VisibilityTimeout 1e308 over JSON and query before looking at the receipt handle', async () => {
    const url = await queueUrl();
    const json = await jsonRequest(server.url, 'AmazonSQS.ChangeMessageVisibility', `{"QueueUrl":"${url}","ReceiptHandle":"x","VisibilityTimeout":1e308}`);
    expect(json.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender');
    const query = await queryRequest(server.url, { Action: 'ChangeMessageVisibility', QueueUrl: url, ReceiptHandle: 'x', VisibilityTimeout: '1e308' });
    expect(xmlError(query.body)).toMatchObject({ code: 'InvalidParameterValue' });
  });
});
