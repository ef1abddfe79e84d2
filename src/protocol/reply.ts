/** A fully rendered HTTP reply; the HTTP layer only copies it onto the socket. */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}
