import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock, SystemClock, type Clock } from '../../src/clock.js';
import type { RunningServer } from '../../src/server.js';
import { startTestServer } from './server.js';
import { connectSqs, type SqsConnection, type SqsProtocol } from './sqs-clients.js';

/**
 * One started wharf per test file, reset after every test, with a client of the given protocol
 * that keeps each raw response body (see `keepRawBodies`). Reach everything through the
 * returned object inside tests/hooks: it is filled in by `beforeAll`.
 */
export interface SqsSuite {
  server: RunningServer;
  clock: Clock;
  sqs: SqsConnection;
  /** A client of the same protocol with other credentials or region (accounts, regions). */
  connect(options?: { accessKeyId?: string; region?: string; endpoint?: string }): SqsConnection;
  /** Creates a queue and returns its URL. */
  createQueue(name?: string, attributes?: Record<string, string>): Promise<string>;
}

export function useSqsServer(protocol: SqsProtocol, options: { clock?: () => Clock } = {}): SqsSuite {
  const suite = {} as SqsSuite;
  beforeAll(async () => {
    suite.clock = options.clock?.() ?? new ManualClock();
    suite.server = await startTestServer({ clock: suite.clock });
    suite.connect = (o = {}) => {
      const conn = connectSqs(protocol, o.endpoint ?? suite.server.url);
      if (o.accessKeyId || o.region) {
        conn.client = new conn.sdk.SQSClient({
          endpoint: o.endpoint ?? suite.server.url,
          region: o.region ?? 'us-east-1',
          credentials: { accessKeyId: o.accessKeyId ?? 'AKIDWHARFTEST', secretAccessKey: 'secret' },
          maxAttempts: 1,
        });
      }
      keepRawBodies(conn.client);
      return conn;
    };
    suite.sqs = suite.connect();
    suite.createQueue = async (name = 'orders', attributes) => {
      const out = await suite.sqs.client.send(new suite.sqs.sdk.CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
      return out.QueueUrl!;
    };
  });
  afterEach(() => {
    suite.server.emulator.reset();
    if (suite.clock instanceof ManualClock) suite.clock.set(Date.UTC(2026, 0, 1));
  });
  afterAll(async () => {
    await suite.server?.close();
  });
  return suite;
}

/** A real system clock: for the one test where a long poll must wake on a send. */
export const systemClock = (): Clock => new SystemClock();

const RAW_BODY = Symbol.for('wharf.test.rawBody');

/**
 * Buffers every HTTP response body before the SDK deserializes it and keeps the text on the
 * response object, which the SDK hangs on errors as `$response`. This lets error assertions
 * read the exact XML/JSON wharf sent, which the old query SDK hides ("UnknownError").
 */
export function keepRawBodies(client: { middlewareStack: unknown }): void {
  // Any v3 client (SQS, SNS): the middleware only touches the raw HTTP response.
  (client.middlewareStack as SqsConnection['client']['middlewareStack']).add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { body?: unknown; [RAW_BODY]?: string };
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      response[RAW_BODY] = bytes.toString('utf8');
      response.body = Readable.from([bytes]);
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'wharfKeepRawBody' },
  );
}

export function rawBodyOf(err: unknown): string {
  const body = (err as { $response?: { [RAW_BODY]?: string } }).$response?.[RAW_BODY];
  if (body === undefined) throw new Error(`no raw response body kept on ${String(err)}`);
  return body;
}

