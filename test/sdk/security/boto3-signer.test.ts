import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSecuredServer } from '../../support/secured-server.js';

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
 * botocore's SigV4 signer is an implementation independent of the JS SDKs' (and of the
 * @smithy/signature-v4 code wharf verifies with): SQS over JSON, SNS over query (form bodies)
 * and Kinesis over JSON, signed by it, must verify too; a wrong secret must not.
 */
const SCRIPT = `
import json, sys, boto3, botocore.exceptions
from botocore.config import Config
endpoint = sys.argv[1]
def client(service, secret='secret'):
    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='AKIDWHARFTEST',
                        aws_secret_access_key=secret, config=Config(retries={'max_attempts': 1}))
out = {}
sqs = client('sqs')
url = sqs.create_queue(QueueName='boto3')['QueueUrl']
sqs.send_message(QueueUrl=url, MessageBody='héllo & = + %2F ✓', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v w'}})
out['sqs'] = [m['Body'] for m in sqs.receive_message(QueueUrl=url, MessageAttributeNames=['All'])['Messages']]
sns = client('sns')
topic = sns.create_topic(Name='boto3', Attributes={'DisplayName': 'a b&c'})['TopicArn']
out['sns'] = sns.publish(TopicArn=topic, Message='x=y&z', Subject='s p')['MessageId'] != ''
kinesis = client('kinesis')
kinesis.create_stream(StreamName='boto3', ShardCount=1)
out['kinesis'] = kinesis.list_streams()['StreamNames']
for service, call in [('sqs', lambda c: c.list_queues()), ('sns', lambda c: c.list_topics()), ('kinesis', lambda c: c.list_streams())]:
    try:
        call(client(service, 'wrong'))
        out[service + '_wrong'] = 'accepted'
    except botocore.exceptions.ClientError as e:
        out[service + '_wrong'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;

describe.skipIf(!hasBoto3())('boto3 (botocore’s signer) against wharf verifying signatures', () => {
  const t = useSecuredServer();

  it('verifies SQS JSON, SNS query and Kinesis JSON requests botocore signed, and refuses a wrong secret', async () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const { stdout } = await run('python3', ['-c', SCRIPT, t.server.url], { env, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({
      sqs: ['héllo & = + %2F ✓'],
      sns: true,
      kinesis: ['boto3'],
      sqs_wrong: ['SignatureDoesNotMatch', 403],
      sns_wrong: ['SignatureDoesNotMatch', 403],
      kinesis_wrong: ['InvalidSignatureException', 400],
    });
  }, 40_000);
});
