import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SQS_PROTOCOLS } from '../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, jsonRequest, queryRequest, useSqsServer, xmlError } from '../support/sqs-suite.js';

const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** A POST with any Host header (fetch does not let a test choose it). */
function postWithHost(url: string, host: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          host,
          'content-type': 'application/x-www-form-urlencoded',
          authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('SQS routing over the wire', () => {
  const t = useSqsServer('query');

  describe('query protocol (form body, XML reply)', () => {
    it('answers a signed form request with namespaced XML and a RequestId', async () => {
      const res = await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'orders' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      const requestId = /<ResponseMetadata><RequestId>([^<]+)<\/RequestId><\/ResponseMetadata>/.exec(res.body)?.[1];
      expect(requestId).toMatch(/\S/);
      expect(res.body).toContain(
        `<CreateQueueResponse xmlns="${XMLNS}"><CreateQueueResult><QueueUrl>${t.server.url}/000000000000/orders</QueueUrl></CreateQueueResult>`,
      );
    });

    it('answers an error with an ErrorResponse of Type Sender, Code, Message and RequestId', async () => {
      const res = await queryRequest(t.server.url, { Action: 'GetQueueUrl', QueueName: 'missing' });
      expect(res.status).toBe(400);
      expect(res.body).toMatch(
        new RegExp(
          `^(<\\?xml[^>]*\\?>\\s*)?<ErrorResponse xmlns="${XMLNS.replace(/[./]/g, '\\$&')}"><Error><Type>Sender</Type><Code>AWS\\.SimpleQueueService\\.NonExistentQueue</Code><Message>The specified queue does not exist for this wsdl version\\.</Message><Detail\\s*/?>(</Detail>)?</Error><RequestId>[^<]+</RequestId></ErrorResponse>\\s*$`,
        ),
      );
    });

    it('reports QueueAlreadyExists with its message in the XML', async () => {
      await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'orders', 'Attribute.1.Name': 'DelaySeconds', 'Attribute.1.Value': '1' });
      const res = await queryRequest(t.server.url, {
        Action: 'CreateQueue',
        QueueName: 'orders',
        'Attribute.1.Name': 'DelaySeconds',
        'Attribute.1.Value': '2',
      });
      expect({ status: res.status, error: xmlError(res.body) }).toEqual({
        status: 400,
        error: {
          type: 'Sender',
          code: 'QueueAlreadyExists',
          message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
        },
      });
    });

    it('takes the queue from the URL path when a request is posted to the queue URL without QueueUrl', async () => {
      await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'orders' });
      const sent = await queryRequest(`${t.server.url}/000000000000/orders`, { Action: 'SendMessage', MessageBody: 'by path' });
      expect(sent.status).toBe(200);
      const received = await queryRequest(`${t.server.url}/000000000000/orders`, { Action: 'ReceiveMessage' });
      expect(received.body).toContain('<Body>by path</Body>');
    });

    it('accepts a GET with the parameters in the URL', async () => {
      await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'orders' });
      const res = await queryRequest(t.server.url, { Action: 'GetQueueUrl', QueueName: 'orders' }, { method: 'GET' });
      expect(res.status).toBe(200);
      expect(res.body).toContain(`<QueueUrl>${t.server.url}/000000000000/orders</QueueUrl>`);
    });

    it('resolves a queue URL with a LocalStack-style host by its path', async () => {
      await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'q' });
      const QueueUrl = 'http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q';
      const sent = await queryRequest(t.server.url, { Action: 'SendMessage', QueueUrl, MessageBody: 'via localstack url' });
      expect(sent.status).toBe(200);
      const { sdk, client } = t.sqs;
      const out = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
      expect(out.Messages?.map((m) => m.Body)).toEqual(['via localstack url']);
    });

    it('builds queue URLs from the Host header the client used', async () => {
      const res = await postWithHost(t.server.url, 'sqs.us-east-1.localhost.localstack.cloud:4566', 'Action=CreateQueue&QueueName=q&Version=2012-11-05');
      expect(res.body).toContain('<QueueUrl>http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/q</QueueUrl>');
    });

    it('fails with InvalidAction (400, XML) for an unknown Action', async () => {
      const res = await queryRequest(t.server.url, { Action: 'LaunchRocket' });
      expect({ status: res.status, error: xmlError(res.body) }).toEqual({
        status: 400,
        error: { type: 'Sender', code: 'InvalidAction', message: 'The action LaunchRocket is not valid for this endpoint.' },
      });
      expect(res.body).toContain(`<ErrorResponse xmlns="${XMLNS}">`);
    });

    it('fails with MissingParameter for a missing required parameter', async () => {
      const res = await queryRequest(t.server.url, { Action: 'SendMessage', QueueUrl: `${t.server.url}/000000000000/orders` });
      expect({ status: res.status, error: xmlError(res.body) }).toEqual({
        status: 400,
        error: { type: 'Sender', code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' },
      });
    });

    it('fails with NonExistentQueue (400) for a queue URL that is not one, as AWS does (SQS-QUEUEURL)', async () => {
      const res = await queryRequest(t.server.url, { Action: 'SendMessage', QueueUrl: 'http://example.com/not-a-queue', MessageBody: 'x' });
      expect({ status: res.status, code: xmlError(res.body).code }).toEqual({ status: 400, code: 'AWS.SimpleQueueService.NonExistentQueue' });
    });
  });

  describe('JSON protocol (X-Amz-Target, JSON reply)', () => {
    it('fails with UnknownOperationException (400) for an unknown X-Amz-Target', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.LaunchRocket', '{}');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      expect((JSON.parse(res.body) as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
    });

    it('answers a malformed JSON body with a 400 SerializationException, not a 500 (unverified against AWS)', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.CreateQueue', '{"QueueName": ');
      expect(res.status).toBe(400);
      expect((JSON.parse(res.body) as { __type: string }).__type).toBe('com.amazon.coral.service#SerializationException');
    });

    it('answers a body of the wrong JSON type with a 400, not a 500', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.CreateQueue', '["orders"]');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toHaveProperty('__type');
    });

    it('answers with Content-Type application/x-amz-json-1.0', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.ListQueues', '{}');
      expect({ status: res.status, type: res.headers.get('content-type'), body: res.body }).toEqual({
        status: 200,
        type: 'application/x-amz-json-1.0',
        body: '{}',
      });
    });

    it('sends the query code in x-amzn-query-error and a lowercase message', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.GetQueueUrl', '{"QueueName":"missing"}');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
      expect(JSON.parse(res.body)).toEqual({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
    });

    it('fails with MissingParameter for a missing required member', async () => {
      const res = await jsonRequest(t.server.url, 'AmazonSQS.SendMessage', `{"QueueUrl":"${t.server.url}/000000000000/orders"}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-query-error')).toBe('MissingParameter;Sender');
      expect(JSON.parse(res.body)).toEqual({
        __type: 'com.amazon.coral.service#MissingRequiredParameterException',
        message: 'The request must contain the parameter MessageBody.',
      });
    });
  });

  describe('wharf endpoints', () => {
    it('reports health at /_wharf/health', async () => {
      const res = await fetch(`${t.server.url}/_wharf/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'running', services: { sqs: 'running' } });
    });

    it('drops all state on POST /_wharf/reset', async () => {
      await queryRequest(t.server.url, { Action: 'CreateQueue', QueueName: 'orders' });
      const res = await fetch(`${t.server.url}/_wharf/reset`, { method: 'POST' });
      expect(res.status).toBe(200);
      const after = await queryRequest(t.server.url, { Action: 'GetQueueUrl', QueueName: 'orders' });
      expect(xmlError(after.body).code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    });
  });
});

