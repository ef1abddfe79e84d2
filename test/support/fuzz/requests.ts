import fc from 'fast-check';
import type { ServiceModel } from '../../../src/protocol/model/shapes.js';
import { kinesisModel } from '../../../src/services/kinesis/index.js';
import { snsModel } from '../../../src/services/sns/index.js';
import { sqsModel } from '../../../src/services/sqs/index.js';
import { formEncode, toCbor, toJsonText, toQueryParams } from './encode.js';
import { HOSTILE_NAMES, hasNumericMembers, inputArbitrary, type LiveValues } from './model-arbitrary.js';
import { applyByteMutation, applyParamMutation, byteMutation, paramMutation } from './mutate.js';

/** One HTTP request as the fuzzer sends it, with the recipe it was made from (for the report). */
export interface FuzzRequest {
  method: string;
  /** Path and query string. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  recipe: string;
}

const SERVICES = [
  { name: 'sqs', model: sqsModel, scope: 'sqs' },
  { name: 'sns', model: snsModel, scope: 'sns' },
  { name: 'kinesis', model: kinesisModel, scope: 'kinesis' },
] as const;

const operationsOf = (model: ServiceModel) => Object.keys(model.operations);

/** Inputs for one operation of a model (an operation without input shape takes `{}`). */
/** 'numbers': only operations with numeric members, every one of them at or past its type's limits. */
export type Focus = 'numbers' | undefined;

function inputOf(model: ServiceModel, operation: string, live: LiveValues, focus?: Focus): fc.Arbitrary<Record<string, unknown>> {
  const shape = model.operations[operation]!.input?.shape;
  return shape ? inputArbitrary(model, shape, { live, ...(focus === 'numbers' ? { numbers: 'extreme' as const } : {}) }) : fc.constant({});
}

function operationsFor(model: ServiceModel, focus: Focus): string[] {
  const all = operationsOf(model);
  if (focus !== 'numbers') return all;
  return all.filter((op) => {
    const shape = model.operations[op]!.input?.shape;
    return shape !== undefined && hasNumericMembers(model, shape);
  });
}

/** Printable header values (Node's HTTP client and parser refuse control characters). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });

const PATHS = [
  '/',
  '/',
  '/',
  '/000000000000/fuzz-q',
  '/000000000000/fuzz-q.fifo',
  '/123456789012/other',
  '/000000000000/',
  '//',
  '//x',
  '/%',
  '/%ZZ',
  '/%00',
  '/..',
  '/a/../../b',
  '/000000000000/%E0%A4',
  '/?&&=',
  '/;x',
];
const pathArbitrary = fc.oneof(
  { arbitrary: fc.constantFrom(...PATHS), weight: 8 },
  { arbitrary: fc.webPath().filter((p) => p.startsWith('/') && !p.startsWith('/_wharf')), weight: 1 },
);

const methodArbitrary = fc.oneof(
  { arbitrary: fc.constant('POST'), weight: 16 },
  { arbitrary: fc.constant('GET'), weight: 3 },
  { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 },
);

function scopeHeader(service: string, region: string, accessKeyId: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
}

/** Authorization: usually the right scope, sometimes another service's, a strange region, or garbage. */
function authorizationArbitrary(service: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    {
      arbitrary: fc
        .record({
          service: fc.oneof({ arbitrary: fc.constant(service), weight: 6 }, { arbitrary: fc.constantFrom('sqs', 'sns', 'kinesis', 'lambda', 'x'), weight: 1 }),
          region: fc.oneof(
            { arbitrary: fc.constant('us-east-1'), weight: 6 },
            { arbitrary: fc.constantFrom('eu-west-1', 'x', '..', '<r>', 'us-east-1%00', 'ap-south-1"'), weight: 1 },
          ),
          key: fc.constantFrom('AKIDFUZZ', '000000000000', '123456789012'),
        })
        .map((s) => scopeHeader(s.service, s.region, s.key)),
      weight: 6,
    },
    { arbitrary: headerText, weight: 1 },
  );
}

/** Headers every protocol may carry, right or wrong. */
function commonHeaders(service: string): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      authorization: authorizationArbitrary(service),
      'content-encoding': fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 8 },
        { arbitrary: fc.constantFrom('gzip', 'amz-1.0', 'br', 'identity'), weight: 1 },
      ),
      host: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 8 },
        { arbitrary: fc.constantFrom('localhost:4566', 'sqs.us-east-1.localhost.localstack.cloud:4566', '<x>&"', '[::1]:1', 'a b'), weight: 1 },
      ),
    })
    .map(definedOnly);
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));
}

