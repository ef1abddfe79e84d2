import cbor from 'cbor';
import { describe, expect, it } from 'vitest';
import { CborError, CborTag, decodeCbor, encodeCbor } from '../../src/protocol/cbor/cbor.js';

describe('CBOR reader and writer', () => {
  const samples: unknown[] = [
    0,
    23,
    24,
    255,
    65_535,
    4_294_967_296,
    -1,
    -1000,
    1.5,
    'héllo',
    '',
    [1, [2, 'x']],
    { a: 1, b: { c: [true, false, null] } },
    Buffer.from([1, 2, 3]),
  ];

  it.each(samples.map((s) => [s]))('reads what node-cbor writes: %j', (value) => {
    expect(decodeCbor(cbor.encode(value))).toEqual(value);
  });

  it.each(samples.map((s) => [s]))('writes what node-cbor reads: %j', (value) => {
    const read = cbor.decodeFirstSync(encodeCbor(value)) as unknown;
    // 64-bit integers may be read as BigInts.
    expect(typeof read === 'bigint' ? Number(read) : read).toEqual(value);
  });

  it('reads indefinite-length maps, arrays and strings, and half floats', () => {
    expect(decodeCbor(Buffer.from('bf6161' + '9f0102ff' + '6162' + '7f62686962696aff' + 'ff', 'hex'))).toEqual({ a: [1, 2], b: 'hiij' });
    expect(decodeCbor(Buffer.from('f93e00', 'hex'))).toBe(1.5);
  });

  it('keeps tags for the caller to interpret', () => {
    expect(decodeCbor(Buffer.from('c11a514b67b0', 'hex'))).toEqual(new CborTag(1, 1363896240));
    expect(encodeCbor(new CborTag(1, 1363896240)).toString('hex')).toBe('c11a514b67b0');
  });

  it('refuses truncated input and trailing bytes', () => {
    expect(() => decodeCbor(Buffer.from('62', 'hex'))).toThrow(CborError);
    expect(() => decodeCbor(Buffer.from('0101', 'hex'))).toThrow(CborError);
  });
});
