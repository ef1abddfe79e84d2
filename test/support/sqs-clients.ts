import * as jsonSdk from '@aws-sdk/client-sqs';
import * as querySdk from 'sqs-query-sdk';

export const TEST_REGION = 'us-east-1';
export const TEST_ACCOUNT = '000000000000';
const credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };

/**
 * The two SQS wire protocols, each through a real AWS SDK for JavaScript v3 client:
 * - `json`: the current @aws-sdk/client-sqs (AWS JSON 1.0, X-Amz-Target);
 * - `query`: @aws-sdk/client-sqs@3.445.0, the last release before SQS moved to JSON
 *   (form-encoded Action=…, XML replies), installed under the alias `sqs-query-sdk`.
 * Both packages export the same commands; a client only accepts its own package's commands,
 * so tests build commands from `sdk` and send them with `client`.
 */
export type SqsProtocol = 'json' | 'query';
export const SQS_PROTOCOLS: readonly SqsProtocol[] = ['json', 'query'];
export type SqsSdk = typeof jsonSdk;

export interface SqsConnection {
  protocol: SqsProtocol;
  sdk: SqsSdk;
  client: jsonSdk.SQSClient;
}

export function connectSqs(protocol: SqsProtocol, endpoint: string): SqsConnection {
  const config = { endpoint, region: TEST_REGION, credentials, maxAttempts: 1 };
  const sdk = (protocol === 'json' ? jsonSdk : querySdk) as SqsSdk;
  return { protocol, sdk, client: new sdk.SQSClient(config) };
}
