import * as limits from '../limits.js';

interface Window {
  second: number;
  bytes: number;
  count: number;
}

/**
 * AWS's per-shard limits over one-second windows, kept in memory (they matter only while a
 * client is pushing): writes 1 MiB/s or 1,000 records/s; shared reads 5 calls/s and 2 MiB/s.
 */
export class Throttle {
  private readonly writes = new Map<number, Window>();
  private readonly reads = new Map<number, Window>();

  allowWrite(shardRow: number, nowMs: number, bytes: number): boolean {
    const w = windowOf(this.writes, shardRow, nowMs);
    if (w.count + 1 > limits.SHARD_WRITE_RECORDS_PER_SECOND || w.bytes + bytes > limits.SHARD_WRITE_BYTES_PER_SECOND) return false;
    w.count += 1;
    w.bytes += bytes;
    return true;
  }

  allowReadCall(shardRow: number, nowMs: number): boolean {
    const w = windowOf(this.reads, shardRow, nowMs);
    if (w.count + 1 > limits.SHARD_READ_CALLS_PER_SECOND || w.bytes >= limits.SHARD_READ_BYTES_PER_SECOND) return false;
    w.count += 1;
    return true;
  }

  recordRead(shardRow: number, nowMs: number, bytes: number): void {
    windowOf(this.reads, shardRow, nowMs).bytes += bytes;
  }
}

function windowOf(map: Map<number, Window>, shardRow: number, nowMs: number): Window {
  const second = Math.floor(nowMs / 1000);
  let w = map.get(shardRow);
  if (!w || w.second !== second) {
    w = { second, bytes: 0, count: 0 };
    map.set(shardRow, w);
  }
  return w;
}
