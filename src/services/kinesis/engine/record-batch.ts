/**
 * Records are stored a batch per shard per put: the records one PutRecords call sends to one
 * shard have consecutive seqIx and the same arrival time, so one row holds them all, packed:
 *   per record: sequence number (56 ASCII digits) · partition key length (u16) · key (UTF-8) ·
 *   data length (u32) · data.
 * A 10,000-record read then touches about a hundred rows instead of ten thousand.
 */
export interface BatchRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
}

/** Every sequence number wharf issues has 56 digits (its value lies in [2^185, 3·2^184)). */
export const SEQUENCE_NUMBER_DIGITS = 56;

export function packRecords(records: readonly BatchRecord[]): Buffer {
  let size = 0;
  const keys = records.map((r) => Buffer.from(r.partitionKey, 'utf8'));
  for (let i = 0; i < records.length; i++) size += SEQUENCE_NUMBER_DIGITS + 2 + keys[i]!.length + 4 + records[i]!.data.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.sequenceNumber.length !== SEQUENCE_NUMBER_DIGITS) throw new Error(`sequence number of ${record.sequenceNumber.length} digits`);
    at += out.write(record.sequenceNumber, at, 'latin1');
    at = out.writeUInt16LE(keys[i]!.length, at);
    at += keys[i]!.copy(out, at);
    at = out.writeUInt32LE(record.data.length, at);
    at += record.data.copy(out, at);
  }
  return out;
}

/**
 * Appends the records of a packed batch from record `fromIndex` on to `out`, each with the
 * batch's arrival time, until `out` holds `limit` records or their data would pass `maxBytes`
 * (`bytes` is the data already in `out`). Data are views into `packed`. Returns the new byte
 * total, or -1 when the read is full. Written as one loop: it runs for every record read.
 */
export function unpackRecords(
  packed: Buffer,
  fromIndex: number,
  arrivedAtMs: number,
  out: (BatchRecord & { arrivedAtMs: number })[],
  limit: number,
  bytes: number,
  maxBytes: number,
): number {
  let at = 0;
  for (let index = 0; at < packed.length; index++) {
    const keyAt = at + SEQUENCE_NUMBER_DIGITS;
    const keyLength = packed.readUInt16LE(keyAt);
    const dataAt = keyAt + 2 + keyLength;
    const dataLength = packed.readUInt32LE(dataAt);
    if (index >= fromIndex) {
      if (out.length >= limit || (out.length > 0 && bytes + dataLength > maxBytes)) return -1;
      bytes += dataLength;
      out.push({
        sequenceNumber: packed.toString('latin1', at, keyAt),
        partitionKey: packed.toString('utf8', keyAt + 2, dataAt),
        data: packed.subarray(dataAt + 4, dataAt + 4 + dataLength),
        arrivedAtMs,
      });
    }
    at = dataAt + 4 + dataLength;
  }
  return bytes;
}
