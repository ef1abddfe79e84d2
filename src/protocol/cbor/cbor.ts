import { setOwnEntry } from '../own-entry.js';

/**
 * A small CBOR (RFC 8949) reader and writer: what AWS's `application/x-amz-cbor-1.1` bodies use.
 * Byte strings are Buffers, tagged items are CborTag values (their meaning is the caller's: AWS
 * puts epoch *milliseconds* under tag 1), maps are plain objects with string keys. Indefinite lengths are read (Jackson, the Java SDK's CBOR generator, writes maps that
 * way); the writer always writes definite lengths.
 */
export class CborError extends Error {}

/** A tagged data item, e.g. tag 1 (epoch-based date/time). */
export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: unknown,
  ) {}
}

export function decodeCbor(bytes: Buffer): unknown {
  const reader = new Reader(bytes);
  const value = reader.item();
  if (reader.offset !== bytes.length) throw new CborError('trailing bytes after the CBOR item');
  return value;
}

const BREAK = Symbol('break');
/**
 * Arrays, maps and tags nested deeper than this are refused: no AWS input nests more than a few
 * levels, and a body of 100,000 nested arrays must be an error, not a stack overflow.
 */
const MAX_NESTING = 64;

class Reader {
  offset = 0;
  private depth = 0;
  constructor(private readonly bytes: Buffer) {}

  /** Reads a container's contents one level deeper. */
  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_NESTING) throw new CborError(`nesting deeper than ${MAX_NESTING} levels`);
    const value = read();
    this.depth--;
    return value;
  }

  item(): unknown {
    const value = this.itemOrBreak();
    if (value === BREAK) throw new CborError('unexpected break');
    return value;
  }

  private itemOrBreak(): unknown {
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (initial === 0xff) return BREAK;
    switch (major) {
      case 0:
        return this.length(info);
      case 1:
        return -1 - this.length(info);
      case 2:
        return info === 31 ? Buffer.concat(this.chunks(2) as Buffer[]) : this.take(this.length(info));
      case 3:
        return info === 31 ? (this.chunks(3) as string[]).join('') : this.take(this.length(info)).toString('utf8');
      case 4:
        return this.nested(() => this.array(info));
      case 5:
        return this.nested(() => this.map(info));
      case 6: {
        const tag = this.length(info);
        return this.nested(() => new CborTag(tag, this.item()));
      }
      default:
        return this.simple(info);
    }
  }

  private array(info: number): unknown[] {
    const out: unknown[] = [];
    if (info === 31) for (let v = this.itemOrBreak(); v !== BREAK; v = this.itemOrBreak()) out.push(v);
    else for (let n = this.length(info); n > 0; n--) out.push(this.item());
    return out;
  }

  private map(info: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (info === 31) {
      for (let key = this.itemOrBreak(); key !== BREAK; key = this.itemOrBreak()) setOwnEntry(out, String(key), this.item());
    } else {
      for (let n = this.length(info); n > 0; n--) setOwnEntry(out, String(this.item()), this.item());
    }
    return out;
  }

  private simple(info: number): unknown {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25:
        return halfFloat(this.take(2).readUInt16BE(0));
      case 26:
        return this.take(4).readFloatBE(0);
      case 27:
        return this.take(8).readDoubleBE(0);
      default:
        throw new CborError(`unsupported simple value ${info}`);
    }
  }

  private chunks(major: number): (Buffer | string)[] {
    const parts: (Buffer | string)[] = [];
    for (let v = this.itemOrBreak(); v !== BREAK; v = this.itemOrBreak()) {
      if (major === 2 ? !Buffer.isBuffer(v) : typeof v !== 'string') throw new CborError('bad indefinite-length chunk');
      parts.push(v as Buffer | string);
    }
    return parts;
  }

  private length(info: number): number {
    if (info < 24) return info;
    if (info === 24) return this.byte();
    if (info === 25) return this.take(2).readUInt16BE(0);
    if (info === 26) return this.take(4).readUInt32BE(0);
    if (info === 27) {
      const big = this.take(8).readBigUInt64BE(0);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('integer too large');
      return Number(big);
    }
    throw new CborError(`bad additional information ${info}`);
  }

  private byte(): number {
    if (this.offset >= this.bytes.length) throw new CborError('unexpected end of CBOR data');
    return this.bytes[this.offset++]!;
  }

  private take(n: number): Buffer {
    if (this.offset + n > this.bytes.length) throw new CborError('unexpected end of CBOR data');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}

