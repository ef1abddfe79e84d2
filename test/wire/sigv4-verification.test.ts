import { createHash } from 'node:crypto';
import cbor from 'cbor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { useSecuredServer } from '../support/secured-server.js';
import { startTestServer } from '../support/server.js';
import { presign, send, sendSigned, type RawReply, type RawRequest } from '../support/signed-http.js';

const t = useSecuredServer();

const KEY = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };
const WRONG = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'wrong' };
const UNKNOWN = { accessKeyId: 'AKIDNOBODYGAVE', secretAccessKey: 'secret' };
const TEMP = { accessKeyId: 'ASIAWHARFTEMP', secretAccessKey: 'temp-secret', sessionToken: 'the-session-token' };

const form = (body: string): RawRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body,
});
const sqsJson = (operation: string, body = '{}'): RawRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` },
  body,
});
const kinesisJson = (operation: string, body = '{}'): RawRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
  body,
});
const kinesisCbor = (operation: string, body: Record<string, unknown>): RawRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
  body: cbor.encode(body),
});

const xmlCode = (reply: RawReply) => /<Code>(.*)<\/Code><Message>([\s\S]*)<\/Message>/.exec(reply.body.toString('utf8'))?.slice(1, 3);
const json = (reply: RawReply) => JSON.parse(reply.body.toString('utf8')) as Record<string, string>;

describe('requests without a signature, with verification on', () => {
  it('SQS query and SNS: 403 MissingAuthenticationToken (wording as STS sends it; unverified against AWS for SQS/SNS)', async () => {
    for (const body of ['Action=ListQueues&Version=2012-11-05', 'Action=ListTopics&Version=2010-03-31']) {
      const reply = await send(t.server.url, form(body));
      expect({ status: reply.status, error: xmlCode(reply) }).toEqual({
        status: 403,
        error: ['MissingAuthenticationToken', 'Request is missing Authentication Token'],
      });
    }
  });

  it('SQS JSON: 403 with the query code in x-amzn-query-error (__type unverified against AWS)', async () => {
    const reply = await send(t.server.url, sqsJson('ListQueues'));
    expect(reply.status).toBe(403);
    expect(reply.headers['x-amzn-query-error']).toBe('MissingAuthenticationToken;Sender');
    expect(json(reply)).toEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
  });

  it('Kinesis JSON and CBOR: 400 MissingAuthenticationTokenException "Missing Authentication Token", as kinesalite recorded', async () => {
    const jsonReply = await send(t.server.url, kinesisJson('ListStreams'));
    expect({ status: jsonReply.status, body: json(jsonReply) }).toEqual({
      status: 400,
      body: { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
    });
    const cborReply = await send(t.server.url, kinesisCbor('ListStreams', {}));
    expect(cborReply.headers['content-type']).toBe('application/x-amz-cbor-1.1');
    expect({ status: cborReply.status, body: cbor.decodeFirstSync(cborReply.body) as unknown }).toEqual({
      status: 400,
      body: { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
    });
  });
});

describe('malformed signatures', () => {
  it('answers an Authorization header that is not SigV4 with IncompleteSignature in each protocol', async () => {
    const bearer = { authorization: 'Bearer abc' };
    const expected =
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc";
    const kinesis = await send(t.server.url, { ...kinesisJson('ListStreams'), headers: { ...kinesisJson('ListStreams').headers, ...bearer } });
    expect({ status: kinesis.status, body: json(kinesis) }).toEqual({ status: 400, body: { __type: 'IncompleteSignatureException', message: expected } });
    const query = await send(t.server.url, { ...form('Action=ListQueues'), headers: { ...form('').headers, ...bearer } });
    expect({ status: query.status, error: xmlCode(query) }).toEqual({ status: 400, error: ['IncompleteSignature', expected] });
  });

  it('answers a signature that leaves Host unsigned with IncompleteSignature (code unverified against AWS)', async () => {
    const reply = await send(t.server.url, {
      ...kinesisJson('ListStreams'),
      headers: {
        ...kinesisJson('ListStreams').headers,
        'x-amz-date': '20260101T000000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDWHARFTEST/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=x-amz-date, Signature=00',
      },
    });
    expect(json(reply)).toEqual({
      __type: 'IncompleteSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('refuses a signature scoped to another service (wording as API Gateway sends it; code unverified against AWS)', async () => {
    const reply = await sendSigned(t.server.url, 'sns', KEY, kinesisJson('ListStreams'));
    expect({ status: reply.status, body: json(reply) }).toEqual({
      status: 400,
      body: { __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'kinesis'. " },
    });
  });
});

describe('requests signed by the SDKs’ own signer (@smithy/signature-v4)', () => {
  it('verifies Kinesis CBOR bodies byte for byte, and names the failures as Kinesis does, in CBOR', async () => {
    const created = await sendSigned(t.server.url, 'kinesis', KEY, kinesisCbor('CreateStream', { StreamName: 'cbor-signed', ShardCount: 1 }));
    expect(created.status).toBe(200);
    const put = await sendSigned(
      t.server.url,
      'kinesis',
      KEY,
      kinesisCbor('PutRecord', { StreamName: 'cbor-signed', PartitionKey: 'k', Data: Buffer.from([0, 255, 10, 13]) }),
    );
    expect(put.status).toBe(200);

    const wrong = cbor.decodeFirstSync((await sendSigned(t.server.url, 'kinesis', WRONG, kinesisCbor('ListStreams', {}))).body) as Record<string, string>;
    expect(wrong.__type).toBe('InvalidSignatureException');
    const unknown = await sendSigned(t.server.url, 'kinesis', UNKNOWN, kinesisCbor('ListStreams', {}));
    expect({ status: unknown.status, body: cbor.decodeFirstSync(unknown.body) as unknown }).toEqual({
      status: 400,
      body: { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' },
    });
  });

  it('refuses a body changed after signing: the canonical request shows the hash of what arrived', async () => {
    const request = kinesisJson('ListStreams', '{"Limit":1}');
    expect((await sendSigned(t.server.url, 'kinesis', KEY, request)).status).toBe(200);
    const tampered = await sendSigned(t.server.url, 'kinesis', KEY, request, '{"Limit":2}');
    expect(tampered.status).toBe(400);
    expect(json(tampered).message).toContain(`\n${createHash('sha256').update('{"Limit":2}').digest('hex')}'\n\nThe String-to-Sign`);
  });

  it('double-escapes a percent-encoded path as AWS does for every service but S3', async () => {
    // The signer escapes the already-escaped path again; so does wharf: the signature holds and
    // the request reaches SQS, which finds no queue by that name.
    const reply = await sendSigned(t.server.url, 'sqs', KEY, {
      ...form('Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05'),
      path: '/000000000000/a%3Ab%20c',
    });
    expect(xmlCode(reply)?.[0]).toBe('AWS.SimpleQueueService.NonExistentQueue');
    const created = await sendSigned(t.server.url, 'sqs', KEY, form('Action=CreateQueue&QueueName=path-signed&Version=2012-11-05'));
    expect(created.status).toBe(200);
    const attributes = await sendSigned(t.server.url, 'sqs', KEY, {
      ...form('Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05'),
      path: '/000000000000/path-signed',
    });
    expect(attributes.status).toBe(200);
  });

  it('accepts presigned URLs (with a session token too) and refuses one whose query was changed', async () => {
    const listQueues: RawRequest = { method: 'GET', path: '/?Action=ListQueues&Version=2012-11-05' };
    const url = await presign(t.server.url, 'sqs', KEY, listQueues);
    expect(url).toContain('X-Amz-Signature=');
    expect((await send(t.server.url, { method: 'GET', path: url })).status).toBe(200);
    expect((await send(t.server.url, { method: 'GET', path: await presign(t.server.url, 'sqs', TEMP, listQueues) })).status).toBe(200);

    const changed = await send(t.server.url, { method: 'GET', path: url.replace('Action=ListQueues', 'Action=ListQueues&QueueNamePrefix=x') });
    expect({ status: changed.status, code: xmlCode(changed)?.[0] }).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });
    const unsigned = await send(t.server.url, { method: 'GET', path: url.replace(/&X-Amz-Signature=[0-9a-f]+/, '') });
    expect(xmlCode(unsigned)).toEqual([
      'IncompleteSignature',
      "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
    ]);
  });
});

describe('with verification off (the default)', () => {
  let open: RunningServer;
  beforeAll(async () => {
    open = await startTestServer();
  });
  afterAll(() => open.close());

  it('accepts unsigned, malformed and wrongly signed requests, as before', async () => {
    expect((await send(open.url, kinesisJson('ListStreams'))).status).toBe(200);
    expect(
      (await send(open.url, { ...kinesisJson('ListStreams'), headers: { ...kinesisJson('ListStreams').headers, authorization: 'Bearer abc' } })).status,
    ).toBe(200);
    expect((await sendSigned(open.url, 'kinesis', WRONG, kinesisJson('ListStreams'))).status).toBe(200);
    expect((await sendSigned(open.url, 'sqs', UNKNOWN, form('Action=ListQueues&Version=2012-11-05'))).status).toBe(200);
  });
});
