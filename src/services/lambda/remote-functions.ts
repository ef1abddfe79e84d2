import type { InvokeOutcome, RemoteFunctions } from './engine/functions.js';

/**
 * Functions behind a Lambda Invoke API endpoint (WHARF_LAMBDA_ENDPOINT, e.g. `sam local
 * start-lambda`): RequestResponse for event source mappings, Event for SNS. A function error is
 * the X-Amz-Function-Error header with the error document as payload. The Lambda SDK is loaded
 * at the first invoke: importing it costs about 0.1 s, a fifth of wharf's start-up.
 */
export function remoteFunctions(endpoint: string, region: string): RemoteFunctions {
  type Client = import('@aws-sdk/client-lambda').LambdaClient;
  type Sdk = typeof import('@aws-sdk/client-lambda');
  let loaded: Promise<{ sdk: Sdk; client: Client }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-lambda').then((sdk) => ({
      sdk,
      client: new sdk.LambdaClient({ endpoint, region, credentials: { accessKeyId: 'wharf', secretAccessKey: 'wharf' } }),
    })));
  return {
    async invoke(functionArn, payload): Promise<InvokeOutcome> {
      const { sdk, client } = await load();
      try {
        const reply = await client.send(
          new sdk.InvokeCommand({ FunctionName: functionArn, InvocationType: 'RequestResponse', Payload: Buffer.from(payload, 'utf8') }),
        );
        const text = reply.Payload ? Buffer.from(reply.Payload).toString('utf8') : '';
        const response = parseJson(text);
        if (reply.FunctionError) {
          const error = (response ?? {}) as { errorType?: string; errorMessage?: string };
          return { ok: false, errorType: error.errorType ?? reply.FunctionError, errorMessage: error.errorMessage ?? text };
        }
        return { ok: true, response };
      } catch (err) {
        const error = err as Error;
        return { ok: false, errorType: error.name, errorMessage: error.message };
      }
    },
    async invokeAsync(functionArn, payload) {
      const { sdk, client } = await load();
      await client.send(new sdk.InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(payload, 'utf8') }));
    },
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
