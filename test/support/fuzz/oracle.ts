import { decodeFirstSync } from 'cbor';
import { XMLValidator } from 'fast-xml-parser';
import type { FuzzRequest } from './requests.js';

/** The reply wharf got back, as bytes. */
export interface FuzzReply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export type ReplyProtocol = 'xml' | 'json' | 'cbor' | 'coral-xml';

/**
 * The protocol a reply must be in, read from the request's headers alone, as AWS's frontends
 * do: an X-Amz-Target header means a JSON protocol (CBOR when the Content-Type says so), and so
 * do Kinesis's own encodings (AWS JSON 1.1, CBOR) without one; anything else is the query
 * protocol, answered in XML. A Kinesis target in another encoding gets Coral's bare 404
 * `<UnknownOperationException/>` (docs/fidelity.md, KIN-CONTENT-TYPE).
 */
export function replyProtocolOf(req: Pick<FuzzRequest, 'headers'> & { body?: Buffer | string }): ReplyProtocol {
  const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const kinesisEncoding = contentType === 'application/x-amz-json-1.1' ? 'json' : contentType === 'application/x-amz-cbor-1.1' ? 'cbor' : undefined;
  const target = req.headers['x-amz-target'];
  if (target === undefined) return kinesisEncoding ?? 'xml';
  const kinesisTarget = (target.lastIndexOf('.') === -1 ? target : target.slice(0, target.lastIndexOf('.'))) === 'Kinesis_20131202';
  if (kinesisTarget && !kinesisEncoding && contentType !== 'application/json' && (req.body === undefined || req.body.length > 0)) return 'coral-xml';
  return (req.headers['content-type'] ?? '').includes('cbor') ? 'cbor' : 'json';
}

const XML_ERROR =
  /^<\?xml version="1\.0"\?><ErrorResponse(?: xmlns="[^"]*")?><Error><Type>(Sender|Receiver)<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message>(?:<Detail\/>)?<\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/;
const XML_SUCCESS = /^<\?xml version="1\.0"\?><(\w+)Response xmlns="[^"]+">/;
const JSON_TYPES = /^application\/x-amz-json-1\.[01]$/;

/**
 * What is wrong with a reply, or undefined when it is what AWS could send: a 2xx in the
 * request's protocol, or a 4xx error in that protocol's error shape. A 5xx is always wrong:
 * nothing a client sends may break wharf.
 */
export function replyProblem(req: FuzzRequest, reply: FuzzReply, protocolOverride?: ReplyProtocol): string | undefined {
  if (reply.status >= 500) return `status ${reply.status}: ${preview(reply.body)}`;
  if (reply.status >= 300 && reply.status < 400) return `redirect ${reply.status}`;
  if (!header(reply, 'x-amzn-requestid')) return 'no x-amzn-requestid header';
  // HEAD replies carry the status and headers of a GET, without a body.
  if (req.method === 'HEAD') return undefined;
  const protocol = protocolOverride ?? replyProtocolOf(req);
  const type = header(reply, 'content-type') ?? '';
  const ok = reply.status >= 200 && reply.status < 300;
  switch (protocol) {
    case 'coral-xml':
      if (reply.status === 404 && reply.body.toString('utf8') === '<UnknownOperationException/>\n') return undefined;
      // Edge errors (a bad path or method) come before Kinesis reads the Content-Type: JSON, as for any target.
      return type !== 'application/xml' && !ok
        ? replyProblem(req, reply, (req.headers['content-type'] ?? '').includes('cbor') ? 'cbor' : 'json')
        : `not Coral's 404 UnknownOperationException: ${reply.status} ${preview(reply.body)}`;
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
      // Kinesis operations without output answer an empty body (KIN-EMPTY-BODY).
      if (ok && reply.body.length === 0) return undefined;
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
      if (ok && reply.body.length === 0) return undefined;
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
  const { __type, message, Message } = document as { __type?: unknown; message?: unknown; Message?: unknown };
  if (typeof __type !== 'string' || __type === '') return `error without __type: ${JSON.stringify(document)}`;
  // Coral's framework errors (Kinesis): `Message`, or `__type` alone (KIN-CORAL-ERRORS).
  if (typeof message === 'string' || typeof Message === 'string') return undefined;
  if (__type === 'SerializationException' || __type === 'UnknownOperationException') return undefined;
  return `error without message: ${JSON.stringify(document)}`;
}

function header(reply: FuzzReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value);
}

function preview(body: Buffer): string {
  return JSON.stringify(body.subarray(0, 400).toString('utf8'));
}
