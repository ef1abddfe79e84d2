/**
 * AWS's sequence numbers (the "version 2" layout kinesalite decoded from real ones): a 56-digit
 * decimal whose hex form is
 *   '2' · shard creation (9 hex, epoch s) · shard index (last hex digit) · seqIx (16 hex) ·
 *   '00' · arrival (9 hex, epoch s) · shard index (8 hex) · '2'.
 * seqIx grows by one per record in a shard, so numbers strictly increase within a shard.
 * https://github.com/mhart/kinesalite/blob/master/db/index.js
 */
export interface SequenceParts {
  shardCreatedAtMs: number;
  shardIndex: number;
  seqIx: bigint;
  arrivedAtMs: number;
}

/** seqIx of a closed shard's EndingSequenceNumber: larger than any record's. */
export const ENDING_SEQ_IX = 0x7fffffffffffffffn;

/** Bit offsets of each field in the 47-hex-digit layout above (4 bits per hex digit, from the right). */
const CREATED_SHIFT = 148n;
const SHARD_DIGIT_SHIFT = 144n;
const SEQ_IX_SHIFT = 80n;
const ARRIVAL_SHIFT = 36n;
const SHARD_SHIFT = 4n;
const HEAD = 2n << 184n;
const SECONDS_MASK = (1n << 36n) - 1n;

/** Built with integer arithmetic: this runs once per record on every put and read. */
export function formatSequenceNumber(parts: SequenceParts): string {
  const shard = BigInt(parts.shardIndex);
  return (
    HEAD +
    ((BigInt(Math.floor(parts.shardCreatedAtMs / 1000)) & SECONDS_MASK) << CREATED_SHIFT) +
    ((shard & 15n) << SHARD_DIGIT_SHIFT) +
    (parts.seqIx << SEQ_IX_SHIFT) +
    ((BigInt(Math.floor(parts.arrivedAtMs / 1000)) & SECONDS_MASK) << ARRIVAL_SHIFT) +
    ((shard & 0xffffffffn) << SHARD_SHIFT) +
    2n
  ).toString(10);
}

/** Parses a sequence number wharf (or AWS, in this layout) issued; undefined when it is not one. */
export function parseSequenceNumber(decimal: string): SequenceParts | undefined {
  if (!/^[1-9]\d{0,128}$/.test(decimal)) return undefined;
  const hex = BigInt(decimal).toString(16);
  if (hex.length !== 47 || hex[0] !== '2' || hex[46] !== '2') return undefined;
  const seqIx = BigInt(`0x${hex.slice(11, 27)}`);
  if (seqIx > ENDING_SEQ_IX) return undefined;
  return {
    shardCreatedAtMs: parseInt(hex.slice(1, 10), 16) * 1000,
    seqIx,
    arrivedAtMs: parseInt(hex.slice(29, 38), 16) * 1000,
    shardIndex: parseInt(hex.slice(38, 46), 16),
  };
}