function halfFloat(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + mant / 1024);
}

/** Value → CBOR bytes. A Date becomes tag 1 with RFC 8949's epoch seconds; a CborTag is written as given. */
export function encodeCbor(value: unknown): Buffer {
  const writer = new Writer();
  writer.write(value);
  return writer.result();
}

/**
 * Writes into one growing buffer: a 1,000-record GetRecords reply was ~8 ms when every head
 * and string was a Buffer of its own joined at the end (cbor-x takes ~1.7 ms, see
 * bench/codecs/compare.mjs; it is not used because it writes integers of 2^32 and more,
 * e.g. epoch milliseconds, as floats).
 */
class Writer {
  private buf = Buffer.allocUnsafe(4096);
  private at = 0;

  result(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.at));
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  write(value: unknown): void {
    if (value === null || value === undefined) return this.byte(0xf6);
    if (value === false) return this.byte(0xf4);
    if (value === true) return this.byte(0xf5);
    if (typeof value === 'number') return this.number(value);
    if (typeof value === 'string') return this.string(value);
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
      this.head(2, value.length);
      this.room(value.length);
      this.buf.set(value, this.at);
      this.at += value.length;
      return;
    }
    if (value instanceof Date) {
      this.head(6, 1);
      return this.number(value.getTime() / 1000);
    }
    if (value instanceof CborTag) {
      this.head(6, value.tag);
      return this.write(value.value);
    }
    if (Array.isArray(value)) {
      this.head(4, value.length);
      for (const item of value) this.write(item);
      return;
    }
    const obj = value as Record<string, unknown>;
    let count = 0;
    for (const k in obj) if (Object.hasOwn(obj, k) && obj[k] !== undefined) count++;
    this.head(5, count);
    for (const k in obj) {
      if (!Object.hasOwn(obj, k) || obj[k] === undefined) continue;
      this.string(k);
      this.write(obj[k]);
    }
  }

  private string(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: write in place, then fix the head's length.
    const max = text.length * 3;
    const headBytes = max < 24 ? 1 : max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
    this.room(9 + max); // head() asks for 9: a reallocation there must not drop the text written past `at`
    const start = this.at + headBytes;
    const length = this.buf.write(text, start, 'utf8');
    const fits = length < 24 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
    if (fits !== headBytes) {
      // Shorter than feared: move the bytes back so the head is the smallest (preferred) one.
      this.buf.copy(this.buf, this.at + fits, start, start + length);
    }
    this.head(3, length);
    this.at += length;
  }

  private number(n: number): void {
    if (Number.isSafeInteger(n)) return n >= 0 ? this.head(0, n) : this.head(1, -1 - n);
    this.room(9);
    this.buf[this.at] = 0xfb;
    this.buf.writeDoubleBE(n, this.at + 1);
    this.at += 9;
  }

  private head(major: number, n: number): void {
    const m = major << 5;
    this.room(9);
    const b = this.buf;
    if (n < 24) {
      b[this.at++] = m | n;
    } else if (n < 0x100) {
      b[this.at++] = m | 24;
      b[this.at++] = n;
    } else if (n < 0x10000) {
      b[this.at] = m | 25;
      b.writeUInt16BE(n, this.at + 1);
      this.at += 3;
    } else if (n < 0x100000000) {
      b[this.at] = m | 26;
      b.writeUInt32BE(n, this.at + 1);
      this.at += 5;
    } else {
      b[this.at] = m | 27;
      b.writeBigUInt64BE(BigInt(n), this.at + 1);
      this.at += 9;
    }
  }
}
