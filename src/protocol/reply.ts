/** A fully rendered HTTP reply; the HTTP layer only copies it onto the socket. */
import type { Readable } from 'node:stream';

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  /** A Readable for event streams, written as it is produced. */
  body: string | Buffer | Readable;
}
