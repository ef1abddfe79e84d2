import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeCbor } from '../../src/protocol/cbor/cbor.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from '../support/server.js';

/**
 * Requests the fuzz test (test/fuzz/hostile-input.test.ts) found wharf answering with a 500 or
 * with Fastify's own JSON instead of an AWS error, each pinned to the AWS-shaped reply it now gets.
 */
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => server.emulator.reset());
afterAll(() => server.close());

const SQS_SCOPE = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0';

async function send(method: string, url: string, headers: Record<string, string>, body: string | Buffer = '') {
  const res = await server.app.inject({ method: method as 'POST', url, headers, payload: body });
  return {
    status: res.statusCode,
    type: res.headers['content-type'],
    allow: res.headers.allow,
    requestId: res.headers['x-amzn-requestid'],
    body: res.payload,
    raw: res.rawPayload,
  };
}

const xmlError = (body: string) => ({
  type: /<Type>([^<]*)<\/Type>/.exec(body)?.[1],
  code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1],
  message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1],
});

describe('hostile input found by fuzzing: AWS-shaped errors, never a 500', () => {
  it('answers a path with malformed percent escapes as an InvalidAddress error in the request protocol (unverified against AWS)', async () => {
    const query = await send(
      'POST',
      '/000000000000/%E0%A4',
      { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE },
      'Action=ListQueues',
    );
    // SQS's own InvalidAddress is a 404.
    expect({ status: query.status, type: query.type, error: xmlError(query.body) }).toEqual({
      status: 404,
      type: 'text/xml',
      error: { type: 'Sender', code: 'InvalidAddress', message: 'The address /000000000000/%E0%A4 is not valid for this endpoint.' },
    });
    const json = await send('POST', '/%ZZ', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' }, '{}');
    expect({ status: json.status, type: json.type, body: JSON.parse(json.body) }).toEqual({
      status: 400,
      type: 'application/x-amz-json-1.1',
      body: { __type: 'InvalidAddress', message: 'The address /%ZZ is not valid for this endpoint.' },
    });
  });

  it('answers a method no AWS API takes with 405 MethodNotAllowed in the request protocol (unverified against AWS)', async () => {
    const res = await send('PUT', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, '{}');
    expect({ status: res.status, allow: res.allow, body: JSON.parse(res.body) }).toEqual({
      status: 405,
      allow: 'GET, POST',
      body: { __type: 'com.amazonaws.sqs#MethodNotAllowed', message: 'The specified method PUT is not allowed against this resource.' },
    });
    expect(xmlError((await send('DELETE', '/', {})).body).code).toBe('MethodNotAllowed');
  });

  it("answers a method no AWS API takes on a path starting with /_ (not one of wharf's own) as an AWS error", async () => {
    // Found by a 100,000-case run: only /_wharf/ and /_localstack/ are wharf's own; /_ may be an AWS path.
    const res = await send('PUT', '/_', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.IncreaseStreamRetentionPeriod' });
    expect({ status: res.status, requestId: typeof res.requestId, body: JSON.parse(res.body) }).toEqual({
      status: 405,
      requestId: 'string',
      body: { __type: 'MethodNotAllowed', message: 'The specified method PUT is not allowed against this resource.' },
    });
  });

  it('serves a request whose target starts with // (which new URL() cannot parse)', async () => {
    const res = await send('POST', '//?Action=ListQueues', { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<ListQueuesResponse');
  });

  it('answers a QueueUrl whose name is not valid percent-encoded UTF-8 with NonExistentQueue (SQS-QUEUEURL)', async () => {
    const res = await send(
      'POST',
      '/',
      { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE },
      'Action=GetQueueAttributes&QueueUrl=http%3A%2F%2Fx%2F000000000000%2F%25E0%25A4',
    );
    expect({ status: res.status, error: xmlError(res.body) }).toEqual({
      status: 400,
      error: { type: 'Sender', code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'The specified queue does not exist for this wsdl version.' },
    });
  });

  it('answers a null batch entry as a missing parameter, not a crash (unverified against AWS: the wording)', async () => {
    const res = await send(
      'POST',
      '/',
      { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.DeleteMessageBatch' },
      '{"QueueUrl":"http://localhost/000000000000/q","Entries":[null]}',
    );
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({
      status: 400,
      body: { __type: 'com.amazon.coral.service#MissingRequiredParameterException', message: 'The request must contain the parameter Entries.' },
    });
  });

  it('answers a null Kinesis record or tag value with a ValidationException (unverified against AWS: the paths)', async () => {
    const headers = (op: string) => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Kinesis_20131202.${op}` });
    const records = await send('POST', '/', headers('PutRecords'), '{"StreamName":"s","Records":[null]}');
    expect({ status: records.status, body: JSON.parse(records.body) }).toEqual({
      status: 400,
      body: {
        __type: 'ValidationException',
        message: "1 validation error detected: Value null at 'records.1' failed to satisfy constraint: Member must not be null",
      },
    });
    const tags = await send('POST', '/', headers('CreateStream'), '{"StreamName":"s","ShardCount":1,"Tags":{"k":null}}');
    expect(JSON.parse(tags.body)).toEqual({
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'tags.k' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers CBOR nested 100,000 levels deep with a SerializationException instead of overflowing the stack', async () => {
    const body = Buffer.concat([Buffer.alloc(100_000, 0x81), Buffer.from([0xa0])]);
    const res = await send('POST', '/', { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' }, body);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/x-amz-cbor-1.1');
    expect(res.raw.equals(encodeCbor({ __type: 'SerializationException' }))).toBe(true);
  });
});

describe('map keys named __proto__ are ordinary keys in every decoder', () => {
  it('keeps a queue tag named __proto__ sent as JSON or as query parameters', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.0' };
    await send('POST', '/', { ...json, 'x-amz-target': 'AmazonSQS.CreateQueue' }, '{"QueueName":"q","tags":{"__proto__":"json"}}');
    const url = 'http://localhost/000000000000/q';
    const listed = await send('POST', '/', { ...json, 'x-amz-target': 'AmazonSQS.ListQueueTags' }, JSON.stringify({ QueueUrl: url }));
    expect(JSON.parse(listed.body)).toEqual({ Tags: { ['__proto__']: 'json' } });
    await send(
      'POST',
      '/',
      { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE },
      `Action=TagQueue&QueueUrl=${encodeURIComponent(url)}&Tag.1.Key=__proto__&Tag.1.Value=query`,
    );
    const again = await send('POST', '/', { ...json, 'x-amz-target': 'AmazonSQS.ListQueueTags' }, JSON.stringify({ QueueUrl: url }));
    expect(again.body).toBe('{"Tags":{"__proto__":"query"}}');
  });

  it('keeps a stream tag named __proto__ sent as CBOR', async () => {
    const cbor = (op: string, input: object) =>
      send('POST', '/', { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': `Kinesis_20131202.${op}` }, encodeCbor(input));
    await cbor('CreateStream', { StreamName: 's', ShardCount: 1 });
    const tags: Record<string, unknown> = {};
    Object.defineProperty(tags, '__proto__', { value: 'cbor', enumerable: true });
    expect((await cbor('AddTagsToStream', { StreamName: 's', Tags: tags })).status).toBe(200);
    const listed = await send(
      'POST',
      '/',
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListTagsForStream' },
      '{"StreamName":"s"}',
    );
    expect(JSON.parse(listed.body).Tags).toEqual([{ Key: '__proto__', Value: 'cbor' }]);
  });
});

describe('names that go into ARNs and URLs come only from validated input', () => {
  /** A query request over a real socket, with any Host header. */
  function queryWithHost(host: string, params: Record<string, string>, authorization = SQS_SCOPE): Promise<string> {
    return new Promise((resolve, reject) => {
      const body = new URLSearchParams(params).toString();
      const req = httpRequest(
        {
          hostname: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/',
          headers: { host, authorization, 'content-type': 'application/x-www-form-urlencoded' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('builds queue URLs from the Host header only when it is a plain host:port, else from wharf’s own address', async () => {
    expect(await queryWithHost('wharf_1.local:4566', { Action: 'CreateQueue', QueueName: 'a' })).toContain(
      '<QueueUrl>http://wharf_1.local:4566/000000000000/a</QueueUrl>',
    );
    for (const host of ['evil.example/x?', '<b>&amp;', 'a b', 'x@y:1']) {
      expect(await queryWithHost(host, { Action: 'GetQueueUrl', QueueName: 'a' })).toContain(
        `<QueueUrl>http://127.0.0.1:${server.port}/000000000000/a</QueueUrl>`,
      );
    }
  });

  it('ignores a credential scope whose region is not region-shaped, so no ARN carries it', async () => {
    const odd = 'AWS4-HMAC-SHA256 Credential=AKID/20260101/../sqs/aws4_request, SignedHeaders=host, Signature=0';
    await queryWithHost('localhost', { Action: 'CreateQueue', QueueName: 'b' }, odd);
    const attributes = await queryWithHost(
      'localhost',
      { Action: 'GetQueueAttributes', QueueName: 'b', QueueUrl: 'http://localhost/000000000000/b', 'AttributeName.1': 'QueueArn' },
      odd,
    );
    expect(attributes).toContain('<Value>arn:aws:sqs:us-east-1:000000000000:b</Value>');
  });

  it.each([
    ['SQS queue', 'AmazonSQS.CreateQueue', '1.0', (name: string) => ({ QueueName: name })],
    ['Kinesis stream', 'Kinesis_20131202.CreateStream', '1.1', (name: string) => ({ StreamName: name, ShardCount: 1 })],
  ])('refuses %s names with path, markup or non-ASCII characters, or too long', async (_kind, target, version, input) => {
    // Kinesis's StreamName pattern [a-zA-Z0-9_.-]+ allows a name of dots, as AWS does: ARNs are not paths.
    for (const name of ['../x', 'a/b', '%2e%2e', 'ü', '😀', '<a>', 'q\u0000', 'x'.repeat(129), '']) {
      const res = await send('POST', '/', { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target }, JSON.stringify(input(name)));
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
    }
  });

  it('refuses SNS topic names with path, markup or non-ASCII characters', async () => {
    for (const name of ['..', 'a/b', 'ü', '<a>', 'x'.repeat(257), '']) {
      const res = await send(
        'POST',
        '/',
        { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE.replace('/sqs/', '/sns/') },
        new URLSearchParams({ Action: 'CreateTopic', Name: name }).toString(),
      );
      expect({ name, status: res.status, code: xmlError(res.body).code }).toEqual({ name, status: 400, code: 'InvalidParameter' });
    }
  });
});

describe('SNS input found by fuzzing', () => {
  it('answers a message attribute with an empty name with InvalidParameterValue (unverified against AWS: the wording)', async () => {
    const res = await send(
      'POST',
      '/',
      { 'content-type': 'application/x-www-form-urlencoded', authorization: SQS_SCOPE.replace('/sqs/', '/sns/') },
      'Action=Publish&Message=x&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At&MessageAttributes.entry.1.Name=&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=v',
    );
    expect({ status: res.status, error: xmlError(res.body) }).toEqual({
      status: 400,
      error: { type: 'Sender', code: 'ParameterValueInvalid', message: 'The message attribute name must not be empty.' },
    });
  });
});

describe('routing found by fuzzing', () => {
  it('does not serve a Kinesis operation over the query protocol because the credential scope names Kinesis', async () => {
    const kinesisScope = SQS_SCOPE.replace('/sqs/', '/kinesis/');
    const res = await send('POST', '/?Action=DescribeAccountSettings', { 'content-type': 'application/x-www-form-urlencoded', authorization: kinesisScope });
    expect({ status: res.status, error: xmlError(res.body) }).toEqual({
      status: 400,
      error: { type: 'Sender', code: 'InvalidAction', message: 'The action DescribeAccountSettings is not valid for this endpoint.' },
    });
  });
});

describe("wharf's own endpoints answer in JSON, not as AWS errors", () => {
  it('answers an unknown method under /_wharf/ with its JSON 404, and an undecodable path as Fastify does', async () => {
    const method = await send('DELETE', '/_wharf/health', {});
    expect({ status: method.status, body: JSON.parse(method.body) }).toEqual({
      status: 404,
      body: { error: 'UnknownEndpoint', message: 'wharf has no endpoint DELETE /_wharf/health.' },
    });
    const path = await send('GET', '/_wharf/%ZZ', {});
    expect({ status: path.status, code: JSON.parse(path.body).code }).toEqual({ status: 400, code: 'FST_ERR_BAD_URL' });
  });
});
