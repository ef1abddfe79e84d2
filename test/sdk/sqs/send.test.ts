import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import { SQS_PROTOCOLS } from '../../support/sqs-clients.js';
import { expectNoSuchQueue, expectSqsError, systemAttributeNames, useSqsServer } from '../../support/sqs-suite.js';

/** Recorded against AWS (see the fidelity notes, section 15). */
const MD5 = {
  fooBar: 'ae7155c6026991b6d54b11589678bf9c', // {Foo: String "Bar"}
  helloThere: 'a311262e065454b75da111d535b8dacd', // {Hello: String "There"}
  three: '4c360f3fdafd970e05fae2f149d997f5', // {General: "Kenobi", Hello: "There", Help.Me: "Me"}
  traceparentBinary: '8cbe4db156db8a94db8b801b7addb984',
  bodyMsg: '6e2baaf3b97dbeef01c0043275f9a0e7', // body "msg"
};
const ALLOWED_CHARACTERS = '#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]';

describe.each(SQS_PROTOCOLS)('SQS SendMessage and SendMessageBatch over %s', (protocol) => {
  const t = useSqsServer(protocol);
  const clock = () => t.clock as ManualClock;

  async function receiveAll(QueueUrl: string, extra: Record<string, unknown> = {}) {
    const { sdk, client } = t.sqs;
    // A long visibility timeout, so messages received earlier in a test stay hidden as the clock moves.
    const out = await client.send(new sdk.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 43_200, ...extra }));
    return out.Messages ?? [];
  }

  describe('SendMessage', () => {
    it('returns a MessageId and the MD5 of the body', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const out = await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'msg' }));
      expect(out.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(out.MD5OfMessageBody).toBe(MD5.bodyMsg);
      expect(out.MD5OfMessageAttributes).toBeUndefined();
    });

    it('keeps tabs, line breaks, XML specials and characters beyond the BMP in the body', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const body = 'tab\there\r\nline <a href="x">&amp;</a> \'q\' é ✓ 🚢 \uE000\uFFFD';
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: body }));
      const [message] = await receiveAll(QueueUrl);
      expect(message?.Body).toBe(body);
      expect(message?.MD5OfBody).toBe(createHash('md5').update(body, 'utf8').digest('hex'));
    });

    it.each([
      ['\u0007', '#x7'],
      ['\u0000', '#x0'],
      ['\uFFFF', '#xFFFF'],
    ])('fails with InvalidMessageContents for a body with the character %j', async (character, code) => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: `bad ${character} body` })),
        'InvalidMessageContents',
        `Invalid binary character '${code}' was found in the message body, the set of allowed characters is ${ALLOWED_CHARACTERS}.`,
      );
    });

    it('fails with MissingParameter for an empty body', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: '' })),
        'MissingParameter',
        'The request must contain the parameter MessageBody.',
      );
    });

    it("accepts a message as large as the queue's MaximumMessageSize and rejects one byte more", async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('small', { MaximumMessageSize: '1024' });
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1024) }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1025) })),
        'InvalidParameterValue',
        'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
      );
    });

    it('counts message attributes towards MaximumMessageSize', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('small', { MaximumMessageSize: '1024' });
      // 1000 body bytes + "note" (4) + "String" (6) + 20 value bytes = 1030
      await expectSqsError(
        t.sqs,
        client.send(
          new sdk.SendMessageCommand({
            QueueUrl,
            MessageBody: 'x'.repeat(1000),
            MessageAttributes: { note: { DataType: 'String', StringValue: 'y'.repeat(20) } },
          }),
        ),
        'InvalidParameterValue',
        'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
      );
    });

    it('accepts a 1 MiB message on a queue with the default MaximumMessageSize', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const out = await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }));
      expect(out.MD5OfMessageBody).toBe(createHash('md5').update('x'.repeat(1_048_576)).digest('hex'));
    });

    it('delays a message by its DelaySeconds', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 10 }));
      clock().advance(9_999);
      expect(await receiveAll(QueueUrl)).toEqual([]);
      clock().advance(1);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['later']);
    });

    it("delays a message by the queue's DelaySeconds unless the message sets its own", async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('delayed', { DelaySeconds: '60' });
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'queue-delay' }));
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'no-delay', DelaySeconds: 0 }));
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['no-delay']);
      clock().advance(60_000);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['queue-delay']);
    });

    it('fails with InvalidParameterValue for DelaySeconds above 900', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x', DelaySeconds: 901 })),
        'InvalidParameterValue',
        'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
      );
    });

    it('accepts a MessageGroupId on a standard queue', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'fair', MessageGroupId: 'tenant-1' }));
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['fair']);
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(t.sqs, client.send(new sdk.SendMessageCommand({ QueueUrl: `${t.server.url}/000000000000/missing`, MessageBody: 'x' })));
    });
  });

  describe('message attributes', () => {
    it('returns the MD5 of message attributes that AWS computes', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const one = await client.send(
        new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'msg', MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } } }),
      );
      const three = await client.send(
        new sdk.SendMessageCommand({
          QueueUrl,
          MessageBody: 'msg',
          MessageAttributes: {
            Hello: { DataType: 'String', StringValue: 'There' },
            'Help.Me': { DataType: 'String', StringValue: 'Me' },
            General: { DataType: 'String', StringValue: 'Kenobi' },
          },
        }),
      );
      const binary = await client.send(
        new sdk.SendMessageCommand({
          QueueUrl,
          MessageBody: 'msg',
          MessageAttributes: {
            attr1: { DataType: 'Binary', BinaryValue: Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01', 'latin1') },
          },
        }),
      );
      expect([one.MD5OfMessageAttributes, three.MD5OfMessageAttributes, binary.MD5OfMessageAttributes]).toEqual([MD5.fooBar, MD5.three, MD5.traceparentBinary]);
    });

    it('round-trips String, Number, Binary and custom-typed attributes', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const attributes = {
        name: { DataType: 'String', StringValue: 'wharf <&>' },
        count: { DataType: 'Number', StringValue: '-12.5e3' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
        colour: { DataType: 'String.colour', StringValue: 'blue' },
        price: { DataType: 'Number.float', StringValue: '9.99' },
        image: { DataType: 'Binary.gif', BinaryValue: new Uint8Array([71, 73, 70]) },
      };
      await client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'typed', MessageAttributes: attributes }));
      const [message] = await receiveAll(QueueUrl, { MessageAttributeNames: ['All'] });
      const received = Object.fromEntries(
        Object.entries(message?.MessageAttributes ?? {}).map(([k, v]) => [
          k,
          { DataType: v.DataType, ...(v.BinaryValue ? { BinaryValue: [...v.BinaryValue] } : { StringValue: v.StringValue }) },
        ]),
      );
      expect(received).toEqual({
        name: { DataType: 'String', StringValue: 'wharf <&>' },
        count: { DataType: 'Number', StringValue: '-12.5e3' },
        blob: { DataType: 'Binary', BinaryValue: [0, 1, 2, 255] },
        colour: { DataType: 'String.colour', StringValue: 'blue' },
        price: { DataType: 'Number.float', StringValue: '9.99' },
        image: { DataType: 'Binary.gif', BinaryValue: [71, 73, 70] },
      });
    });

    it('fails with InvalidParameterValue for an unknown data type', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { a: { DataType: 'Foo', StringValue: 'v' } } })),
        'InvalidParameterValue',
        "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
      );
    });

    it('fails with InvalidParameterValue for an empty String value', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { a: { DataType: 'String', StringValue: '' } } })),
        'InvalidParameterValue',
        "Message (user) attribute 'a' must contain a non-empty value of type 'String'.",
      );
    });

    it('fails with InvalidParameterValue for a Number that is not a number (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'twelve' } } })),
        'InvalidParameterValue',
        "Can't cast the value of message (user) attribute 'n' to a number.",
      );
    });

    it('fails with InvalidParameterValue for more than 10 attributes (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const MessageAttributes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes })),
        'InvalidParameterValue',
        'Number of message attributes [11] exceeds the allowed maximum [10].',
      );
    });

    it('accepts an AWSTraceHeader system attribute, returns its MD5 and delivers it', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
      const out = await client.send(
        new sdk.SendMessageCommand({
          QueueUrl,
          MessageBody: 'traced',
          MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } },
        }),
      );
      expect(out.MD5OfMessageSystemAttributes).toBe(md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: trace } }));
      const [message] = await receiveAll(QueueUrl, systemAttributeNames(protocol, ['AWSTraceHeader']));
      expect(message?.Attributes).toEqual({ AWSTraceHeader: trace });
    });
  });

  describe('SendMessageBatch', () => {
    it('sends every entry and reports each with its MD5s', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const out = await client.send(
        new sdk.SendMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'plain', MessageBody: 'msg' },
            { Id: 'with-attrs', MessageBody: 'msg', MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } } },
            { Id: 'delayed_1', MessageBody: 'later', DelaySeconds: 30 },
          ],
        }),
      );
      expect(out.Failed ?? []).toEqual([]);
      expect(out.Successful?.map((s) => [s.Id, s.MD5OfMessageBody, s.MD5OfMessageAttributes])).toEqual([
        ['plain', MD5.bodyMsg, undefined],
        ['with-attrs', MD5.bodyMsg, MD5.fooBar],
        ['delayed_1', createHash('md5').update('later').digest('hex'), undefined],
      ]);
      expect((await receiveAll(QueueUrl)).length).toBe(2);
      clock().advance(30_000);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['later']);
    });

    it('reports invalid entries in Failed without failing the call', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue('small', { MaximumMessageSize: '1024' });
      const out = await client.send(
        new sdk.SendMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'ok', MessageBody: 'fine' },
            { Id: 'empty', MessageBody: '' },
            { Id: 'control', MessageBody: 'bell \u0007' },
            { Id: 'large', MessageBody: 'x'.repeat(1025) },
            { Id: 'delay', MessageBody: 'x', DelaySeconds: 901 },
          ],
        }),
      );
      expect(out.Successful?.map((s) => s.Id)).toEqual(['ok']);
      expect(out.Failed).toEqual([
        { Id: 'empty', SenderFault: true, Code: 'EmptyValue', Message: 'The request must contain the parameter MessageBody.' },
        {
          Id: 'control',
          SenderFault: true,
          Code: 'InvalidMessageContents',
          Message: `Invalid binary character '#x7' was found in the message body, the set of allowed characters is ${ALLOWED_CHARACTERS}.`,
        },
        {
          Id: 'large',
          SenderFault: true,
          Code: 'InvalidParameterValue',
          Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
        },
        {
          Id: 'delay',
          SenderFault: true,
          Code: 'InvalidParameterValue',
          Message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
        },
      ]);
      expect((await receiveAll(QueueUrl)).map((m) => m.Body)).toEqual(['fine']);
    });

    it.skipIf(protocol === 'query')('fails with EmptyBatchRequest for no entries', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries: [] })),
        'EmptyBatchRequest',
        'There should be at least one SendMessageBatchRequestEntry in the request.',
      );
    });

    it.skipIf(protocol === 'json')('fails with MissingParameter when the query SDK drops an empty Entries list (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries: [] })),
        'MissingParameter',
        'The request must contain the parameter Entries.',
      );
    });

    it('fails with TooManyEntriesInBatchRequest for 11 entries', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const Entries = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries })),
        'TooManyEntriesInBatchRequest',
        'Maximum number of entries per request are 10. You have sent 11.',
      );
      expect(await receiveAll(QueueUrl)).toEqual([]);
    });

    it('fails with BatchEntryIdsNotDistinct for a repeated id', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(
          new sdk.SendMessageBatchCommand({
            QueueUrl,
            Entries: [
              { Id: 'a', MessageBody: 'x' },
              { Id: 'a', MessageBody: 'y' },
            ],
          }),
        ),
        'BatchEntryIdsNotDistinct',
        'Id a repeated.',
      );
    });

    it.each([
      ['a colon', 'a:b'],
      ['81 characters', 'i'.repeat(81)],
    ])('fails with InvalidBatchEntryId for an id with %s', async (_what, Id) => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries: [{ Id, MessageBody: 'x' }] })),
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    });

    it('fails with BatchRequestTooLong when the entries together exceed 1 MiB (unverified against AWS)', async () => {
      const { sdk, client } = t.sqs;
      const QueueUrl = await t.createQueue();
      const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x'.repeat(110_000) }));
      await expectSqsError(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl, Entries })),
        'BatchRequestTooLong',
        'Batch requests cannot be longer than 1048576 bytes. You have sent 1100000 bytes.',
      );
    });

    it('fails with QueueDoesNotExist for a missing queue', async () => {
      const { sdk, client } = t.sqs;
      await expectNoSuchQueue(
        t.sqs,
        client.send(new sdk.SendMessageBatchCommand({ QueueUrl: `${t.server.url}/000000000000/missing`, Entries: [{ Id: 'a', MessageBody: 'x' }] })),
      );
    });
  });
});

/**
 * MD5 of message attributes as the AWS SDK for Java computes it (names sorted; for each:
 * length-prefixed name and DataType, then 1 + string or 2 + bytes), written out here so the
 * test does not trust wharf's own implementation.
 */
function md5OfAttributes(attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>): string {
  const hash = createHash('md5');
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name]!;
    field(Buffer.from(name, 'utf8'));
    field(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue) {
      hash.update(Buffer.from([2]));
      field(Buffer.from(a.BinaryValue));
    } else {
      hash.update(Buffer.from([1]));
      field(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
