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

export function formatSequenceNumber(parts: SequenceParts): string {
  const hex = [
    '2',
    hex9(parts.shardCreatedAtMs),
    (parts.shardIndex % 16).toString(16),
    parts.seqIx.toString(16).padStart(16, '0'),
    '00',
    hex9(parts.arrivedAtMs),
    parts.shardIndex.toString(16).padStart(8, '0'),
    '2',
  ].join('');
  return BigInt(`0x${hex}`).toString(10);
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

function hex9(epochMs: number): string {
  return Math.floor(epochMs / 1000).toString(16).padStart(9, '0').slice(-9);
}
