import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { useSecuredServer } from '../../support/secured-server.js';
import { connectSqs, SQS_PROTOCOLS, type SqsConnection } from '../../support/sqs-clients.js';
import { errorOf, keepRawBodies, rawBodyOf } from '../../support/sqs-suite.js';

const t = useSecuredServer();

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const RIGHT: Credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'secret' };
const WRONG_SECRET: Credentials = { accessKeyId: 'AKIDWHARFTEST', secretAccessKey: 'not-the-secret' };
const UNKNOWN_KEY: Credentials = { accessKeyId: 'AKIDNOBODYGAVE', secretAccessKey: 'secret' };
const MISMATCH_START = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
const TOKEN_INVALID = 'The security token included in the request is invalid.';

const MINUTE = 60_000;
function clientConfig(credentials: Credentials, extra: { systemClockOffset?: number; maxAttempts?: number } = {}) {
  return { endpoint: t.server.url, region: 'us-east-1', credentials, maxAttempts: 1, ...extra };
}

function sqsClient(
  protocol: SqsConnection['protocol'],
  credentials: Credentials,
  extra: { systemClockOffset?: number; maxAttempts?: number } = {},
): SqsConnection {
  const conn = connectSqs(protocol, t.server.url);
  conn.client = new conn.sdk.SQSClient(clientConfig(credentials, extra));
  keepRawBodies(conn.client);
  return conn;
}

/** What an authentication failure looked like: the SDK's error name, status, and the raw reply. */
async function failure(promise: Promise<unknown>) {
  const err = await errorOf(promise);
  const response = err.$response as { headers: Record<string, string> } | undefined;
  return {
    name: err.name,
    message: err.message,
    status: (err.$metadata as { httpStatusCode?: number }).httpStatusCode,
    queryError: response?.headers['x-amzn-query-error'],
    body: rawBodyOf(err),
  };
}

