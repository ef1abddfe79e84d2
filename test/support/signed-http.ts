import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Path and query exactly as sent (percent-encoding preserved). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP/1.1 request with exactly these headers (fetch would add or forbid some, e.g. Host). */
export function send(baseUrl: string, req: RawRequest): Promise<RawReply> {
  const url = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...req.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function signer(service: string, key: SigningKey): SignatureV4 {
  return new SignatureV4({ service, region: 'us-east-1', credentials: key, sha256: Hash.bind(null, 'sha256') });
}

/** The smithy request the AWS SDK for JavaScript would sign for `req` sent to `baseUrl`. */
function smithyRequest(baseUrl: string, req: RawRequest) {
  const url = new URL(baseUrl);
  const [path, search = ''] = req.path.split('?', 2) as [string, string?];
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const existing = query[k];
    query[k] = existing === undefined ? v : [...(Array.isArray(existing) ? existing : [existing]), v];
  }
  return {
    method: req.method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query,
    headers: { host: url.host, ...req.headers },
    body: req.body,
  };
}

/**
 * Signs with the same SigV4 signer the AWS SDKs use, then sends with the headers as signed;
 * `tamperedBody` replaces the body after signing, as a proxy that rewrites requests would.
 */
export async function sendSigned(baseUrl: string, service: string, key: SigningKey, req: RawRequest, tamperedBody?: string): Promise<RawReply> {
  const signed = await signer(service, key).sign(smithyRequest(baseUrl, req));
  return send(baseUrl, { ...req, headers: signed.headers, ...(tamperedBody === undefined ? {} : { body: tamperedBody }) });
}

/** A presigned URL's path and query, from the SDKs' signer (`expiresIn` seconds). */
export async function presign(baseUrl: string, service: string, key: SigningKey, req: RawRequest, expiresIn = 300): Promise<string> {
  const presigned = await signer(service, key).presign(smithyRequest(baseUrl, req), { expiresIn });
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((value) => `${encodeURIComponent(k)}=${encodeURIComponent(value ?? '')}`))
    .join('&');
  return `${presigned.path}?${query}`;
}
