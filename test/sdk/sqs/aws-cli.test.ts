import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSqsServer } from '../../support/sqs-suite.js';

const run = promisify(execFile);

function onPath(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The AWS CLI (botocore) is a different SQS client family from the JS SDKs: it reads the error
 * code of an awsQueryCompatible JSON error from the x-amzn-query-error header and prints it,
 * and it checks MD5OfBody itself. One round trip shows wharf satisfies it too.
 */
describe.skipIf(!onPath('aws'))('the AWS CLI against wharf', () => {
  const t = useSqsServer('json');

  async function aws(...args: string[]) {
    // --endpoint-url rather than AWS_ENDPOINT_URL: a CLI that ignores the variable would
    // otherwise go to real AWS.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: 'AKIDCLI',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    return run('aws', ['--endpoint-url', t.server.url, '--output', 'json', 'sqs', ...args], { env, timeout: 8_000 });
  }

  it('creates a queue, sends and receives a message, and prints the query error code for a missing queue', async () => {
    const created = JSON.parse((await aws('create-queue', '--queue-name', 'cli')).stdout) as { QueueUrl: string };
    expect(created.QueueUrl).toBe(`${t.server.url}/000000000000/cli`);
    await aws('send-message', '--queue-url', created.QueueUrl, '--message-body', 'from the cli');
    const received = JSON.parse((await aws('receive-message', '--queue-url', created.QueueUrl, '--attribute-names', 'SenderId')).stdout) as {
      Messages: { Body: string; Attributes: Record<string, string> }[];
    };
    expect(received.Messages.map((m) => [m.Body, m.Attributes.SenderId])).toEqual([['from the cli', 'AKIDCLI']]);
    const failure = await aws('get-queue-url', '--queue-name', 'missing').then(
      () => undefined,
      (err: { stderr: string }) => err.stderr,
    );
    expect(failure).toContain(
      'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.',
    );
  }, 20_000);
});