describe.each(SQS_PROTOCOLS)('SQS accounts and regions over %s', (protocol) => {
  const t = useSqsServer(protocol);

  it('keeps the queues of an account (12-digit access key id) apart from the default account', async () => {
    await t.createQueue('orders');
    const other = t.connect({ accessKeyId: '111111111111' });
    const listed = await other.client.send(new other.sdk.ListQueuesCommand({}));
    expect(listed.QueueUrls).toBeUndefined();
    await expectNoSuchQueue(other, other.client.send(new other.sdk.GetQueueUrlCommand({ QueueName: 'orders' })));
    const created = await other.client.send(new other.sdk.CreateQueueCommand({ QueueName: 'orders' }));
    expect(created.QueueUrl).toBe(`${t.server.url}/111111111111/orders`);
  });

  it('keeps the queues of a region apart from another region', async () => {
    const QueueUrl = await t.createQueue('orders');
    const europe = t.connect({ region: 'eu-west-1' });
    const listed = await europe.client.send(new europe.sdk.ListQueuesCommand({}));
    expect(listed.QueueUrls).toBeUndefined();
    await expectNoSuchQueue(europe, europe.client.send(new europe.sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x' })));
    await europe.client.send(new europe.sdk.CreateQueueCommand({ QueueName: 'orders' }));
    const { Attributes } = await europe.client.send(new europe.sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    expect(Attributes?.QueueArn).toBe('arn:aws:sqs:eu-west-1:000000000000:orders');
  });

  it('fails with MissingParameter when QueueUrl is missing and the path names no queue', async () => {
    const { sdk, client } = t.sqs;
    await expectSqsError(
      t.sqs,
      client.send(new sdk.GetQueueAttributesCommand({ QueueUrl: undefined as never })),
      'MissingParameter',
      'The request must contain the parameter QueueUrl.',
    );
  });
});
