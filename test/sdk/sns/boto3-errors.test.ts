import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSnsServer } from '../../support/sns-suite.js';

const run = promisify(execFile);

function hasBoto3(): boolean {
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * What botocore makes of an error body, which the JS SDK does not show: every element of
 * <Error> becomes a key of Error, so a <Detail/> would appear as Error.Detail, which AWS's SNS
 * never sends (real bodies in aws/aws-sdk-net#755, aws-amplify/aws-sdk-ios#646). SQS keeps it.
 */
const SCRIPT = `
import json, sys, boto3, botocore.exceptions
from botocore.config import Config
endpoint = sys.argv[1]
def client(service):
    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='AKIDWHARFTEST',
                        aws_secret_access_key='secret', config=Config(retries={'max_attempts': 1}))
out = {}
try:
    client('sns').get_topic_attributes(TopicArn='arn:aws:sns:us-east-1:000000000000:missing')
except botocore.exceptions.ClientError as e:
    out['sns'] = e.response['Error']
print(json.dumps(out))
`;

describe.skipIf(!hasBoto3())('SNS errors as boto3 reads them', () => {
  const t = useSnsServer();

  it('has no Error.Detail key (Type, Code and Message only)', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const { stdout } = await run('python3', ['-c', SCRIPT, t.server.url], { env, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ sns: { Type: 'Sender', Code: 'NotFound', Message: 'Topic does not exist' } });
  });
});
