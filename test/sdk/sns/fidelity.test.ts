import { describe, expect, it } from 'vitest';
import { errorOf, rawBodyOf } from '../../support/sqs-suite.js';
import { ACCOUNT, expectSnsError, REGION, sns, useSnsServer } from '../../support/sns-suite.js';

/**
 * Divergences from AWS found in issue 11 (SNS section), each through @aws-sdk/client-sns against
 * a started server, with the evidence for AWS's behaviour next to it. docs/fidelity-sns.md lists them.
 */
const t = useSnsServer();

describe('SNS error bodies', () => {
  it('writes query errors with Type, Code and Message and no <Detail/> (SQS has it; SNS does not)', async () => {
    // Real SNS error bodies quoted in aws/aws-sdk-net#755 and aws-amplify/aws-sdk-ios#646:
    // <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>
    // <Code>InvalidParameter</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>
    // (botocore would surface a <Detail/> as an Error.Detail key AWS never sends).
    const err = await errorOf(t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:missing` })));
    const body = rawBodyOf(err);
    expect(body).toMatch(
      /^<\?xml version="1.0"\?><ErrorResponse xmlns="http:\/\/sns.amazonaws.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>NotFound<\/Code><Message>Topic does not exist<\/Message><\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/,
    );
    expect(body).not.toContain('Detail');
  });
});

describe('SNS error texts', () => {
  it('refuses a malformed ARN with the element count', async () => {
    // awsdocs/aws-doc-sdk-examples (javascriptv3/example_code/sns) expect this from AWS for a fake ARN.
    await expectSnsError(
      t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: 'not-an-arn' })),
      'InvalidParameter',
      'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
    );
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: 'a:b:c', Message: 'm' })),
      'InvalidParameter',
      'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 3',
    );
  });

  it('refuses a RedrivePolicy whose deadLetterTargetArn is no ARN', async () => {
    // LocalStack's SNS provider, whose messages are checked against AWS snapshots.
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    await expectSnsError(
      t.sns.send(
        new sns.SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'RedrivePolicy',
          AttributeValue: '{"deadLetterTargetArn":"not-an-arn"}',
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn',
    );
  });

  it("names a message attribute's missing DataType by its path", async () => {
    const topicArn = await t.createTopic();
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm', MessageAttributes: { color: { StringValue: 'red' } as never } })),
      'ValidationError',
      "1 validation error detected: Value null at 'messageAttributes.color.member.dataType' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses an email subscription whose endpoint is no address', async () => {
    // "An error occurred (InvalidParameter) when calling the Subscribe operation: Invalid parameter: Email address"
    // (an AWS CLI transcript for 'foo@bar.com;foo@…'; the AWS X-Ray developer guide shows it with a request id).
    const topicArn = await t.createTopic();
    await expectSnsError(
      t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'not an address' })),
      'InvalidParameter',
      'Invalid parameter: Email address',
    );
  });

  it('refuses to subscribe a deleted platform endpoint, in AWS words (no space before the ARN)', async () => {
    const topicArn = await t.createTopic();
    const { PlatformApplicationArn } = await t.sns.send(
      new sns.CreatePlatformApplicationCommand({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } }),
    );
    const { EndpointArn } = await t.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'device-token' }));
    await t.sns.send(new sns.DeleteEndpointCommand({ EndpointArn }));
    await expectSnsError(
      t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'application', Endpoint: EndpointArn })),
      'InvalidParameter',
      `Invalid parameter: Endpoint Reason: Endpoint does not exist for endpoint arn${EndpointArn}`,
    );
  });
});

describe('FIFO topics', () => {
  it('refuses a FIFO topic name without .fifo with the member name only', async () => {
    // "Invalid parameter: Topic Name" for a FIFO name without .fifo: awsdocs/aws-cloudformation-user-guide#860.
    await expectSnsError(
      t.sns.send(new sns.CreateTopicCommand({ Name: 'orders', Attributes: { FifoTopic: 'true' } })),
      'InvalidParameter',
      'Invalid parameter: Topic Name',
    );
  });

  it('refuses a subscription other than SQS to a FIFO topic', async () => {
    // A real response quoted in hashicorp/terraform-provider-aws#38441 (sms) and hashicorp/terraform#28632 (lambda).
    const topicArn = await t.createTopic('alerts.fifo', { FifoTopic: 'true' });
    await expectSnsError(
      t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550100' })),
      'InvalidParameter',
      'Invalid parameter: Invalid protocol type: sms',
    );
  });

  it("shows SNS's SenderId on the messages it delivers to a queue", async () => {
    // AIDAIT2UOQQY3AUEKVGXU is the SenderId of SNS deliveries in real SQS events quoted in public Lambda fixtures.
    const topicArn = await t.createTopic();
    const { queueUrl } = await t.queueSubscription(topicArn, 'q');
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm' }));
    expect((await t.receive(queueUrl))[0]!.Attributes!.SenderId).toBe('AIDAIT2UOQQY3AUEKVGXU');
  });

  it('fails the whole PublishBatch when an entry has no MessageGroupId', async () => {
    // LocalStack's publish_batch (AWS-snapshot tested): the check runs before any entry is published.
    const topicArn = await t.createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    await expectSnsError(
      t.sns.send(
        new sns.PublishBatchCommand({
          TopicArn: topicArn,
          PublishBatchRequestEntries: [
            { Id: 'a', Message: 'one', MessageGroupId: 'g' },
            { Id: 'b', Message: 'two' },
          ],
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    );
  });

  it('reads boolean topic attributes in any case, ContentBasedDeduplication as FifoTopic', async () => {
    const topicArn = await t.createTopic('mixed.fifo', { FifoTopic: 'True', ContentBasedDeduplication: 'False' });
    expect((await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes).toMatchObject({
      FifoTopic: 'true',
      ContentBasedDeduplication: 'false',
    });
    await t.sns.send(new sns.SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'ContentBasedDeduplication', AttributeValue: 'TRUE' }));
    expect((await t.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!.ContentBasedDeduplication).toBe('true');
  });
});

describe('filter policies as AWS validates and matches them', () => {
  it('refuses anything-but with suffix', async () => {
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    await expectSnsError(
      t.sns.send(
        new sns.SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: '{"key":[{"anything-but":{"suffix":"x"}}]}',
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix',
    );
  });

  it('checks the shape of a nested policy before refusing the nesting in MessageAttributes scope', async () => {
    const topicArn = await t.createTopic();
    const { subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    await expectSnsError(
      t.sns.send(
        new sns.SetSubscriptionAttributesCommand({
          SubscriptionArn: subscriptionArn,
          AttributeName: 'FilterPolicy',
          AttributeValue: '{"key":{"suffix":"value"}}',
        }),
      ),
      'InvalidParameter',
      'Invalid parameter: FilterPolicy: "suffix" must be an object or an array',
    );
  });

  it('compares numbers at five digits after the decimal point: attributes, String.Array values and the body', async () => {
    // "five digits of accuracy after the decimal point":
    // https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
    const topicArn = await t.createTopic();
    const policy = JSON.stringify({ price: [100.123456789], range: [{ numeric: ['=', 100.123456789] }] });
    const { queueUrl: attributes } = await t.queueSubscription(topicArn, 'attributes', {
      RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ price: [100.123456789] }),
    });
    const { queueUrl: ranges } = await t.queueSubscription(topicArn, 'ranges', {
      RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ price: [{ numeric: ['=', 100.123456789] }] }),
    });
    const { queueUrl: body } = await t.queueSubscription(topicArn, 'body', {
      RawMessageDelivery: 'true',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: policy,
    });
    await t.sns.send(
      new sns.PublishCommand({ TopicArn: topicArn, Message: 'number', MessageAttributes: { price: { DataType: 'Number', StringValue: '100.1234567' } } }),
    );
    await t.sns.send(
      new sns.PublishCommand({
        TopicArn: topicArn,
        Message: 'array',
        MessageAttributes: { price: { DataType: 'String.Array', StringValue: '[1, 100.1234567]' } },
      }),
    );
    await t.sns.send(
      new sns.PublishCommand({ TopicArn: topicArn, Message: 'far', MessageAttributes: { price: { DataType: 'Number', StringValue: '100.1235' } } }),
    );
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ price: 100.1234567, range: 100.1234567 }) }));
    expect((await t.receive(attributes)).map((m) => m.Body)).toEqual(['number', 'array']);
    expect((await t.receive(ranges)).map((m) => m.Body)).toEqual(['number', 'array']);
    expect((await t.receive(body)).map((m) => m.Body)).toEqual([JSON.stringify({ price: 100.1234567, range: 100.1234567 })]);
  });
});

describe('notification envelopes', () => {
  it('names the signing certificate as AWS does (…/SimpleNotificationService-<hash>.pem), and serves it there', async () => {
    // AWS: "SigningCertURL" : "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem"
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
    const topicArn = await t.createTopic();
    const { queueUrl, subscriptionArn } = await t.queueSubscription(topicArn, 'q');
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'm' }));
    const envelope = JSON.parse((await t.receive(queueUrl))[0]!.Body!) as { SigningCertURL: string; UnsubscribeURL: string };
    expect(envelope.SigningCertURL).toMatch(/\/_wharf\/sns\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
    expect(await (await fetch(envelope.SigningCertURL)).text()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect((await fetch(envelope.SigningCertURL.replace(/-[0-9a-f]{32}\.pem$/, `-${'0'.repeat(32)}.pem`))).status).toBe(404);
    expect(envelope.UnsubscribeURL).toBe(`${t.server.url}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`);
  });
});
