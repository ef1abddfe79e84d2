import * as l from '@aws-sdk/client-lambda';
import * as s from '@aws-sdk/client-sqs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import type { RunningServer } from '../../../src/server.js';
import { startTestServer } from '../../support/server.js';

/**
 * A small Lambda-compatible endpoint (as `sam local start-lambda` is): it answers the Invoke API
 * (POST /2015-03-31/functions/{name}/invocations) for one function that fails its first call.
 */
async function startInvokeEndpoint() {
  const calls: { path: string; invocationType: string | undefined; event: { Records: { body: string }[] } }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        path: req.url!,
        invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
        event: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      if (calls.length === 1) {
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorType: 'Error', errorMessage: 'cold database' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('null');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('event source mappings with WHARF_LAMBDA_ENDPOINT (a real HTTP Invoke API)', () => {
  const clock = new ManualClock();
  let endpoint: Awaited<ReturnType<typeof startInvokeEndpoint>>;
  let server: RunningServer;
  let sqs: s.SQSClient;
  let lambda: l.LambdaClient;
  beforeAll(async () => {
    endpoint = await startInvokeEndpoint();
    server = await startTestServer({ clock, config: { lambdaEndpoint: endpoint.url } });
    const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' }, maxAttempts: 1 };
    sqs = new s.SQSClient(config);
    lambda = new l.LambdaClient(config);
  });
  afterAll(async () => {
    sqs?.destroy();
    lambda?.destroy();
    await server?.close();
    await endpoint?.close();
  });

  it('invokes the endpoint synchronously; an X-Amz-Function-Error reply is a function error, retried after the visibility timeout', async () => {
    const { QueueUrl } = await sqs.send(new s.CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '30' } }));
    const { UUID } = await lambda.send(
      new l.CreateEventSourceMappingCommand({ FunctionName: 'orders-consumer', EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:orders' }),
    );
    await sqs.send(new s.SendMessageCommand({ QueueUrl, MessageBody: 'order-1' }));
    await server.emulator.lambda.invocationsReached(UUID!, 1);
    expect(server.emulator.lambda.invocations(UUID!)[0]).toMatchObject({ outcome: 'error', error: 'Error: cold database' });
    clock.advance(30_000);
    await server.emulator.lambda.invocationsReached(UUID!, 2);
    expect(endpoint.calls.map((c) => [c.path, c.invocationType, c.event.Records[0]!.body])).toEqual([
      ['/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aorders-consumer/invocations', 'RequestResponse', 'order-1'],
      ['/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aorders-consumer/invocations', 'RequestResponse', 'order-1'],
    ]);
    const { Attributes } = await sqs.send(
      new s.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});