const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE_NAMES),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('1e400', 'NaN', '-1', '99999999999999999999', 'true', ''),
);

/** SQS or SNS over the query protocol: form body, URL query string, or both. */
export function queryRequests(serviceName: 'sqs' | 'sns', live: LiveValues, focus?: Focus): fc.Arbitrary<FuzzRequest> {
  const service = SERVICES.find((s) => s.name === serviceName)!;
  return fc.constantFrom(...operationsFor(service.model, focus)).chain((operation) => {
    const op = service.model.operations[operation]!;
    return fc
      .record({
        input: inputOf(service.model, operation, live, focus),
        paramMutations: fc.array(paramMutation(hostileValue), { maxLength: 3 }),
        placement: fc.constantFrom('body', 'body', 'body', 'url', 'split'),
        method: methodArbitrary,
        path: pathArbitrary,
        contentType: fc.oneof(
          { arbitrary: fc.constant('application/x-www-form-urlencoded'), weight: 8 },
          {
            arbitrary: fc.constantFrom(undefined, 'application/x-www-form-urlencoded; charset=utf-8', 'text/plain', 'application/json', 'multipart/form-data'),
            weight: 1,
          },
        ),
        headers: commonHeaders(service.scope),
        mutation: byteMutation({ open: '', close: '' }),
      })
      .map((r) => {
        const params = [
          ['Action', operation],
          ['Version', service.model.metadata.apiVersion],
          ...(op.input ? toQueryParams(service.model, op.input.shape, r.input) : []),
        ] as [string, string][];
        const mutated = r.paramMutations.reduce(applyParamMutation, params);
        const wanted = r.placement === 'split' ? Math.ceil(mutated.length / 2) : r.placement === 'url' ? mutated.length : 0;
        // A URL stays under Node's 16 KiB header limit (what lies beyond it is tested on raw sockets).
        const cut = Math.min(wanted, fitsInUrl(mutated));
        const query = formEncode(mutated.slice(0, cut));
        const body = applyByteMutation(Buffer.from(formEncode(mutated.slice(cut)), 'utf8'), r.mutation);
        return {
          method: r.method,
          url: query ? `${r.path}${r.path.includes('?') ? '&' : '?'}${query}` : r.path,
          headers: { ...r.headers, ...definedOnly({ 'content-type': r.contentType }) },
          body,
          recipe: `${serviceName} query ${operation}; params ${JSON.stringify(r.paramMutations)}; ${r.placement}; body ${JSON.stringify(r.mutation.kind === 'insert' ? { ...r.mutation, bytes: [...r.mutation.bytes] } : r.mutation)}`,
        };
      });
  });
}

/** How many of the first parameters fit in 8 KiB of query string. */
function fitsInUrl(params: readonly [string, string][]): number {
  let length = 0;
  for (let i = 0; i < params.length; i++) {
    length += formEncode([params[i]!]).length + 1;
    if (length > 8192) return i;
  }
  return params.length;
}

