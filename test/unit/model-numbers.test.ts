import { describe, expect, it } from 'vitest';
import { dateOf, fitsWholeType, parseWholeText } from '../../src/protocol/model/numbers.js';

describe('model number types', () => {
  it('holds an integer to Java int range and a long to Java long range', () => {
    expect([2 ** 31 - 1, -(2 ** 31), 0].map((n) => fitsWholeType('integer', n))).toEqual([true, true, true]);
    expect([2 ** 31, -(2 ** 31) - 1, 1.5, 1e308, Number.NaN, Infinity].map((n) => fitsWholeType('integer', n))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([2 ** 53, -(2 ** 63), 2 ** 63 - 1024].map((n) => fitsWholeType('long', n))).toEqual([true, true, true]);
    expect([2 ** 63, 1e308, 0.5].map((n) => fitsWholeType('long', n))).toEqual([false, false, false]);
  });

  it('reads query text as a whole number of the type, or nothing', () => {
    expect(parseWholeText('integer', ' 42 ')).toBe(42);
    expect(parseWholeText('integer', '+7')).toBe(7);
    expect(parseWholeText('integer', '-2147483648')).toBe(-2147483648);
    expect(parseWholeText('integer', '0000000000000000000000000000012')).toBe(12);
    for (const text of ['2147483648', '1.5', '1e3', '', '0x10', 'NaN', '9'.repeat(400)]) expect(parseWholeText('integer', text)).toBeUndefined();
    expect(parseWholeText('long', '9223372036854775807')).toBe(2 ** 63);
    expect(parseWholeText('long', '-9223372036854775808')).toBe(-(2 ** 63));
    expect(parseWholeText('long', '9223372036854775808')).toBeUndefined();
  });

  it('makes a Date only of a time JavaScript can hold', () => {
    expect(dateOf(0)?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(dateOf(8.64e15 + 1)).toBeUndefined();
    expect(dateOf(Number.NaN)).toBeUndefined();
  });
});
