import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LambdaInvoker } from './engine/fanout.js';

/**
 * Invokes functions through the AWS Lambda Invoke API at a user-configured endpoint (e.g.
 * `sam local start-lambda`), asynchronously (InvocationType=Event) as SNS does.
 */
export function lambdaInvoker(endpoint: string, region: string): LambdaInvoker {
  const lambda = new LambdaClient({ endpoint, region, credentials: { accessKeyId: 'wharf', secretAccessKey: 'wharf' } });
  return async (functionArn, payload) => {
    await lambda.send(new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(payload, 'utf8') }));
  };
}