/** SQS (JSON 1.0) or Kinesis (JSON 1.1 or CBOR): X-Amz-Target and a document body. */
export function documentRequests(serviceName: 'sqs' | 'kinesis', encoding: 'json' | 'cbor', live: LiveValues, focus?: Focus): fc.Arbitrary<FuzzRequest> {
  const service = SERVICES.find((s) => s.name === serviceName)!;
  const prefix = service.model.metadata.targetPrefix!;
  const rightType = encoding === 'cbor' ? 'application/x-amz-cbor-1.1' : `application/x-amz-json-${service.model.metadata.jsonVersion}`;
  return fc.constantFrom(...operationsFor(service.model, focus)).chain((operation) =>
    fc
      .record({
        input: inputOf(service.model, operation, live, focus),
        asArrayOrScalar: fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: fc.constantFrom([], 'x', 1, null, true), weight: 1 }),
        target: fc.oneof(
          { arbitrary: fc.constant(`${prefix}.${operation}`), weight: 12 },
          {
            arbitrary: fc.constantFrom(
              `${prefix}.`,
              prefix,
              '',
              `${prefix}.${operation.toLowerCase()}`,
              `${prefix}.__proto__`,
              `${prefix}.hasOwnProperty`,
              `x.${operation}`,
              `${prefix}.${operation}.x`,
            ),
            weight: 1,
          },
        ),
        contentType: fc.oneof(
          { arbitrary: fc.constant(rightType), weight: 10 },
          {
            arbitrary: fc.constantFrom(
              undefined,
              'application/json',
              'application/x-amz-json-1.0',
              'application/x-amz-json-1.1',
              'application/x-amz-cbor-1.1',
              'text/plain',
              'application/cbor; x',
            ),
            weight: 1,
          },
        ),
        method: methodArbitrary,
        path: pathArbitrary,
        headers: commonHeaders(service.scope),
        mutation: byteMutation(encoding === 'cbor' ? { open: '\x81', close: '' } : { open: '[', close: ']' }),
      })
      .map((r) => {
        const document = r.asArrayOrScalar !== undefined ? r.asArrayOrScalar : r.input;
        const encoded = encoding === 'cbor' ? toCbor(document) : Buffer.from(toJsonText(document), 'utf8');
        return {
          method: r.method,
          url: r.path,
          headers: { ...r.headers, 'x-amz-target': r.target, ...definedOnly({ 'content-type': r.contentType }) },
          body: applyByteMutation(encoded, r.mutation),
          recipe: `${serviceName} ${encoding} ${operation}; target ${r.target}; body ${JSON.stringify(r.mutation.kind === 'insert' ? { ...r.mutation, bytes: [...r.mutation.bytes] } : r.mutation)}`,
        };
      }),
  );
}

/** CBOR that no encoder writes: bad UTF-8, huge declared lengths, reserved values, odd keys and tags. */
const HOSTILE_CBOR = [
  'a1 6a 53 74 72 65 61 6d 4e 61 6d 65 62 ff fe', // {"StreamName": <text with invalid UTF-8>}
  '5b ff ff ff ff ff ff ff ff', // byte string of 2^64-1 bytes
  '9b 00 00 00 00 ff ff ff ff', // array of 2^32-1 items
  'bb 00 1f ff ff ff ff ff ff', // map of 2^53-1 entries
  'a1 69 5f 5f 70 72 6f 74 6f 5f 5f a1 61 61 01', // {"__proto__": {"a": 1}}
  'a1 a0 01', // {{}: 1}
  'a1 f6 01', // {null: 1}
  'bf 6a 53 74 72 65 61 6d 4e 61 6d 65 ff', // indefinite map with a key and no value
  'ff', // a lone break
  'f8 18', // simple value 24
  '1c', // reserved additional information
  'c1 63 61 62 63', // tag 1 over a string
  'c2 49 01 00 00 00 00 00 00 00 00', // bignum 2^64
  'a1 6a 53 74 72 65 61 6d 4e 61 6d 65 c1 fb 7f f0 00 00 00 00 00 00', // {"StreamName": tag 1 Infinity}
  'a1 6b 53 68 61 72 64 43 6f 75 6e 74 fb 7f f8 00 00 00 00 00 00', // {"ShardCount": NaN}
  'a1 6b 53 68 61 72 64 43 6f 75 6e 74 1b 00 20 00 00 00 00 00 00', // {"ShardCount": 2^53}
  '7f 61 61 01 ff', // indefinite text with a non-text chunk
  'a1 6a 53 74 72 65 61 6d 4e 61 6d 65 d9 d9 f7 f6', // tag 55799 around null
].map((hex) => Buffer.from(hex.replace(/ /g, ''), 'hex'));

