import { mockClient } from 'aws-sdk-client-mock';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { remoteFunctions } from '../../../src/services/lambda/remote-functions.js';
import { ACCOUNT, expectSnsError, REGION, sns, useSnsServer } from '../../support/sns-suite.js';

const t = useSnsServer();

async function sent(kind: string, target?: string): Promise<{ target: string; message: Record<string, unknown> }[]> {
  const query = target ? `?target=${encodeURIComponent(target)}` : '';
  const body = (await (await fetch(`${t.server.url}/_wharf/sns/sent/${kind}${query}`)).json()) as {
    messages: { target: string; message: Record<string, unknown> }[];
  };
  return body.messages;
}

describe('SMS', () => {
  it('records an SMS published to a phone number, readable under /_wharf/sns/sent/sms', async () => {
    const { MessageId } = await t.sns.send(new sns.PublishCommand({ PhoneNumber: '+15555550100', Message: 'your code is 1234' }));
    expect(await sent('sms', '+15555550100')).toEqual([
      { target: '+15555550100', message: expect.objectContaining({ messageId: MessageId, message: 'your code is 1234' }) },
    ]);
    await expectSnsError(
      t.sns.send(new sns.PublishCommand({ PhoneNumber: '555', Message: 'x' })),
      'InvalidParameter',
      'Invalid parameter: PhoneNumber Reason: 555 is not valid to publish to',
    );
  });

  it('records SMS sent to an sms subscription', async () => {
    const topicArn = await t.createTopic();
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550101' }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'alert' }));
    expect((await sent('sms', '+15555550101')).map((m) => m.message.message)).toEqual(['alert']);
  });

  it('stores SMS attributes, opt-outs and sandbox numbers', async () => {
    await t.sns.send(new sns.SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional', DefaultSenderID: 'wharf' } }));
    expect((await t.sns.send(new sns.GetSMSAttributesCommand({ attributes: ['DefaultSMSType'] }))).attributes).toEqual({ DefaultSMSType: 'Transactional' });
    expect((await t.sns.send(new sns.CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+15555550100' }))).isOptedOut).toBe(false);
    expect((await t.sns.send(new sns.ListPhoneNumbersOptedOutCommand({}))).phoneNumbers).toEqual([]);
    await t.sns.send(new sns.OptInPhoneNumberCommand({ phoneNumber: '+15555550100' }));
    expect((await t.sns.send(new sns.GetSMSSandboxAccountStatusCommand({}))).IsInSandbox).toBe(true);
    await t.sns.send(new sns.CreateSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550102' }));
    await t.sns.send(new sns.VerifySMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550102', OneTimePassword: '123456' }));
    expect((await t.sns.send(new sns.ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers).toEqual([{ PhoneNumber: '+15555550102', Status: 'Verified' }]);
    await t.sns.send(new sns.DeleteSMSSandboxPhoneNumberCommand({ PhoneNumber: '+15555550102' }));
    expect((await t.sns.send(new sns.ListSMSSandboxPhoneNumbersCommand({}))).PhoneNumbers).toEqual([]);
    expect((await t.sns.send(new sns.ListOriginationNumbersCommand({}))).PhoneNumbers).toEqual([]);
  });
});

describe('mobile push', () => {
  it('creates applications and endpoints, and records a message published to an endpoint', async () => {
    const { PlatformApplicationArn } = await t.sns.send(
      new sns.CreatePlatformApplicationCommand({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'key' } }),
    );
    expect(PlatformApplicationArn).toBe(`arn:aws:sns:${REGION}:${ACCOUNT}:app/GCM/app`);
    expect((await t.sns.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn }))).Attributes).toEqual({ Enabled: 'true' });
    const { EndpointArn } = await t.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'device-1', CustomUserData: 'u1' }));
    expect(EndpointArn).toMatch(new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:endpoint/GCM/app/[0-9a-f-]{36}$`));
    const again = await t.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: 'device-1', CustomUserData: 'u1' }));
    expect(again.EndpointArn).toBe(EndpointArn);
    expect((await t.sns.send(new sns.GetEndpointAttributesCommand({ EndpointArn }))).Attributes).toEqual({
      Enabled: 'true',
      Token: 'device-1',
      CustomUserData: 'u1',
    });
    expect((await t.sns.send(new sns.ListEndpointsByPlatformApplicationCommand({ PlatformApplicationArn }))).Endpoints!.map((e) => e.EndpointArn)).toEqual([
      EndpointArn,
    ]);
    expect((await t.sns.send(new sns.ListPlatformApplicationsCommand({}))).PlatformApplications!.map((a) => a.PlatformApplicationArn)).toEqual([
      PlatformApplicationArn,
    ]);

    await t.sns.send(
      new sns.PublishCommand({ TargetArn: EndpointArn, MessageStructure: 'json', Message: JSON.stringify({ GCM: '{"notification":{"title":"hi"}}' }) }),
    );
    expect((await sent('push', EndpointArn)).map((m) => m.message.message)).toEqual(['{"notification":{"title":"hi"}}']);

    await t.sns.send(new sns.SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: 'false' } }));
    await expectSnsError(t.sns.send(new sns.PublishCommand({ TargetArn: EndpointArn, Message: 'x' })), 'EndpointDisabled', 'Endpoint is disabled');
    await t.sns.send(new sns.DeleteEndpointCommand({ EndpointArn }));
    await expectSnsError(t.sns.send(new sns.GetEndpointAttributesCommand({ EndpointArn })), 'NotFound', 'Endpoint does not exist', 404);
    await t.sns.send(
      new sns.SetPlatformApplicationAttributesCommand({ PlatformApplicationArn, Attributes: { EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:t' } }),
    );
    await t.sns.send(new sns.DeletePlatformApplicationCommand({ PlatformApplicationArn }));
    await expectSnsError(
      t.sns.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn })),
      'NotFound',
      'PlatformApplication does not exist',
      404,
    );
  });

  it('refuses an unknown platform', async () => {
    await expectSnsError(
      t.sns.send(new sns.CreatePlatformApplicationCommand({ Name: 'app', Platform: 'PAGER', Attributes: { PlatformCredential: 'k' } })),
      'InvalidParameter',
      'Invalid parameter: Platform Reason: PAGER is not supported',
    );
  });
});

describe('email subscriptions', () => {
  it('records the confirmation mail, whose SubscribeURL confirms, then the notifications', async () => {
    const topicArn = await t.createTopic('news');
    await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'me@example.com' }));
    const [confirmation] = await sent('email', 'me@example.com');
    expect(confirmation!.message).toMatchObject({ type: 'SubscriptionConfirmation' });
    expect((await fetch(confirmation!.message.subscribeUrl as string)).status).toBe(200);
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'weekly digest', Subject: 'News' }));
    expect((await sent('email', 'me@example.com'))[1]!.message).toMatchObject({ subject: 'News', message: 'weekly digest' });
  });
});

describe('lambda subscriptions', () => {
  it('records the SNS event Lambda would receive when no Lambda endpoint is configured', async () => {
    const topicArn = await t.createTopic();
    const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:handler`;
    const { SubscriptionArn } = await t.sns.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: functionArn }));
    await t.sns.send(new sns.PublishCommand({ TopicArn: topicArn, Message: 'run', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }));
    const [delivery] = await sent('lambda', functionArn);
    const event = delivery!.message.event as { Records: { EventSource: string; EventSubscriptionArn: string; Sns: Record<string, unknown> }[] };
    expect(event.Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: SubscriptionArn,
      Sns: {
        Type: 'Notification',
        TopicArn: topicArn,
        Message: 'run',
        Subject: null,
        MessageAttributes: { a: { Type: 'String', Value: 'b' } },
        SigningCertUrl: expect.any(String),
        UnsubscribeUrl: expect.any(String),
      },
    });
  });

  it('invokes the function asynchronously through the Lambda Invoke API', async () => {
    const lambda = mockClient(LambdaClient);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await remoteFunctions('http://127.0.0.1:3001', REGION).invokeAsync('arn:aws:lambda:us-east-1:000000000000:function:f', '{"Records":[]}');
    const calls = lambda.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:f', InvocationType: 'Event' });
    expect(Buffer.from(calls[0]!.args[0].input.Payload as Uint8Array).toString()).toBe('{"Records":[]}');
    lambda.restore();
  });
});

describe('/_wharf/health', () => {
  it('lists sns among the running services', async () => {
    const health = (await (await fetch(`${t.server.url}/_wharf/health`)).json()) as { services: Record<string, string> };
    expect(health.services).toEqual({ sqs: 'running', sns: 'running', kinesis: 'running', lambda: 'running' });
  });
});
