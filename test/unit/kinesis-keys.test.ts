import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decimalOfHex, hashKeyOfPartitionKey, hexOfDecimal, splitEvenly } from '../../src/services/kinesis/engine/hash-key.js';
import { ENDING_SEQ_IX, formatSequenceNumber, parseSequenceNumber } from '../../src/services/kinesis/engine/sequence-number.js';
import { packRecords, unpackRecords } from '../../src/services/kinesis/engine/record-batch.js';
import { decodeShardIterator, encodeShardIterator } from '../../src/services/kinesis/engine/shard-iterator.js';

describe('Kinesis hash keys', () => {
  // Values computed independently (Python: int(hashlib.md5(key.encode()).hexdigest(), 16)).
  it.each([
    ['a', '16955237001963240173058271559858726497'],
    ['partitionKey', '193318062818912349798954611745638949166'],
    ['hello world', '125893641179230474042701625388361764291'],
    ['🙂', '123023304065698440416929998732854817541'],
    ['user-42', '157107139746365290205026809710278036035'],
  ])('hashes partition key %j to %s (MD5, big-endian, UTF-8)', (key, decimal) => {
    expect(decimalOfHex(hashKeyOfPartitionKey(key))).toBe(decimal);
  });

  it('stores hash keys as 32-char hex whose text order is numeric order', () => {
    expect(hexOfDecimal('0')).toBe('0'.repeat(32));
    expect(hexOfDecimal('340282366920938463463374607431768211455')).toBe('f'.repeat(32));
    expect(hexOfDecimal('340282366920938463463374607431768211456')).toBeUndefined();
    expect(hexOfDecimal('9')! < hexOfDecimal('10')!).toBe(true);
  });

  it('splits the key space evenly as AWS does (3 shards)', () => {
    expect(splitEvenly(3).map((r) => [decimalOfHex(r.startingHashKey), decimalOfHex(r.endingHashKey)])).toEqual([
      ['0', '113427455640312821154458202477256070484'],
      ['113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
      ['226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
    ]);
  });
});

describe('Kinesis sequence numbers', () => {
  const parts = { shardCreatedAtMs: 1_767_225_600_000, shardIndex: 3, seqIx: 42n, arrivedAtMs: 1_767_225_605_000 };

  it('are 56-digit decimals that round-trip', () => {
    const seq = formatSequenceNumber(parts);
    expect(seq).toMatch(/^\d{56}$/);
    expect(parseSequenceNumber(seq)).toEqual(parts);
  });

  it('match kinesalite’s encoding of the same parts (its layout was decoded from real AWS numbers)', () => {
    const kinesaliteDb = createRequire(import.meta.url)('kinesalite/db/index.js') as { stringifySequence(o: object): string };
    const theirs = kinesaliteDb.stringifySequence({
      shardCreateTime: parts.shardCreatedAtMs,
      shardIx: parts.shardIndex,
      seqIx: '42',
      seqTime: parts.arrivedAtMs,
    });
    expect(formatSequenceNumber(parts)).toBe(theirs);
  });

  it('increase with seqIx regardless of the arrival second', () => {
    const a = BigInt(formatSequenceNumber({ ...parts, seqIx: 1n, arrivedAtMs: parts.arrivedAtMs + 9000 }));
    const b = BigInt(formatSequenceNumber({ ...parts, seqIx: 2n }));
    expect(a < b).toBe(true);
    expect(BigInt(formatSequenceNumber({ ...parts, seqIx: ENDING_SEQ_IX })) > b).toBe(true);
  });

  it('reject numbers of other layouts', () => {
    expect(parseSequenceNumber('0')).toBeUndefined();
    expect(parseSequenceNumber('12345')).toBeUndefined();
  });
});

describe('Kinesis shard iterators', () => {
  it('round-trip their position and start like AWS’s (AAAAAAAAAAE…)', () => {
    const position = { streamId: 7, streamName: 'orders', shardIndex: 2, seqIx: 99, issuedAtMs: 1_767_225_600_000 };
    const iterator = encodeShardIterator(position);
    expect(iterator.startsWith('AAAAAAAAAAE')).toBe(true);
    expect(decodeShardIterator(iterator)).toEqual(position);
  });

  it('refuse a tampered iterator', () => {
    const iterator = encodeShardIterator({ streamId: 7, streamName: 'orders', shardIndex: 2, seqIx: 99, issuedAtMs: 1 });
    const raw = Buffer.from(iterator, 'base64');
    raw[10] = raw[10]! ^ 1;
    expect(decodeShardIterator(raw.toString('base64'))).toBeUndefined();
  });
});

describe('Kinesis record batches', () => {
  const records = [
    { sequenceNumber: '4'.repeat(56), partitionKey: 'clé 🙂', data: Buffer.from([0, 255, 1]) },
    { sequenceNumber: '5'.repeat(56), partitionKey: 'k', data: Buffer.alloc(0) },
    { sequenceNumber: '6'.repeat(56), partitionKey: 'z', data: Buffer.from([9, 9]) },
  ];
  const view = (out: { sequenceNumber: string; partitionKey: string; data: Buffer; arrivedAtMs: number }[]) =>
    out.map((r) => [r.sequenceNumber[0], r.partitionKey, [...r.data], r.arrivedAtMs]);

  it('pack and unpack records, keys in UTF-8 and data as bytes, in order, with the batch’s arrival time', () => {
    const out: Parameters<typeof unpackRecords>[3] = [];
    expect(unpackRecords(packRecords(records), 0, 42, out, 10, 0, 1000)).toBe(5);
    expect(view(out)).toEqual([
      ['4', 'clé 🙂', [0, 255, 1], 42],
      ['5', 'k', [], 42],
      ['6', 'z', [9, 9], 42],
    ]);
  });

  it('start at a record, stop at the limit, and stop before passing the byte budget', () => {
    const packed = packRecords(records);
    const fromSecond: Parameters<typeof unpackRecords>[3] = [];
    expect(unpackRecords(packed, 1, 0, fromSecond, 1, 0, 1000)).toBe(-1);
    expect(view(fromSecond)).toEqual([['5', 'k', [], 0]]);
    const budget: Parameters<typeof unpackRecords>[3] = [];
    expect(unpackRecords(packed, 0, 0, budget, 10, 0, 4)).toBe(-1);
    expect(view(budget).map((r) => r[1])).toEqual(['clé 🙂', 'k']);
  });
});
