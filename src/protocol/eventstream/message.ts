import { crc32 } from 'node:zlib';

/**
 * One message of AWS's event-stream encoding (`application/vnd.amazon.eventstream`):
 *   total length (u32) · headers length (u32) · prelude CRC32 · headers · payload · message CRC32
 * with string headers as name length (u8) · name · type 7 · value length (u16) · value.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html
 */
export function encodeEventMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const n = Buffer.from(name, 'utf8');
      const v = Buffer.from(value, 'utf8');
      const h = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
      h.writeUInt8(n.length, 0);
      n.copy(h, 1);
      h.writeUInt8(7, 1 + n.length);
      h.writeUInt16BE(v.length, 2 + n.length);
      v.copy(h, 4 + n.length);
      return h;
    }),
  );
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payload.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** Reads messages back (for tests and tools): headers as strings, payload as bytes. */
export function decodeEventMessages(bytes: Buffer): { headers: Record<string, string>; payload: Buffer }[] {
  const out = [];
  let offset = 0;
  while (offset < bytes.length) {
    const total = bytes.readUInt32BE(offset);
    const headersLength = bytes.readUInt32BE(offset + 4);
    const headers: Record<string, string> = {};
    let h = offset + 12;
    while (h < offset + 12 + headersLength) {
      const nameLength = bytes.readUInt8(h);
      const name = bytes.subarray(h + 1, h + 1 + nameLength).toString('utf8');
      const valueLength = bytes.readUInt16BE(h + 2 + nameLength);
      headers[name] = bytes.subarray(h + 4 + nameLength, h + 4 + nameLength + valueLength).toString('utf8');
      h += 4 + nameLength + valueLength;
    }
    out.push({ headers, payload: bytes.subarray(offset + 12 + headersLength, offset + total - 4) });
    offset += total;
  }
  return out;
}
