import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shard iterators are opaque to clients. wharf's carry the position (stream, shard, next seqIx)
 * and the time they were issued (AWS expires them after 5 minutes), behind AWS's 8-byte header
 * (iterators start `AAAAAAAAAAE…`) and an HMAC so that a tampered one is "Invalid ShardIterator."
 */
export interface IteratorPosition {
  streamId: number;
  streamName: string;
  shardIndex: number;
  seqIx: number;
  issuedAtMs: number;
}

const HEADER = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);
const MAC_BYTES = 16;
const KEY = 'wharf-kinesis-shard-iterator';

export function encodeShardIterator(p: IteratorPosition): string {
  const payload = Buffer.from(`${p.issuedAtMs}/${p.streamId}/${p.shardIndex}/${p.seqIx}/${p.streamName}`, 'utf8');
  return Buffer.concat([HEADER, payload, mac(payload)]).toString('base64');
}

export function decodeShardIterator(iterator: string): IteratorPosition | undefined {
  const raw = Buffer.from(iterator, 'base64');
  if (raw.length <= HEADER.length + MAC_BYTES || !raw.subarray(0, HEADER.length).equals(HEADER)) return undefined;
  const payload = raw.subarray(HEADER.length, raw.length - MAC_BYTES);
  if (!timingSafeEqual(mac(payload), raw.subarray(raw.length - MAC_BYTES))) return undefined;
  const match = /^(\d+)\/(\d+)\/(\d+)\/(\d+)\/(.+)$/.exec(payload.toString('utf8'));
  if (!match) return undefined;
  return { issuedAtMs: Number(match[1]), streamId: Number(match[2]), shardIndex: Number(match[3]), seqIx: Number(match[4]), streamName: match[5]! };
}

function mac(payload: Buffer): Buffer {
  return createHmac('sha256', KEY).update(payload).digest().subarray(0, MAC_BYTES);
}
