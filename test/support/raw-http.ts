import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A raw TCP client for what HTTP clients will not send: half headers, lying lengths, stalls. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): Buffer;
  /** Resolves when the server has closed the connection (or after `ms`, with closed false). */
  closed(ms: number): Promise<{ closed: boolean; afterMs: number }>;
  /** Writes, ignoring a connection the server already dropped (EPIPE/ECONNRESET are the point of some tests). */
  write(data: string | Buffer): Promise<boolean>;
}

export async function rawConnect(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  const openedAt = performance.now();
  let closedAt: number | undefined;
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => {});
  socket.on('close', () => (closedAt = performance.now()));
  return {
    socket,
    received: () => Buffer.concat(chunks),
    closed: (ms) =>
      new Promise((resolve) => {
        const done = () => resolve({ closed: closedAt !== undefined, afterMs: (closedAt ?? performance.now()) - openedAt });
        if (closedAt !== undefined) return done();
        const timer = setTimeout(done, ms);
        socket.once('close', () => {
          clearTimeout(timer);
          done();
        });
      }),
    write: (data) =>
      new Promise((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve(false);
        socket.write(data, (err) => resolve(!err));
      }),
  };
}

/** Status, lower-case headers and body of the first HTTP/1.1 response in `bytes`. */
export function parseResponse(bytes: Buffer): { status: number; headers: Record<string, string>; body: Buffer } {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`no complete response head in ${JSON.stringify(bytes.subarray(0, 200).toString('latin1'))}`);
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : bytes.length - end - 4;
  return { status: Number(statusLine!.split(' ')[1]), headers, body: bytes.subarray(end + 4, end + 4 + length) };
}
