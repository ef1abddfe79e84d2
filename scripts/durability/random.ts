/** A small seeded PRNG (mulberry32): the same seed gives the same kill delays, sizes and choices. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A generator for one producer, so producers running at once do not share (and reorder) a stream. */
  fork(): Random {
    return new Random(this.int(0, 0xffffffff));
  }
}

/** Characters of 1 to 4 UTF-8 bytes, all valid in SQS bodies. */
const ALPHABET = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:é€😀');

/** The body or record data that belongs to `key`: deterministic, of a length chosen from the key. */
export function payloadOf(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const random = new Random(h);
  // Mostly small, sometimes a few KB (at most 20 KB, so ten fit any batch's size limit).
  const length = random.chance(0.05) ? random.int(1_000, 5_000) : random.int(0, 200);
  let filler = '';
  for (let i = 0; i < length; i++) filler += ALPHABET[random.int(0, ALPHABET.length - 1)];
  return `${key}|${filler}`;
}

/** The key a body or record starts with (undefined when it has none: an invented message). */
export function keyOf(payload: string): string | undefined {
  const bar = payload.indexOf('|');
  return bar > 0 ? payload.slice(0, bar) : undefined;
}
