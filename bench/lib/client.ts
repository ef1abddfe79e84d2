// A deliberately thin SQS JSON-protocol client on node:http. The AWS SDK would
// spend more CPU per call than some of the servers we measure, and on a
// two-core machine the load generator shares the box with the server, so
// requests are pre-built once and replies are only parsed when needed.
import http from 'node:http';
import { setMaxListeners } from 'node:events';

/** Fake SigV4 header: enough for servers that read region/service from it; nobody verifies it. */
export const FAKE_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sqs/aws4_request, ' + 'SignedHeaders=host;x-amz-date, Signature=0000';

const DEFAULT_TIMEOUT_MS = 10_000;

export interface Reply {
  /** HTTP status, or 0 when the request failed below HTTP (refused, reset, timed out, aborted). */
  readonly status: number;
  /** Reply body, or the network error message when status is 0. */
  readonly body: string;
}

/** A request whose headers and body are built once and sent many times. */
export interface PreparedCall {
  readonly options: http.RequestOptions;
  readonly body: Buffer;
  readonly timeoutMs: number;
}

/** Sends a prepared request. Never rejects: network failures come back as status 0 so callers have one error path. */
export function sendPrepared(call: PreparedCall): Promise<Reply> {
  return new Promise<Reply>((resolve) => {
    const req = http.request(call.options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => resolve({ status: 0, body: err.message }));
    });
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.setTimeout(call.timeoutMs, () => req.destroy(new Error(`no reply within ${call.timeoutMs} ms`)));
    req.end(call.body);
  });
}

export class SqsJsonClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  /**
   * @param maxSockets size the pool to the scenario's concurrency so no request
   *   waits for a socket inside the client (that would be measured as server time).
   * @param signal aborts every in-flight request, so a scenario time limit cannot hang.
   */
  constructor(
    baseUrl: string,
    maxSockets: number,
    private readonly signal?: AbortSignal,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
    // Every in-flight request listens on the signal; 64 of them are expected, not a leak.
    if (signal) setMaxListeners(0, signal);
  }

  prepare(operation: string, payload: object, timeoutMs = DEFAULT_TIMEOUT_MS): PreparedCall {
    const body = Buffer.from(JSON.stringify(payload));
    const options: http.RequestOptions = {
      host: this.url.hostname,
      port: this.url.port,
      path: '/',
      method: 'POST',
      agent: this.agent,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'Content-Length': String(body.length),
        'X-Amz-Target': `AmazonSQS.${operation}`,
        'x-amzn-query-mode': 'true',
        'X-Amz-Date': '20260101T000000Z',
        Authorization: FAKE_AUTHORIZATION,
      },
      ...(this.signal ? { signal: this.signal } : {}),
    };
    return { options, body, timeoutMs };
  }

  send(call: PreparedCall): Promise<Reply> {
    return sendPrepared(call);
  }

  call(operation: string, payload: object, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Reply> {
    return this.send(this.prepare(operation, payload, timeoutMs));
  }

  close(): void {
    this.agent.destroy();
  }
}

/** JSON.parse that returns undefined instead of throwing (error bodies are not always JSON). */
export function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One line describing a failed reply, used to group errors in the report. */
export function describeFailure(reply: Reply): string {
  if (reply.status === 0) return `network: ${reply.body}`;
  const parsed = parseJson(reply.body);
  const type = parsed?.['__type'];
  const message = parsed?.['message'] ?? parsed?.['Message'];
  if (typeof type === 'string') return `HTTP ${reply.status} ${type}${typeof message === 'string' ? `: ${message}` : ''}`;
  return `HTTP ${reply.status}: ${reply.body.slice(0, 160).replace(/\s+/g, ' ')}`;
}
