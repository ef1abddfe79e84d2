import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function kinesisJson(operation: string, body: string) {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${operation}` },
    body,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
}

describe('Kinesis routing (JSON 1.1 over HTTP/1.1, as the AWS CLI sends it)', () => {
  it('answers with exactly application/x-amz-json-1.1 and AWS’s field names', async () => {
    expect(await kinesisJson('CreateStream', '{"StreamName":"wire","ShardCount":1}')).toEqual({
      status: 200,
      contentType: 'application/x-amz-json-1.1',
      body: '',
    });
    const listed = await kinesisJson('ListStreams', '{}');
    expect(JSON.parse(listed.body)).toMatchObject({ StreamNames: ['wire'], HasMoreStreams: false });
    const put = JSON.parse((await kinesisJson('PutRecord', '{"StreamName":"wire","PartitionKey":"a","Data":"aGVsbG8="}')).body) as Record<string, string>;
    expect(Object.keys(put)).toEqual(['ShardId', 'SequenceNumber', 'EncryptionType']);
  });

  it('names errors by their bare shape name in __type', async () => {
    expect(await kinesisJson('DescribeStream', '{"StreamName":"absent"}')).toEqual({
      status: 400,
      contentType: 'application/x-amz-json-1.1',
      body: '{"__type":"ResourceNotFoundException","message":"Stream absent under account 000000000000 not found."}',
    });
  });

  it('answers UnknownOperationException for an operation Kinesis does not have', async () => {
    const res = await kinesisJson('DescribeQueue', '{}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('answers SerializationException for a body that is not JSON, or a member of the wrong type', async () => {
    expect(JSON.parse((await kinesisJson('ListStreams', '{not json')).body).__type).toBe('SerializationException');
    expect(JSON.parse((await kinesisJson('CreateStream', '{"StreamName":"x","ShardCount":"one"}')).body)).toEqual({
      __type: 'SerializationException',
      Message: 'class java.lang.String can not be converted to an Integer',
    });
  });

  it('lists kinesis in /_wharf/health and empties it on reset', async () => {
    const health = (await (await fetch(`${server.url}/_wharf/health`)).json()) as { services: Record<string, string> };
    expect(health.services).toEqual({ sqs: 'running', sns: 'running', kinesis: 'running', lambda: 'running' });
    await kinesisJson('CreateStream', '{"StreamName":"temp","ShardCount":1}');
    await fetch(`${server.url}/_wharf/reset`, { method: 'POST' });
    expect(JSON.parse((await kinesisJson('ListStreams', '{}')).body).StreamNames).toEqual([]);
  });
});

describe('HTTP/2 with prior knowledge (h2c) on the same port', () => {
  it('serves an HTTP/2 request and an HTTP/1.1 request on the one port', async () => {
    const session = http2.connect(server.url);
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = session.request({
        ':method': 'POST',
        ':path': '/',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Kinesis_20131202.DescribeLimits',
      });
      let status = 0;
      let body = '';
      req.on('response', (headers) => (status = Number(headers[':status'])));
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => resolve({ status, body }));
      req.on('error', reject);
      req.end('{}');
    });
    session.close();
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ShardLimit: 500 });
    expect((await fetch(`${server.url}/_wharf/health`)).status).toBe(200);
  });
});
