import { describe, expect, it } from 'vitest';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, useSqsServer } from '../../support/sqs-suite.js';

/**
 * SQS divergences from AWS listed in docs/fidelity.md, each by its id, through both SQS protocols
 * (JSON 1.0 and query). test/models/fidelity-ledger.test.ts checks every id has a test.
 */
describe.each(SQS_PROTOCOLS)('SQS fidelity over %s', (protocol) => {
  const t = useSqsServer(protocol);

  it('takes a bare queue name as QueueUrl, in the caller’s account and region [SQS-QUEUEURL]', async () => {
    const { sdk, client } = t.sqs;
    await t.createQueue('orders');
    await client.send(new sdk.SendMessageCommand({ QueueUrl: 'orders', MessageBody: 'by name' }));
    const received = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl: 'orders' }));
    expect(received.Messages?.map((m) => m.Body)).toEqual(['by name']);
  });

  it.each([
    ['an unknown bare name', 'absent'],
    ['a URL of an unknown queue', 'http://localhost:4566/000000000000/absent'],
    ['a garbled URL', 'http://localhost:4566/not-a-queue-url'],
    ['text that is neither', 'no such/queue!'],
  ])('answers %s with NonExistentQueue (400), not InvalidAddress [SQS-QUEUEURL]', async (_what, QueueUrl) => {
    const { sdk, client } = t.sqs;
    await expectNoSuchQueue(t.sqs, client.send(new sdk.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })));
  });

  it('refuses CreateQueue of a standard queue with FifoQueue=false: InvalidAttributeName [SQS-FIFOQUEUE-FALSE]', async () => {
    const { sdk, client } = t.sqs;
    await expectSqsError(
      t.sqs,
      client.send(new sdk.CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'false' } })),
      'InvalidAttributeName',
      'Unknown Attribute FifoQueue.',
    );
  });

  it.each(['DeduplicationScope', 'FifoThroughputLimit'])('refuses %s on a standard queue with AWS’s own message [SQS-FIFO-ONLY-ATTRIBUTES]', async (name) => {
    const { sdk, client } = t.sqs;
    const value = name === 'DeduplicationScope' ? 'messageGroup' : 'perMessageGroupId';
    await expectSqsError(
      t.sqs,
      client.send(new sdk.CreateQueueCommand({ QueueName: 'plain', Attributes: { [name]: value } })),
      'InvalidAttributeName',
      `You can specify the ${name} only when FifoQueue is set to true.`,
    );
  });

  it('deletes a standard-queue message with an earlier receipt handle after it was received again [SQS-DELETE-STALE]', async () => {
    const { sdk, client } = t.sqs;
    const QueueUrl = await t.createQueue('orders', { VisibilityTimeout: '0' });
    await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'once' }));
    const first = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    const second = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    expect(second.Messages?.[0]?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
    await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages![0]!.ReceiptHandle! }));
    expect((await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }))).Messages ?? []).toEqual([]);
  });

  it('refuses a FIFO delete with an earlier receipt handle after the message was received again: the handle has expired [SQS-FIFO-DELETE-STALE]', async () => {
    const { sdk, client } = t.sqs;
    const QueueUrl = await t.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '0' });
    await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'once', MessageGroupId: 'g' }));
    const first = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    const stale = first.Messages![0]!.ReceiptHandle!;
    await expectSqsError(
      t.sqs,
      client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: stale })),
      'InvalidParameterValue',
      `Value ${stale} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    );
  });
});