describe.each(SQS_PROTOCOLS)('SQS (%s) with signature verification on', (protocol) => {
  it('serves requests signed with a configured key, and a 12-digit key id still selects its account', async () => {
    const sqs = sqsClient(protocol, RIGHT);
    const { QueueUrl } = await sqs.client.send(new sqs.sdk.CreateQueueCommand({ QueueName: `signed-${protocol}` }));
    // The body carries characters that form encoding escapes, the path is the queue URL's.
    await sqs.client.send(new sqs.sdk.SendMessageCommand({ QueueUrl, MessageBody: 'a & b = c + d % é ✓' }));
    const { Messages } = await sqs.client.send(new sqs.sdk.ReceiveMessageCommand({ QueueUrl }));
    expect(Messages?.map((m) => m.Body)).toEqual(['a & b = c + d % é ✓']);

    const other = sqsClient(protocol, { accessKeyId: '111122223333', secretAccessKey: 'account-secret' });
    const created = await other.client.send(new other.sdk.CreateQueueCommand({ QueueName: `account-${protocol}` }));
    expect(created.QueueUrl).toBe(`${t.server.url}/111122223333/account-${protocol}`);
  });

  it('answers a wrong secret with SignatureDoesNotMatch (403) showing the canonical request and string to sign', async () => {
    const sqs = sqsClient(protocol, WRONG_SECRET);
    const got = await failure(sqs.client.send(new sqs.sdk.ListQueuesCommand({})));
    expect({ name: got.name, status: got.status }).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(got.message.startsWith(MISMATCH_START)).toBe(true);
    expect(got.message).toMatch(
      /\n\nThe Canonical String for this request should have been\n'POST\n\/\n\n[^']*host:127\.0\.0\.1:\d+\n[^']*'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/sqs\/aws4_request\n[0-9a-f]{64}'\n$/,
    );
    if (protocol === 'json') {
      expect(got.queryError).toBe('SignatureDoesNotMatch;Sender');
      // unverified against AWS: coral's shape name for this error in SQS's JSON protocol.
      expect(JSON.parse(got.body).__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    } else {
      expect(got.body).toContain('<Type>Sender</Type><Code>SignatureDoesNotMatch</Code>');
    }
  });

  it('answers an access key it was not given with InvalidClientTokenId (403)', async () => {
    const sqs = sqsClient(protocol, UNKNOWN_KEY);
    const got = await failure(sqs.client.send(new sqs.sdk.ListQueuesCommand({})));
    expect({ name: got.name, status: got.status, message: got.message }).toEqual({ name: 'InvalidClientTokenId', status: 403, message: TOKEN_INVALID });
    if (protocol === 'json') expect(got.queryError).toBe('InvalidClientTokenId;Sender');
  });

  it('accepts a session token configured with its key, and refuses a missing or different one', async () => {
    const withToken = sqsClient(protocol, { accessKeyId: 'ASIAWHARFTEMP', secretAccessKey: 'temp-secret', sessionToken: 'the-session-token' });
    await withToken.client.send(new withToken.sdk.ListQueuesCommand({}));
    for (const sessionToken of [undefined, 'another-token']) {
      const sqs = sqsClient(protocol, { accessKeyId: 'ASIAWHARFTEMP', secretAccessKey: 'temp-secret', ...(sessionToken ? { sessionToken } : {}) });
      expect((await failure(sqs.client.send(new sqs.sdk.ListQueuesCommand({})))).name).toBe('InvalidClientTokenId');
    }
    const unexpected = sqsClient(protocol, { ...RIGHT, sessionToken: 'not-configured' });
    expect((await failure(unexpected.client.send(new unexpected.sdk.ListQueuesCommand({})))).name).toBe('InvalidClientTokenId');
  });

  it('refuses a signature more than 15 minutes old or ahead with "Signature expired" / "not yet current" (403)', async () => {
    const late = sqsClient(protocol, RIGHT, { systemClockOffset: -20 * MINUTE });
    const expired = await failure(late.client.send(new late.sdk.ListQueuesCommand({})));
    expect({ name: expired.name, status: expired.status }).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);

    const early = sqsClient(protocol, RIGHT, { systemClockOffset: 20 * MINUTE });
    const ahead = await failure(early.client.send(new early.sdk.ListQueuesCommand({})));
    expect(ahead.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
  });

  it('sends a Date header from which an SDK whose clock is off corrects itself: its next request passes', async () => {
    const skewed = sqsClient(protocol, RIGHT, { systemClockOffset: -20 * MINUTE });
    expect((await failure(skewed.client.send(new skewed.sdk.ListQueuesCommand({})))).name).toBe('SignatureDoesNotMatch');
    const out = await skewed.client.send(new skewed.sdk.ListQueuesCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });
});

describe('SNS with signature verification on', () => {
  const sns = (credentials: Credentials) => {
    const client = new SNSClient(clientConfig(credentials));
    keepRawBodies(client);
    return client;
  };

  it('serves signed requests and refuses a wrong secret or an unknown key with the query errors (403)', async () => {
    const { TopicArn } = await sns(RIGHT).send(new CreateTopicCommand({ Name: 'signed' }));
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:signed');

    const wrong = await failure(sns(WRONG_SECRET).send(new ListTopicsCommand({})));
    expect({ name: wrong.name, status: wrong.status }).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(wrong.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(wrong.message.startsWith(MISMATCH_START)).toBe(true);

    const unknown = await failure(sns(UNKNOWN_KEY).send(new ListTopicsCommand({})));
    expect({ name: unknown.name, status: unknown.status, message: unknown.message }).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: TOKEN_INVALID,
    });
  });
});

describe('Kinesis (JSON 1.1 over HTTP/2) with signature verification on', () => {
  const kinesis = (credentials: Credentials, extra: { systemClockOffset?: number } = {}) => new KinesisClient(clientConfig(credentials, extra));

  it('serves requests signed with a configured key (the SDK signs :authority over HTTP/2)', async () => {
    const client = kinesis(RIGHT);
    await client.send(new CreateStreamCommand({ StreamName: 'signed', ShardCount: 1 }));
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'signed' }));
    expect(summary.StreamDescriptionSummary?.StreamName).toBe('signed');
    client.destroy();
  });

  it('names the failures as Kinesis does: InvalidSignatureException and UnrecognizedClientException, both 400', async () => {
    const wrong = await errorOf(kinesis(WRONG_SECRET).send(new ListStreamsCommand({})));
    expect({ name: wrong.name, status: (wrong.$metadata as { httpStatusCode: number }).httpStatusCode }).toEqual({
      name: 'InvalidSignatureException',
      status: 400,
    });
    expect(wrong.message.startsWith(MISMATCH_START)).toBe(true);
    expect(wrong.message).toContain('\n:authority:127.0.0.1:');

    const unknown = await errorOf(kinesis(UNKNOWN_KEY).send(new ListStreamsCommand({})));
    expect({ name: unknown.name, status: (unknown.$metadata as { httpStatusCode: number }).httpStatusCode, message: unknown.message }).toEqual({
      name: 'UnrecognizedClientException',
      status: 400,
      message: TOKEN_INVALID,
    });
  });

  it('answers an expired signature with InvalidSignatureException "Signature expired" (400)', async () => {
    const expired = await errorOf(kinesis(RIGHT, { systemClockOffset: -20 * MINUTE }).send(new ListStreamsCommand({})));
    expect(expired.name).toBe('InvalidSignatureException');
    expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });
});
