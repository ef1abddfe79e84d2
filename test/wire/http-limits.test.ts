import http2 from 'node:http2';
import { decodeFirstSync } from 'cbor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/http/server-limits.js';
import type { RunningServer } from '../../src/server.js';
import { parseResponse, rawConnect } from '../support/raw-http.js';
import { startTestServer } from '../support/server.js';

/** Raw-socket tests of what HTTP clients never send: oversized and chunked bodies, stalls. */

const SQS_SCOPE = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0';

async function stillServes(server: RunningServer): Promise<void> {
  const res = await fetch(`${server.url}/?Action=ListQueues`, { headers: { authorization: SQS_SCOPE } });
  expect(res.status).toBe(200);
}

function head(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

describe(`request body limit (${BODY_LIMIT_BYTES} bytes, checked before the body is read)`, () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('refuses a Content-Length over the limit at once, unread, as a 413 in the JSON protocol the X-Amz-Target names, and closes the connection', async () => {
    const conn = await rawConnect(server.port);
    await conn.write(
      head([
        'POST / HTTP/1.1',
        'Host: localhost',
        'X-Amz-Target: Kinesis_20131202.PutRecords',
        'Content-Type: application/x-amz-json-1.1',
        `Content-Length: ${BODY_LIMIT_BYTES + 1}`,
      ]),
    );
    // No body byte is ever sent: the reply cannot have waited for one.
    expect((await conn.closed(5_000)).closed).toBe(true);
    const res = parseResponse(conn.received());
    expect({ status: res.status, connection: res.headers.connection, type: res.headers['content-type'], body: JSON.parse(res.body.toString()) }).toEqual({
      status: 413,
      connection: 'close',
      type: 'application/x-amz-json-1.1',
      body: { __type: 'RequestEntityTooLarge', message: `HTTP content length exceeded ${BODY_LIMIT_BYTES} bytes.` },
    });
    await stillServes(server);
  });

  it('answers the 413 as an XML ErrorResponse to a query-protocol request and as CBOR to a CBOR one', async () => {
    const query = await rawConnect(server.port);
    await query.write(
      head([
        'POST / HTTP/1.1',
        'Host: localhost',
        `Authorization: ${SQS_SCOPE}`,
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${BODY_LIMIT_BYTES * 4}`,
      ]),
    );
    await query.closed(5_000);
    const xml = parseResponse(query.received());
    expect(xml.status).toBe(413);
    expect(xml.body.toString()).toMatch(
      /^<\?xml version="1\.0"\?><ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>RequestEntityTooLarge<\/Code><Message>HTTP content length exceeded 16777216 bytes\.<\/Message>/,
    );
    const cbor = await rawConnect(server.port);
    await cbor.write(
      head([
        'POST / HTTP/1.1',
        'Host: localhost',
        'X-Amz-Target: Kinesis_20131202.PutRecord',
        'Content-Type: application/x-amz-cbor-1.1',
        `Content-Length: ${BODY_LIMIT_BYTES + 1}`,
      ]),
    );
    await cbor.closed(5_000);
    const reply = parseResponse(cbor.received());
    expect({ status: reply.status, body: decodeFirstSync(reply.body) as unknown }).toEqual({
      status: 413,
      body: { __type: 'RequestEntityTooLarge', message: `HTTP content length exceeded ${BODY_LIMIT_BYTES} bytes.` },
    });
  });

  it('cuts off a chunked body once it grows past the limit, answers 413 and stops reading', async () => {
    const conn = await rawConnect(server.port);
    await conn.write(
      head([
        'POST / HTTP/1.1',
        'Host: localhost',
        'X-Amz-Target: AmazonSQS.SendMessage',
        'Content-Type: application/x-amz-json-1.0',
        'Transfer-Encoding: chunked',
      ]),
    );
    const chunk = Buffer.concat([Buffer.from(`${(1 << 20).toString(16)}\r\n`), Buffer.alloc(1 << 20, 0x20), Buffer.from('\r\n')]);
    let sentMiB = 0;
    // A server that kept reading would take all 256 MiB; wharf must drop the connection long before.
    while (sentMiB < 256 && (await conn.write(chunk))) sentMiB++;
    expect((await conn.closed(5_000)).closed).toBe(true);
    expect(sentMiB).toBeLessThan(64);
    const res = parseResponse(conn.received());
    expect({ status: res.status, body: JSON.parse(res.body.toString()) }).toEqual({
      status: 413,
      body: { __type: 'com.amazonaws.sqs#RequestEntityTooLarge', message: `HTTP content length exceeded ${BODY_LIMIT_BYTES} bytes.` },
    });
    await stillServes(server);
  });

  it('answers bytes that are not HTTP with 400, headers over 16 KiB with 431, and closes both connections (Node’s parser, before any AWS routing)', async () => {
    const garbage = await rawConnect(server.port);
    await garbage.write('\x16\x03\x01 not http at all\r\n\r\n');
    expect((await garbage.closed(5_000)).closed).toBe(true);
    expect(garbage.received().toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
    const huge = await rawConnect(server.port);
    await huge.write(head(['GET / HTTP/1.1', 'Host: localhost', `X-Padding: ${'a'.repeat(20_000)}`]));
    expect((await huge.closed(5_000)).closed).toBe(true);
    expect(huge.received().toString('latin1')).toMatch(/^HTTP\/1\.1 431 /);
    await stillServes(server);
  });

  it('frees an h2c connection as soon as its client goes away, even with a request half sent', async () => {
    // A server of its own: no other test's keep-alive connections in the count.
    const own = await startTestServer();
    const connections = () => new Promise<number>((resolve) => own.app.server.getConnections((_err, n) => resolve(n)));
    const client = http2.connect(own.url);
    client.on('error', () => {});
    const stalled = client.request(
      { ':method': 'POST', ':path': '/', 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
      { endStream: false },
    );
    stalled.on('error', () => {});
    stalled.write('{"Que');
    await expect.poll(connections).toBe(1);
    client.destroy();
    // Well within the 30 s request timeout: the server saw the client leave.
    await expect.poll(connections, { timeout: 2_000 }).toBe(0);
    await own.close();
  });

  it('accepts the largest legitimate request: a 10 MiB Kinesis record, base64 in JSON (13.3 MiB)', async () => {
    const kinesis = (op: string, body: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${op}` }, body });
    expect((await kinesis('CreateStream', '{"StreamName":"big","ShardCount":1}')).status).toBe(200);
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/big';
    expect((await kinesis('UpdateMaxRecordSize', JSON.stringify({ StreamARN: arn, MaxRecordSizeInKiB: 10240 }))).status).toBe(200);
    const data = Buffer.alloc(10 * 1024 * 1024 - 1, 0x61).toString('base64');
    const res = await kinesis('PutRecord', JSON.stringify({ StreamName: 'big', PartitionKey: 'p', Data: data }));
    expect(res.status).toBe(200);
  }, 30_000);
});

