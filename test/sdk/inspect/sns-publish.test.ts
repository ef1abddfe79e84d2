import { describe, expect, it } from 'vitest';
import { useSnsServer } from '../../support/sns-suite.js';
import { wharfApi } from '../../support/wharf-api.js';

/** POST /_wharf/sns/topics/:topicArn/publish: the dashboard's publish, run as SNS Publish. */
describe('SNS publish action', () => {
  const t = useSnsServer();
  const publish = (topicArn: string, body: unknown) => wharfApi(t.server, 'POST', `/_wharf/sns/topics/${encodeURIComponent(topicArn)}/publish`, body);

  it('publishes to a topic: subscribers get the message, filter policies apply', async () => {
    const topicArn = await t.createTopic('orders');
    const all = await t.queueSubscription(topicArn, 'all', { RawMessageDelivery: 'true' });
    const refunds = await t.queueSubscription(topicArn, 'refunds', { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ kind: ['refund'] }) });

    const published = await publish(topicArn, { message: 'order 42 created', messageAttributes: { kind: { DataType: 'String', StringValue: 'created' } } });

    expect(published).toMatchObject({ status: 200, body: { messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const [delivered] = await t.receive(all.queueUrl);
    expect([delivered?.Body, delivered?.MessageAttributes?.kind?.StringValue]).toEqual(['order 42 created', 'created']);
    expect(await t.receive(refunds.queueUrl)).toEqual([]);
  });

  it('publishes to a FIFO topic with a group id, and refuses one without, as Publish does', async () => {
    const topicArn = await t.createTopic('ledger.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const { queueUrl } = await t.queueSubscription(topicArn, 'ledger.fifo', { RawMessageDelivery: 'true' });

    expect(await publish(topicArn, { message: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'InvalidParameterException', message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics' },
    });
    const ok = await publish(topicArn, { message: 'entry', messageGroupId: 'acct-1' });
    expect(ok.body.sequenceNumber).toMatch(/^\d+$/);
    expect((await t.receive(queueUrl)).map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([['entry', 'acct-1']]);
  });

  it('publishes to a topic whose ARN is longer than a route parameter may be (a 256-character name)', async () => {
    const topicArn = await t.createTopic('t'.repeat(256));
    const { queueUrl } = await t.queueSubscription(topicArn, 'long-reader', { RawMessageDelivery: 'true' });
    expect((await publish(topicArn, { message: 'long' })).status).toBe(200);
    expect((await t.receive(queueUrl)).map((m) => m.Body)).toEqual(['long']);
    const other = await wharfApi(t.server, 'POST', `/_wharf/sns/topics/${encodeURIComponent(topicArn)}/subscribe`, {});
    expect(other).toMatchObject({ status: 404, body: { error: 'UnknownEndpoint' } });
  });

  it('answers 404 for an unknown topic and 400 for a bad body', async () => {
    const topicArn = await t.createTopic('orders');
    expect(await publish('arn:aws:sns:us-east-1:000000000000:nope', { message: 'x' })).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await publish('not-an-arn', { message: 'x' })).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    expect(await publish(topicArn, { body: 'x' })).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    expect(await publish(topicArn, { message: '' })).toMatchObject({
      status: 400,
      body: { error: 'InvalidParameterException', message: 'Invalid parameter: Empty message' },
    });
  });

  it('answers an unknown /_wharf/ path with a JSON 404, not an AWS error', async () => {
    expect(await wharfApi(t.server, 'GET', '/_wharf/nothing/here?x=1')).toMatchObject({
      status: 404,
      body: { error: 'UnknownEndpoint', message: 'wharf has no endpoint GET /_wharf/nothing/here.' },
    });
    expect(await wharfApi(t.server, 'POST', '/_wharf/sqs/queues/000000000000/us-east-1/q/unknown-action', {})).toMatchObject({
      status: 404,
      body: { error: 'UnknownEndpoint' },
    });
  });
});
