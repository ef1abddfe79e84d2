import type { FastifyInstance } from 'fastify';

/**
 * While wharf shuts down, every HTTP/1.1 reply says `Connection: close`. The server's close
 * ends the keep-alive connections that are idle when it starts, but not those that become idle
 * later: a long poll answered empty by the shutdown, or any request in flight, would leave its
 * connection open until the client drops it (SDKs keep theirs) or the 72 s keep-alive timeout,
 * and the shutdown would wait that long. (HTTP/2 has no such header: sessions get a GOAWAY.)
 */
export function closeConnectionsWhenClosing(app: FastifyInstance, closing: AbortSignal): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (closing.aborted && request.raw.httpVersionMajor < 2) reply.header('connection', 'close');
    done(null, payload);
  });
}