/** Bodies of no protocol at all, with any mix of protocol headers. */
export function garbageRequests(): fc.Arbitrary<FuzzRequest> {
  const services = SERVICES.map((s) => s.model);
  const targets = services.flatMap((m) =>
    m.metadata.targetPrefix
      ? operationsOf(m)
          .slice(0, 5)
          .map((op) => `${m.metadata.targetPrefix}.${op}`)
      : [],
  );
  return fc
    .record({
      method: methodArbitrary,
      path: pathArbitrary,
      target: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 2 },
        { arbitrary: fc.constantFrom(...targets), weight: 2 },
        { arbitrary: headerText, weight: 1 },
      ),
      contentType: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('application/x-amz-json-1.0', 'application/x-amz-json-1.1', 'application/x-amz-cbor-1.1', 'application/x-www-form-urlencoded'),
        headerText,
      ),
      headers: commonHeaders('sqs'),
      body: fc.oneof(
        fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a)),
        fc.constantFrom(...HOSTILE_CBOR),
        fc.string({ unit: 'binary', maxLength: 64 }).map((s) => Buffer.from(s, 'utf8')),
        fc
          .constantFrom('{', '{"', '[]', 'null', '{"__proto__":{"x":1}}', '{"a":1e400}', 'Action', 'Action=', '&&&', '=', '%', 'Action=%E0%A4', '\ufeff{}')
          .map((s) => Buffer.from(s, 'utf8')),
      ),
    })
    .map((r) => ({
      method: r.method,
      url: r.path,
      headers: { ...r.headers, ...definedOnly({ 'x-amz-target': r.target, 'content-type': r.contentType }) },
      body: r.body,
      recipe: 'garbage',
    }));
}

/** Requests whose routing signals disagree: Action vs X-Amz-Target vs credential scope vs path. */
export function conflictingRequests(live: LiveValues): fc.Arbitrary<FuzzRequest> {
  const allOperations = SERVICES.flatMap((s) => operationsOf(s.model).map((op) => ({ service: s, op })));
  return fc
    .record({
      bodyOf: fc.constantFrom(...allOperations),
      urlAction: fc.oneof(fc.constant(undefined), fc.constantFrom(...allOperations.map((o) => o.op), 'Nope', '')),
      target: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom(
          ...SERVICES.filter((s) => s.model.metadata.targetPrefix).flatMap((s) => operationsOf(s.model).map((op) => `${s.model.metadata.targetPrefix}.${op}`)),
        ),
      ),
      encoding: fc.constantFrom('form', 'json', 'cbor'),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/x-amz-json-1.0',
        'application/x-amz-json-1.1',
        'application/x-amz-cbor-1.1',
      ),
      scope: fc.constantFrom(undefined, 'sqs', 'sns', 'kinesis', 'monitoring'),
      path: pathArbitrary,
    })
    .chain((r) => {
      const op = r.bodyOf.service.model.operations[r.bodyOf.op]!;
      return inputOf(r.bodyOf.service.model, r.bodyOf.op, live).map((value) => {
        const model = r.bodyOf.service.model;
        const body =
          r.encoding === 'form'
            ? Buffer.from(formEncode([['Action', r.bodyOf.op], ...(op.input ? toQueryParams(model, op.input.shape, value) : [])]), 'utf8')
            : r.encoding === 'cbor'
              ? toCbor(value)
              : Buffer.from(toJsonText(value), 'utf8');
        return {
          method: 'POST',
          url: r.urlAction === undefined ? r.path : `${r.path}?Action=${encodeURIComponent(r.urlAction)}`,
          headers: definedOnly({
            'content-type': r.contentType,
            'x-amz-target': r.target,
            authorization: r.scope ? scopeHeader(r.scope, 'us-east-1', 'AKIDFUZZ') : undefined,
          }),
          body,
          recipe: `conflict: body ${r.bodyOf.service.name}.${r.bodyOf.op} as ${r.encoding}; url Action ${r.urlAction}; target ${r.target}; scope ${r.scope}`,
        };
      });
    });
}

/** How a failing request is printed in fast-check's report: the recipe, then the request itself. */
export function describeRequest(req: FuzzRequest): string {
  const text = req.body.toString('utf8');
  const printable = req.body.length <= 2000 && Buffer.from(text, 'utf8').equals(req.body);
  const body = printable
    ? JSON.stringify(text)
    : `<${req.body.length} bytes, base64 ${req.body.subarray(0, 300).toString('base64')}${req.body.length > 300 ? '…' : ''}>`;
  const url = req.url.length > 600 ? `${req.url.slice(0, 600)}… (${req.url.length} characters)` : req.url;
  return `${req.recipe}\n    ${req.method} ${url}\n    ${JSON.stringify(req.headers)}\n    ${body}`;
}

/** Makes fast-check print requests with describeRequest. */
export function printable(arbitrary: fc.Arbitrary<FuzzRequest>): fc.Arbitrary<FuzzRequest> {
  return arbitrary.map((req) => Object.assign(req, { [fc.toStringMethod]: () => describeRequest(req) }));
}
