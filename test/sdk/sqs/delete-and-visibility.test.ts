import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, systemAttributeNames, useSqsServer } from '../../support/sqs-suite.js';

const invalidHandle = (handle: string) => `The input receipt handle "${handle}" is not a valid receipt handle.`;

describe.each(SQS_PROTOCOLS)('SQS DeleteMessage and ChangeMessageVisibility over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;

  async function sendAndReceive(QueueUrl: string, body = 'hello') {
    const { sdk, client } = t.sqs;
    await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: body }));
    const out = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl }));
    return out.Messages![0]!.ReceiptHandle!;
  }
  async function receive(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    return (await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }))).Messages ?? [];
  }

  describe('DeleteMessage', () => {
    it('deletes a received message for good', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
      clock().advance(31_000);
      expect(await receive(QueueUrl)).toEqual([]);
    });

    it('succeeds for a message that is already deleted', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
      const again = await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
      expect(again.$metadata.httpStatusCode).toBe(200);
    });

    it('deletes the message when given an older receipt handle than the latest receive, as AWS does [SQS-DELETE-STALE]', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const oldHandle = await sendAndReceive(QueueUrl);
      clock().advance(30_000);
      expect(await receive(QueueUrl)).toHaveLength(1);
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: oldHandle }));
      clock().advance(30_000);
      expect(await receive(QueueUrl)).toEqual([]);
    });

    it('fails with ReceiptHandleIsInvalid (404) for a malformed receipt handle (message unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })),
        'ReceiptHandleIsInvalid',
        invalidHandle('garbage'),
      );
    });

    it('fails with ReceiptHandleIsInvalid for a receipt handle of another queue (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('one');
      const other = await t.createQueue('two');
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await expectSqsError(
        t.sqs,
        client.send(new sdk.DeleteMessageCommand({ QueueUrl: other, ReceiptHandle })),
        'ReceiptHandleIsInvalid',
        invalidHandle(ReceiptHandle),
      );
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.DeleteMessageCommand({ QueueUrl: `${t.server.url}/000000000000/missing`, ReceiptHandle: 'x' })));
    });
  });

  describe('DeleteMessageBatch', () => {
    it('deletes each entry and reports invalid receipt handles in Failed', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const a = await sendAndReceive(QueueUrl, 'a');
      const b = await sendAndReceive(QueueUrl, 'b');
      const out = await client.send(
        new sdk.DeleteMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'a', ReceiptHandle: a },
            { Id: 'bad', ReceiptHandle: 'garbage' },
            { Id: 'b', ReceiptHandle: b },
          ],
        }),
      );
      expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
      expect(out.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: invalidHandle('garbage') }]);
      clock().advance(31_000);
      expect(await receive(QueueUrl)).toEqual([]);
    });

    it.skipIf(protocol === 'query')('fails with EmptyBatchRequest for no entries', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.DeleteMessageBatchCommand({ QueueUrl, Entries: [] })),
        'EmptyBatchRequest',
        'There should be at least one DeleteMessageBatchRequestEntry in the request.',
      );
    });

    it('fails with TooManyEntriesInBatchRequest for 11 entries', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const Entries = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: 'x' }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.DeleteMessageBatchCommand({ QueueUrl, Entries })),
        'TooManyEntriesInBatchRequest',
        'Maximum number of entries per request are 10. You have sent 11.',
      );
    });

    it('fails with BatchEntryIdsNotDistinct for a repeated id', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(
          new sdk.DeleteMessageBatchCommand({
            QueueUrl,
            Entries: [
              { Id: 'x', ReceiptHandle: 'a' },
              { Id: 'x', ReceiptHandle: 'b' },
            ],
          }),
        ),
        'BatchEntryIdsNotDistinct',
        'Id x repeated.',
      );
    });
  });

  describe('ChangeMessageVisibility', () => {
    it('makes a message visible again at once with VisibilityTimeout 0', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 }));
      expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['hello']);
    });

    it('extends the visibility timeout from now', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      clock().advance(20_000);
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 60 }));
      clock().advance(59_999);
      expect(await receive(QueueUrl)).toEqual([]);
      clock().advance(1);
      expect(await receive(QueueUrl)).toHaveLength(1);
    });

    it('returns a message again after its visibility timeout expires, with ApproximateReceiveCount 2', async () => {
      const QueueUrl = await t.createQueue();
      await sendAndReceive(QueueUrl);
      clock().advance(29_999);
      expect(await receive(QueueUrl)).toEqual([]);
      clock().advance(1);
      const [again] = await receive(QueueUrl, systemAttributeNames(protocol, ['ApproximateReceiveCount']));
      expect([again?.Body, again?.Attributes?.ApproximateReceiveCount]).toEqual(['hello', '2']);
    });

    it('succeeds after the visibility timeout expired when nobody received the message since', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      clock().advance(31_000);
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 100 }));
      expect(await receive(QueueUrl)).toEqual([]);
    });

    it('fails with InvalidParameterValue beyond 12 hours in total since the receive', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      clock().advance(3_600_000);
      await client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 39_600 }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 39_601 })),
        'InvalidParameterValue',
        'Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
      );
    });

    it('fails with InvalidParameterValue for a VisibilityTimeout above 43200 (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 43_201 })),
        'InvalidParameterValue',
        'Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.',
      );
    });

    it('fails with InvalidParameterValue for a deleted message (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const ReceiptHandle = await sendAndReceive(QueueUrl);
      await client.send(new sdk.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 10 })),
        'InvalidParameterValue',
        `Value ${ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    });

    it('fails with ReceiptHandleIsInvalid for a malformed receipt handle (message unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: 'garbage', VisibilityTimeout: 10 })),
        'ReceiptHandleIsInvalid',
        invalidHandle('garbage'),
      );
    });
  });

  describe('ChangeMessageVisibilityBatch', () => {
    it('changes each entry and reports failures in Failed', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const a = await sendAndReceive(QueueUrl, 'a');
      const b = await sendAndReceive(QueueUrl, 'b');
      const out = await client.send(
        new sdk.ChangeMessageVisibilityBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'a', ReceiptHandle: a, VisibilityTimeout: 0 },
            { Id: 'bad', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
            { Id: 'b', ReceiptHandle: b, VisibilityTimeout: 600 },
          ],
        }),
      );
      expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
      expect(out.Failed).toEqual([{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: invalidHandle('garbage') }]);
      expect((await receive(QueueUrl)).map((m) => m.Body)).toEqual(['a']);
    });

    it.skipIf(protocol === 'query')('fails with EmptyBatchRequest for no entries', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: [] })),
        'EmptyBatchRequest',
        'There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.',
      );
    });

    it('fails with InvalidBatchEntryId for an id with a colon', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries: [{ Id: 'a:b', ReceiptHandle: 'x', VisibilityTimeout: 1 }] })),
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    });
  });
});
