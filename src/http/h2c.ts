import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Http2Server, Http2ServerRequest, Http2ServerResponse, ServerHttp2Session, ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';

/** The start of the HTTP/2 connection preface (`PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`); no HTTP/1 method begins with it. */
const H2_PREFACE = Buffer.from('PRI * HTTP/2.0');

export type RequestHandler = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void;

/**
 * Serves cleartext HTTP/2 with prior knowledge (h2c, what the AWS SDK for JavaScript v3 speaks to
 * an `http://` Kinesis endpoint) on the same port as HTTP/1.1: each new connection's first bytes
 * are peeked; a connection that opens with the HTTP/2 preface goes to an HTTP/2 server whose
 * requests reach the same handler (Fastify's router), any other to the HTTP/1 server as before.
 */
export interface H2cLimits {
  /** A stream must have sent its whole request within this much inactivity. */
  requestTimeoutMs: number;
  /** A session, or a stream whose request is in, with no frame for this long is closed. */
  idleTimeoutMs: number;
}

// node:http2 loads with the first HTTP/2 connection: start-up and HTTP/1.1 clients do not need it.
const requireModule = createRequire(import.meta.url);
const http2Module = (): typeof import('node:http2') => requireModule('node:http2') as typeof import('node:http2');

export function serveH2cAlongside(http1: HttpServer, handler: RequestHandler, limits: H2cLimits): { closeSessions(): void } {
  const sessions = new Set<ServerHttp2Session>();
  // The socket being handed over: 'session' is emitted synchronously inside emit('connection').
  let handingOver: Socket | undefined;
  const sockets = new Map<Socket, ServerHttp2Session>();
  let server: Http2Server | undefined;
  const http2 = (): Http2Server => {
    if (server) return server;
    server = http2Module().createServer({}, handler);
    // Node destroys a session whose socket sees no traffic for this long (a client that stalled mid-frame, or went quiet).
    server.setTimeout(limits.idleTimeoutMs);
    server.on('stream', (stream: ServerHttp2Stream) => limitStream(stream, limits));
    server.on('session', (session: ServerHttp2Session) => {
      const socket = handingOver;
      sessions.add(session);
      if (socket) {
        sockets.set(socket, session);
        socket.once('close', () => sockets.delete(socket));
      }
      session.once('close', () => {
        sessions.delete(session);
        socket?.destroy();
      });
    });
    return server;
  };
  const http1Listeners = http1.listeners('connection') as ((socket: Socket) => void)[];
  http1.removeAllListeners('connection');
  // Connections whose first bytes have not arrived yet (an SDK may open one it never uses).
  const undecided = new Set<Socket>();
  http1.on('connection', (socket: Socket) => {
    undecided.add(socket);
    socket.once('close', () => undecided.delete(socket));
    // Neither server sees the socket before its first bytes, so neither's timeouts apply yet.
    socket.setTimeout(limits.requestTimeoutMs, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      undecided.delete(socket);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      const isH2 = first.subarray(0, H2_PREFACE.length).equals(H2_PREFACE.subarray(0, Math.min(first.length, H2_PREFACE.length)));
      // HTTP/2 reads what is already buffered on the next tick; HTTP/1 reads through 'data' events.
      if (isH2) {
        // The HTTP/1 server's sockets stay half-open when the client ends its side; an HTTP/2
        // server's do not (a client that closed its side can send no more frames, not even
        // flow-control updates). Without this, a session whose client went away kept its open
        // streams, e.g. a SubscribeToShard subscription, alive until a write failed.
        socket.allowHalfOpen = false;
        handingOver = socket;
        http2().emit('connection', socket);
        handingOver = undefined;
        return;
      }
      for (const listener of http1Listeners) listener.call(http1, socket);
      socket.resume();
    });
  });
  // A session lets its open streams finish, then ends; an undecided connection has nothing in
  // flight. Both must go for the HTTP/1 server's close to complete.
  return {
    closeSessions: () => {
      sessions.forEach((s) => s.close());
      undecided.forEach((s) => s.destroy());
      // A session that a client ended with GOAWAY can be destroyed without closing the socket it
      // took over (the client keeps the TCP connection half-open); the HTTP/1 server would count
      // it as live forever and never finish closing.
      for (const [socket, session] of sockets) if (session.destroyed) socket.destroy();
    },
  };
}

/**
 * HTTP/2's counterpart of HTTP/1's request timeout, per stream (other streams of the session may
 * keep its socket busy): a stream that goes quiet while its request is still arriving is reset;
 * once the request is in, only the idle timeout applies, which a long poll (an answer within 20 s)
 * and SubscribeToShard (an event every 5 s) stay inside.
 */
function limitStream(stream: ServerHttp2Stream, limits: H2cLimits): void {
  const reset = () => stream.close(http2Module().constants.NGHTTP2_CANCEL);
  const received = () => stream.setTimeout(limits.idleTimeoutMs, reset);
  // A GET's HEADERS frame ends its request; a body's end is seen once it has been read.
  if (stream.endAfterHeaders) return received();
  stream.setTimeout(limits.requestTimeoutMs, reset);
  stream.once('end', received);
}
