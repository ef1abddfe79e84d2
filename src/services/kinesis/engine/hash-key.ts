import { hash } from 'node:crypto';

/**
 * Kinesis hash keys: 128-bit unsigned integers. AWS shows them as decimal strings; wharf stores
 * them as 32-char zero-padded lowercase hex, whose text order is their numeric order.
 */
export const HASH_KEY_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_KEY_SPACE - 1n;

/** MD5 of the UTF-8 partition key, read as a big-endian 128-bit integer: AWS's shard choice. */
export function hashKeyOfPartitionKey(partitionKey: string): string {
  return hash('md5', partitionKey, 'hex');
}

export function hexOfHashKey(value: bigint): string {
  return value.toString(16).padStart(32, '0');
}

export function hashKeyOfHex(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

export function decimalOfHex(hex: string): string {
  return hashKeyOfHex(hex).toString(10);
}

/** A decimal ExplicitHashKey as hex, or undefined when it is outside [0, 2^128-1]. */
export function hexOfDecimal(decimal: string): string | undefined {
  const value = BigInt(decimal);
  return value < 0n || value > MAX_HASH_KEY ? undefined : hexOfHashKey(value);
}

/** Splits [start, end] into `count` contiguous ranges of (nearly) equal size, as AWS does at creation. */
export function splitEvenly(count: number, start = 0n, end = MAX_HASH_KEY): { startingHashKey: string; endingHashKey: string }[] {
  const size = end - start + 1n;
  const ranges = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const from = start + (size * i) / BigInt(count);
    const to = start + (size * (i + 1n)) / BigInt(count) - 1n;
    ranges.push({ startingHashKey: hexOfHashKey(from), endingHashKey: hexOfHashKey(to) });
  }
  return ranges;
}

/**
 * The open shard whose hash key range holds a hash key (32 hex digits, so text order is number
 * order). The open shards' ranges are contiguous and cover the key space.
 */
export function shardForHashKey<T extends { starting_hash_key: string; ending_hash_key: string }>(openShards: readonly T[], hashKeyHex: string): T {
  for (const shard of openShards) {
    if (shard.starting_hash_key <= hashKeyHex && hashKeyHex <= shard.ending_hash_key) return shard;
  }
  throw new Error(`no open shard owns hash key ${hashKeyHex}`);
}
