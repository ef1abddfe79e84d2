/**
 * The model's number types are Java's: `integer` is a 32-bit int, `long` a 64-bit long, `float`
 * and `double` IEEE floats. A value the service could not hold in its Java type never reaches it
 * (Coral fails the deserialization), so the codecs refuse it as a wrong type.
 */
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// 2^63 - 1 is not a double: the largest double below 2^63 is the largest long a double can hold.
const INT64_MIN = -(2 ** 63);
const INT64_END = 2 ** 63;

/** Whether `n` is a whole number within the range of the model's `integer` or `long`. */
export function fitsWholeType(type: 'integer' | 'long', n: number): boolean {
  if (!Number.isInteger(n)) return false;
  return type === 'integer' ? n >= INT32_MIN && n <= INT32_MAX : n >= INT64_MIN && n < INT64_END;
}

/** Query-protocol text of a whole number: decimal digits with an optional sign, within the type's range. */
export function parseWholeText(type: 'integer' | 'long', raw: string): number | undefined {
  const text = raw.trim().replace(/^([+-]?)0+(?=\d)/, '$1');
  if (!/^[+-]?\d{1,20}$/.test(text)) return undefined;
  // Past 15 digits a double may round: compare as a bigint so 9223372036854775808 is not rounded into range.
  if (text.length > 16) {
    const big = BigInt(text);
    const [min, end] = type === 'integer' ? [BigInt(INT32_MIN), BigInt(INT32_MAX) + 1n] : [BigInt(INT64_MIN), BigInt(INT64_END)];
    return big >= min && big < end ? Number(text) : undefined;
  }
  const n = Number(text);
  return fitsWholeType(type, n) ? n : undefined;
}

/** A Date only when `ms` is a time JavaScript (and so the service's millisecond clock) can hold. */
export function dateOf(ms: number): Date | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
