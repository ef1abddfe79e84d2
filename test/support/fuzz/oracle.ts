import { decodeFirstSync } from 'cbor';
import { XMLValidator } from 'fast-xml-parser';
import type { FuzzRequest } from './requests.js';

/** The reply wharf got back, as bytes. */
export interface FuzzReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export type ReplyProtocol = 'xml' | 'json' | 'cbor';

/**
 * The protocol a reply must be in, read from the request's headers alone, as AWS's frontends
 * do: an X-Amz-Target header means a JSON protocol (CBOR when the Content-Type says so);
 * anything else is the query protocol, answered in XML.
 */
export function replyProtocolOf(req: Pick<FuzzRequest, 'headers'>): ReplyProtocol {
  if (req.headers['x-amz-target'] === undefined) return 'xml';
  return (req.headers['content-type'] ?? '').includes('cbor') ? 'cbor' : 'json';
}

const XML_ERROR = /^<\?xml version="1\.0"\?><ErrorResponse(?: xmlns="[^"]*")?><Error><Type>(Sender|Receiver)<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message>(?:<Detail\/>)?<\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/;
const XML_SUCCESS = /^<\?xml version="1\.0"\?><(\w+)Response xmlns="[^"]+">/;
const JSON_TYPES = /^application\/x-amz-json-1\.[01]$/;

/**
 * What is wrong with a reply, or undefined when it is what AWS could send: a 2xx in the
 * request's protocol, or a 4xx error in that protocol's error shape. A 5xx is always wrong:
 * nothing a client sends may break wharf.
 */
export function replyProblem(req: FuzzRequest, reply: FuzzReply): string | undefined {
  if (reply.status >= 500) return `status ${reply.status}: ${preview(reply.body)}`;
  if (reply.status >= 300 && reply.status < 400) return `redirect ${reply.status}`;
  if (!header(reply, 'x-amzn-requestid')) return 'no x-amzn-requestid header';
  // HEAD replies carry the status and headers of a GET, without a body.
  if (req.method === 'HEAD') return undefined;
  const protocol = replyProtocolOf(req);
  const type = header(reply, 'content-type') ?? '';
  const ok = reply.status >= 200 && reply.status < 300;
  switch (protocol) {
    case 'xml': {
      if (type !== 'text/xml') return `query reply with Content-Type ${type}`;
      const text = reply.body.toString('utf8');
      if (XMLValidator.validate(text) !== true) return `malformed XML: ${preview(reply.body)}`;
      if (ok) return XML_SUCCESS.test(text) ? undefined : `not an <OperationResponse>: ${preview(reply.body)}`;
      return XML_ERROR.test(text) ? undefined : `not an <ErrorResponse>: ${preview(reply.body)}`;
    }
    case 'json': {
      if (!JSON_TYPES.test(type) && !(ok && type === 'application/vnd.amazon.eventstream')) return `JSON reply with Content-Type ${type}`;
      if (type === 'application/vnd.amazon.eventstream') return undefined;
      let document: unknown;
      try {
        document = JSON.parse(reply.body.toString('utf8'));
      } catch {
        return `reply is not JSON: ${preview(reply.body)}`;
      }
      return documentProblem(document, ok);
    }
    case 'cbor': {
      if (type !== 'application/x-amz-cbor-1.1' && !(ok && type === 'application/vnd.amazon.eventstream')) return `CBOR reply with Content-Type ${type}`;
      if (type === 'application/vnd.amazon.eventstream') return undefined;
      let document: unknown;
      try {
        document = decodeFirstSync(reply.body);
      } catch {
        return `reply is not CBOR: ${reply.body.toString('hex').slice(0, 200)}`;
      }
      return documentProblem(document, ok);
    }
  }
}

function documentProblem(document: unknown, ok: boolean): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return `reply is not an object: ${JSON.stringify(document)}`;
  if (ok) return undefined;
  const { __type, message } = document as { __type?: unknown; message?: unknown };
  if (typeof __type !== 'string' || __type === '') return `error without __type: ${JSON.stringify(document)}`;
  if (typeof message !== 'string') return `error without message: ${JSON.stringify(document)}`;
  return undefined;
}

function header(reply: FuzzReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value);
}

function preview(body: Buffer): string {
  return JSON.stringify(body.subarray(0, 400).toString('utf8'));
}
