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
  const parts: Buffer[] = [];
  write(value, parts);
  return Buffer.concat(parts);
}

function write(value: unknown, out: Buffer[]): void {
  if (value === null || value === undefined) return void out.push(Buffer.from([0xf6]));
  if (value === false) return void out.push(Buffer.from([0xf4]));
  if (value === true) return void out.push(Buffer.from([0xf5]));
  if (typeof value === 'number') return writeNumber(value, out);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    out.push(head(3, bytes.length), bytes);
    return;
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    out.push(head(2, value.length), Buffer.from(value));
    return;
  }
  if (value instanceof Date) {
    out.push(head(6, 1));
    return writeNumber(value.getTime() / 1000, out);
  }
  if (value instanceof CborTag) {
    out.push(head(6, value.tag));
    return write(value.value, out);
  }
  if (Array.isArray(value)) {
    out.push(head(4, value.length));
    for (const item of value) write(item, out);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  out.push(head(5, entries.length));
  for (const [k, v] of entries) {
    write(k, out);
    write(v, out);
  }
}

function writeNumber(n: number, out: Buffer[]): void {
  if (Number.isSafeInteger(n)) {
    out.push(n >= 0 ? head(0, n) : head(1, -1 - n));
    return;
  }
  const b = Buffer.alloc(9);
  b[0] = 0xfb;
  b.writeDoubleBE(n, 1);
  out.push(b);
}

function head(major: number, n: number): Buffer {
  const m = major << 5;
  if (n < 24) return Buffer.from([m | n]);
  if (n < 0x100) return Buffer.from([m | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = m | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  if (n < 0x100000000) {
    const b = Buffer.alloc(5);
    b[0] = m | 26;
    b.writeUInt32BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = m | 27;
  b.writeBigUInt64BE(BigInt(n), 1);
  return b;
}
