import { describe, expect, it } from 'vitest';
import { md5OfAttributes, md5OfBody } from '../../src/services/sqs/engine/message-md5.js';

// Vectors recorded against AWS (LocalStack's snapshot of real SQS responses).
describe('SQS message MD5s', () => {
  it('hashes the body as UTF-8', () => {
    expect(md5OfBody('msg')).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
  });

  it('hashes one string attribute as AWS does', () => {
    expect(md5OfAttributes({ Foo: { DataType: 'String', StringValue: 'Bar' } })).toBe('ae7155c6026991b6d54b11589678bf9c');
    expect(md5OfAttributes({ Hello: { DataType: 'String', StringValue: 'There' } })).toBe('a311262e065454b75da111d535b8dacd');
  });

  it('hashes attributes in name order, whatever order they arrive in', () => {
    const vector = '4c360f3fdafd970e05fae2f149d997f5';
    expect(
      md5OfAttributes({
        'Help.Me': { DataType: 'String', StringValue: 'Me' },
        Hello: { DataType: 'String', StringValue: 'There' },
        General: { DataType: 'String', StringValue: 'Kenobi' },
      }),
    ).toBe(vector);
  });

  it('hashes a binary attribute with transport byte 2 over the raw bytes', () => {
    const value = Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01', 'latin1');
    expect(md5OfAttributes({ attr1: { DataType: 'Binary', BinaryValue: value } })).toBe('8cbe4db156db8a94db8b801b7addb984');
  });

  it('treats a custom String.x type as a string but hashes its full type name', () => {
    const plain = md5OfAttributes({ a: { DataType: 'String', StringValue: 'v' } });
    const custom = md5OfAttributes({ a: { DataType: 'String.custom', StringValue: 'v' } });
    expect(custom).not.toBe(plain);
    expect(custom).toMatch(/^[0-9a-f]{32}$/);
  });
});