/** How AWS names each SQS error on the wire: query code, JSON __type, HTTP status. */
const CATALOGUE = {
  QueueDoesNotExist: { code: 'AWS.SimpleQueueService.NonExistentQueue', status: 400, modelled: true },
  QueueNameExists: { code: 'QueueAlreadyExists', status: 400, modelled: true },
  QueueDeletedRecently: { code: 'AWS.SimpleQueueService.QueueDeletedRecently', status: 400, modelled: true },
  PurgeQueueInProgress: { code: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403, modelled: true },
  EmptyBatchRequest: { code: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400, modelled: true },
  TooManyEntriesInBatchRequest: { code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', status: 400, modelled: true },
  BatchEntryIdsNotDistinct: { code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400, modelled: true },
  InvalidBatchEntryId: { code: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400, modelled: true },
  BatchRequestTooLong: { code: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400, modelled: true },
  UnsupportedOperation: { code: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400, modelled: true },
  ReceiptHandleIsInvalid: { code: 'ReceiptHandleIsInvalid', status: 404, modelled: true },
  InvalidAttributeName: { code: 'InvalidAttributeName', status: 400, modelled: true },
  InvalidAttributeValue: { code: 'InvalidAttributeValue', status: 400, modelled: true },
  InvalidMessageContents: { code: 'InvalidMessageContents', status: 400, modelled: true },
  InvalidAddress: { code: 'InvalidAddress', status: 404, modelled: true },
  // Message move tasks: 404 as LocalStack recorded against AWS (test_sqs_move_task.snapshot.json, 2024).
  ResourceNotFoundException: { code: 'ResourceNotFoundException', status: 404, modelled: true },
  InvalidParameterValue: { code: 'InvalidParameterValue', status: 400, modelled: false, jsonType: 'com.amazon.coral.service#InvalidParameterValueException' },
  MissingParameter: { code: 'MissingParameter', status: 400, modelled: false, jsonType: 'com.amazon.coral.service#MissingRequiredParameterException' },
} as const;
export type SqsErrorName = keyof typeof CATALOGUE;

export async function errorOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Asserts an SQS error as each protocol shows it:
 * - JSON: the SDK's name (shape name), `Code` (query code from x-amzn-query-error), message,
 *   status, and the `__type` in the body;
 * - query: the SDK's name (the shape the query code maps to), status, and the raw XML's
 *   Type/Code/Message (the old SDK reports modelled errors' messages as "UnknownError").
 * `queryMessage` is for the few errors AWS words differently in the query protocol.
 */
export async function expectSqsError(
  conn: SqsConnection,
  promise: Promise<unknown>,
  name: SqsErrorName,
  message: string,
  options: { queryMessage?: string } = {},
): Promise<void> {
  const err = await errorOf(promise);
  const wire = CATALOGUE[name];
  const status = (err.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
  const raw = rawBodyOf(err);
  if (conn.protocol === 'json') {
    const jsonType = 'jsonType' in wire ? wire.jsonType : `com.amazonaws.sqs#${name}`;
    expect({ name: err.name, code: err.Code, message: err.message, status, type: (JSON.parse(raw) as { __type?: string }).__type }).toEqual({
      name: wire.modelled ? name : wire.code,
      code: wire.code,
      message,
      status: wire.status,
      type: jsonType,
    });
  } else {
    // The 3.445 SDK maps a query code to its shape name only for the errors the operation
    // declared in the query-era model; other codes keep their wire name.
    expect({ name: err.name, status, xml: xmlError(raw) }).toEqual({
      name: wire.modelled ? expect.toBeOneOf([name, wire.code]) : wire.code,
      status: wire.status,
      xml: { type: 'Sender', code: wire.code, message: options.queryMessage ?? message },
    });
  }
}

/** The Type/Code/Message of an XML ErrorResponse, entities decoded. */
export function xmlError(xml: string): { type?: string; code?: string; message?: string } {
  const tag = (name: string) => {
    const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
    return m ? decodeXml(m[1]!) : undefined;
  };
  return { type: tag('Type'), code: tag('Code'), message: tag('Message') };
}

export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The ARN of a queue of the test account and region. */
export function queueArnOf(name: string, account = '000000000000', region = 'us-east-1'): string {
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

/** The query-protocol message for a missing queue (AWS's wording differs from JSON's). */
export const NO_QUEUE_JSON = 'The specified queue does not exist.';
export const NO_QUEUE_QUERY = 'The specified queue does not exist for this wsdl version.';

export async function expectNoSuchQueue(conn: SqsConnection, promise: Promise<unknown>): Promise<void> {
  await expectSqsError(conn, promise, 'QueueDoesNotExist', NO_QUEUE_JSON, { queryMessage: NO_QUEUE_QUERY });
}

/** Waits (without a timer of its own) until `condition` holds: e.g. a long poll is waiting. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** A form-encoded query request as a signed SDK would send it (the signature is not checked). */
export async function queryRequest(
  url: string,
  params: Record<string, string>,
  options: { accessKeyId?: string; region?: string; method?: 'GET' | 'POST'; host?: string } = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const form = new URLSearchParams({ Version: '2012-11-05', ...params }).toString();
  const headers: Record<string, string> = {
    authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId ?? 'AKID'}/20260101/${options.region ?? 'us-east-1'}/sqs/aws4_request, SignedHeaders=host, Signature=0`,
  };
  if (options.host) headers.host = options.host;
  let response: Response;
  if (options.method === 'GET') {
    response = await fetch(`${url}?${form}`, { headers });
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    response = await fetch(url, { method: 'POST', headers, body: form });
  }
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** An AWS JSON 1.0 request to SQS. */
export async function jsonRequest(url: string, target: string, body: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': target,
      authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/**
 * Asks ReceiveMessage for message system attributes the way each SDK can: the current SDK has
 * MessageSystemAttributeNames; the query-era SDK only the (now deprecated) AttributeNames.
 */
export function systemAttributeNames(protocol: SqsProtocol, names: string[]): { MessageSystemAttributeNames?: never[]; AttributeNames?: never[] } {
  return protocol === 'json' ? { MessageSystemAttributeNames: names as never[] } : { AttributeNames: names as never[] };
}
