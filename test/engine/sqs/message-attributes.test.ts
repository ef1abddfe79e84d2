import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageAttribute } from '../../../src/services/sqs/engine/message-md5.js';
import { ACCOUNT, expectAwsError, queueKey, receiveOne, send, startEngine, T0, type EngineFixture } from '../../support/sqs-engine.js';

const str = (StringValue: string): MessageAttribute => ({ DataType: 'String', StringValue });

// Test vectors recorded against AWS (see /work/scratch/sqs-fidelity.md, section 15).
const FOO_BAR_MD5 = 'ae7155c6026991b6d54b11589678bf9c'; // {Foo: "Bar"}
const HELLO_THERE_MD5 = 'a311262e065454b75da111d535b8dacd'; // {Hello: "There"}
const THREE_MD5 = '4c360f3fdafd970e05fae2f149d997f5'; // {General: "Kenobi", Hello: "There", Help.Me: "Me"}

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
describe('SQS message attributes', () => {
  let f: EngineFixture;
  const q = queueKey('attributes');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => f.close());

  it("answers a send with AWS's MD5 of the body and of the message attributes", () => {
    expect(send(f.sqs, q, 'msg', { messageAttributes: { Foo: str('Bar') } })).toMatchObject({
      md5OfBody: '6e2baaf3b97dbeef01c0043275f9a0e7',
      md5OfMessageAttributes: FOO_BAR_MD5,
    });
    expect(send(f.sqs, q, 'msg', { messageAttributes: { Hello: str('There'), General: str('Kenobi'), 'Help.Me': str('Me') } }).md5OfMessageAttributes).toBe(
      THREE_MD5,
    );
    const traced = send(f.sqs, q, 'msg', {
      messageAttributes: {
        attr1: { DataType: 'Binary', BinaryValue: Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01', 'latin1') },
      },
    });
    expect(traced.md5OfMessageAttributes).toBe('8cbe4db156db8a94db8b801b7addb984');
  });

  it('leaves out MD5OfMessageAttributes when a message has none', () => {
    const sent = send(f.sqs, q, 'plain');
    expect(sent.md5OfMessageAttributes).toBeUndefined();
    expect(sent.md5OfSystemAttributes).toBeUndefined();
  });

  describe('MessageAttributeNames on receive', () => {
    beforeEach(() => {
      send(f.sqs, q, 'msg', { messageAttributes: { General: str('Kenobi'), Hello: str('There'), 'Help.Me': str('Me') } });
    });

    it('returns no message attributes unless asked', async () => {
      const message = await receiveOne(f.sqs, q);
      expect(message.messageAttributes).toBeUndefined();
      expect(message.md5OfMessageAttributes).toBeUndefined();
    });

    it.each(['All', '.*'])('returns every attribute for %s', async (filter) => {
      const message = await receiveOne(f.sqs, q, { messageAttributeNames: [filter] });
      expect(message.messageAttributes).toEqual({ General: str('Kenobi'), Hello: str('There'), 'Help.Me': str('Me') });
      expect(message.md5OfMessageAttributes).toBe(THREE_MD5);
    });

    it('returns only the named attributes, with the MD5 of just those', async () => {
      const message = await receiveOne(f.sqs, q, { messageAttributeNames: ['Hello', 'Missing'] });
      expect(message.messageAttributes).toEqual({ Hello: str('There') });
      expect(message.md5OfMessageAttributes).toBe(HELLO_THERE_MD5);
    });

    it('returns the attributes under a prefix for prefix.*', async () => {
      const message = await receiveOne(f.sqs, q, { messageAttributeNames: ['Help.*'] });
      expect(message.messageAttributes).toEqual({ 'Help.Me': str('Me') });
      expect(message.md5OfMessageAttributes).toBe('e3559934329581483df4474944b301c4'); // computed by hand (Python) for {Help.Me: "Me"}
    });

    it('matches a prefix only up to its dot: Hel.* matches neither Hello nor Help.Me', async () => {
      const message = await receiveOne(f.sqs, q, { messageAttributeNames: ['Hel.*'] });
      expect(message.messageAttributes).toBeUndefined();
      expect(message.md5OfMessageAttributes).toBeUndefined();
    });

    it('matches names exactly, case and all', async () => {
      const message = await receiveOne(f.sqs, q, { messageAttributeNames: ['hello', 'Hello.*'] });
      expect(message.messageAttributes).toBeUndefined();
    });
  });

  it('keeps Binary values as bytes and the data type as sent, custom suffix included', async () => {
    const attributes = {
      Blob: { DataType: 'Binary.gzip', BinaryValue: Buffer.from([0, 1, 2, 255]) },
      Price: { DataType: 'Number.euro', StringValue: '12.50' },
    };
    const sent = send(f.sqs, q, 'msg', { messageAttributes: attributes });
    const message = await receiveOne(f.sqs, q, { messageAttributeNames: ['All'] });
    expect(message.messageAttributes).toEqual(attributes);
    expect(message.md5OfMessageAttributes).toBe(sent.md5OfMessageAttributes);
  });

  it('refuses a message with more than 10 attributes, or a reserved or malformed name', () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, str('v')]));
    expectAwsError(
      () => send(f.sqs, q, 'm', { messageAttributes: eleven }),
      'InvalidParameterValue',
      'Number of message attributes [11] exceeds the allowed maximum [10].',
    );
    for (const name of ['AWS.thing', 'Amazon.thing', '.dot', 'dot.', 'two..dots', 'spa ce']) {
      expectAwsError(() => send(f.sqs, q, 'm', { messageAttributes: { [name]: str('v') } }), 'InvalidParameterValue');
    }
    expectAwsError(
      () => send(f.sqs, q, 'm', { messageAttributes: { Bad: { DataType: 'Text', StringValue: 'v' } } }),
      'InvalidParameterValue',
      "The type of message (user) attribute 'Bad' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    );
    expectAwsError(
      () => send(f.sqs, q, 'm', { messageAttributes: { Empty: str('') } }),
      'InvalidParameterValue',
      "Message (user) attribute 'Empty' must contain a non-empty value of type 'String'.",
    );
  });
});

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html (MessageSystemAttributeNames)
describe('SQS message system attributes', () => {
  let f: EngineFixture;
  const q = queueKey('system');
  beforeEach(() => {
    f = startEngine();
    f.sqs.createQueue(q, {}, {});
  });
  afterEach(() => f.close());

  it('returns SenderId, SentTimestamp, ApproximateReceiveCount and ApproximateFirstReceiveTimestamp for All', async () => {
    send(f.sqs, q, 'm');
    f.clock.advance(1_500);
    const message = await receiveOne(f.sqs, q, { systemAttributeNames: ['All'] });
    expect(message.attributes).toEqual({
      SenderId: ACCOUNT,
      SentTimestamp: String(T0),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: String(T0 + 1_500),
    });
  });

  it('returns only the system attributes named', async () => {
    send(f.sqs, q, 'm');
    const message = await receiveOne(f.sqs, q, { systemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'] });
    expect(message.attributes).toEqual({ SentTimestamp: String(T0), ApproximateReceiveCount: '1' });
    f.clock.advance(30_000);
    expect((await receiveOne(f.sqs, q)).attributes).toBeUndefined();
  });

  it('keeps ApproximateFirstReceiveTimestamp at the first receive', async () => {
    send(f.sqs, q, 'm');
    f.clock.advance(1_000);
    await receiveOne(f.sqs, q, { visibilityTimeoutSeconds: 5 });
    f.clock.advance(10_000);
    const again = await receiveOne(f.sqs, q, { systemAttributeNames: ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount'] });
    expect(again.attributes).toEqual({ ApproximateFirstReceiveTimestamp: String(T0 + 1_000), ApproximateReceiveCount: '2' });
  });

  it('carries an AWSTraceHeader sent as a message system attribute, with its MD5 on the send', async () => {
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const sent = send(f.sqs, q, 'm', { systemAttributes: { AWSTraceHeader: str(trace) } });
    expect(sent.md5OfSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.md5OfMessageAttributes).toBeUndefined();
    const message = await receiveOne(f.sqs, q, { systemAttributeNames: ['AWSTraceHeader'] });
    expect(message.attributes).toEqual({ AWSTraceHeader: trace });
    expect(message.messageAttributes).toBeUndefined();
  });
});