describe('slow and stalled clients (request timeout 1 s, idle timeout 3 s)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { requestTimeoutMs: 1_000, idleTimeoutMs: 3_000 } });
  });
  afterAll(() => server.close());

  it('disconnects a client that sends half its headers and stalls, and keeps serving others', async () => {
    const conn = await rawConnect(server.port);
    await conn.write('POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Tar');
    await stillServes(server);
    const { closed, afterMs } = await conn.closed(5_000);
    expect(closed).toBe(true);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    expect(conn.received().toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('disconnects a client that sends its headers and half its body', async () => {
    const conn = await rawConnect(server.port);
    await conn.write(
      `${head(['POST / HTTP/1.1', 'Host: localhost', 'X-Amz-Target: AmazonSQS.ListQueues', 'Content-Type: application/x-amz-json-1.0', 'Content-Length: 100'])}{"Queue`,
    );
    const { closed, afterMs } = await conn.closed(5_000);
    expect(closed).toBe(true);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    await stillServes(server);
  });

  it('disconnects a client that connects and sends nothing', async () => {
    const conn = await rawConnect(server.port);
    expect((await conn.closed(5_000)).closed).toBe(true);
  });

  it('closes a keep-alive connection that stays silent after its reply for the idle timeout', async () => {
    const conn = await rawConnect(server.port);
    await conn.write(head(['GET /?Action=ListQueues HTTP/1.1', 'Host: localhost', `Authorization: ${SQS_SCOPE}`]));
    const { closed, afterMs } = await conn.closed(8_000);
    expect(parseResponse(conn.received()).status).toBe(200);
    expect(closed).toBe(true);
    expect(afterMs).toBeGreaterThanOrEqual(2_900);
  }, 10_000);

  it('lets a long poll that outlasts the request timeout finish (the request was received in time)', async () => {
    const created = await fetch(`${server.url}/?Action=CreateQueue&QueueName=slow`, { headers: { authorization: SQS_SCOPE } });
    expect(created.status).toBe(200);
    const started = performance.now();
    const res = await fetch(`${server.url}/000000000000/slow?Action=ReceiveMessage&WaitTimeSeconds=2`, { headers: { authorization: SQS_SCOPE } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
  });

  describe('over h2c', () => {
    function session(): http2.ClientHttp2Session {
      const client = http2.connect(server.url);
      client.on('error', () => {});
      return client;
    }

    it('resets a stream whose request body stalls, while the session serves other streams', async () => {
      const client = session();
      const stalled = client.request(
        { ':method': 'POST', ':path': '/', 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' },
        { endStream: false },
      );
      stalled.on('error', () => {});
      stalled.write('{"Que');
      const reset = new Promise<number>((resolve) => stalled.once('close', () => resolve(stalled.rstCode)));
      const other = client.request({ ':method': 'POST', ':path': '/', 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0' });
      other.end('{}');
      const status = await new Promise<number>((resolve) => other.once('response', (h) => resolve(Number(h[':status']))));
      expect(status).toBe(200);
      expect(await reset).toBe(http2.constants.NGHTTP2_CANCEL);
      client.close();
    });

    it('answers a long poll that outlasts the request timeout, and closes the session once it is silent for the idle timeout', async () => {
      await fetch(`${server.url}/?Action=CreateQueue&QueueName=slow-h2`, { headers: { authorization: SQS_SCOPE } });
      const client = session();
      const closed = new Promise<void>((resolve) => client.once('close', resolve));
      const started = performance.now();
      const req = client.request({ ':method': 'GET', ':path': '/000000000000/slow-h2?Action=ReceiveMessage&WaitTimeSeconds=2', authorization: SQS_SCOPE });
      const status = await new Promise<number>((resolve) => req.once('response', (h) => resolve(Number(h[':status']))));
      req.resume();
      expect(status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
      await closed;
      expect(performance.now() - started).toBeGreaterThanOrEqual(4_500);
    }, 15_000);
  });
});
