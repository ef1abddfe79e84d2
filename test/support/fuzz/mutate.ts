import fc from 'fast-check';

/**
 * Byte- and parameter-level damage applied to well-formed requests: what a buggy client, a
 * truncating proxy or an attacker sends. Each mutation is small and printable in a report.
 */

/** Byte sequences that are not UTF-8 (a lone continuation byte, an overlong form, a surrogate, a truncated sequence). */
export const INVALID_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe0, 0xa4]),
  Buffer.from([0xff, 0xfe]),
];

export type ByteMutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Buffer }
  | { kind: 'nest'; open: string; close: string; depth: number }
  | { kind: 'pad'; bytes: number }
  | { kind: 'repeat'; times: number };

/** `at` is a fraction of the body's length, so one mutation fits any body and shrinks well. */
export function byteMutation(nesting: { open: string; close: string }): fc.Arbitrary<ByteMutation> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    { arbitrary: fc.constant({ kind: 'none' as const }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('flip' as const), at, byte: fc.integer({ min: 0, max: 255 }) }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        at,
        bytes: fc.oneof(
          fc.constantFrom(...INVALID_UTF8),
          fc.uint8Array({ minLength: 1, maxLength: 8 }).map((a) => Buffer.from(a)),
        ),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        open: fc.constant(nesting.open),
        close: fc.constant(nesting.close),
        depth: fc.constantFrom(10, 1000, 100_000),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('pad' as const), bytes: fc.constantFrom(1024, 1_100_000, 3_000_000) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('repeat' as const), times: fc.constantFrom(2, 3) }), weight: 1 },
  );
}

export function applyByteMutation(body: Buffer, m: ByteMutation): Buffer {
  const index = (at: number) => Math.min(body.length, Math.floor(at * body.length));
  switch (m.kind) {
    case 'none':
      return body;
    case 'truncate':
      return body.subarray(0, index(m.at));
    case 'flip': {
      if (body.length === 0) return Buffer.from([m.byte]);
      const copy = Buffer.from(body);
      copy[Math.min(index(m.at), body.length - 1)] = m.byte;
      return copy;
    }
    case 'insert':
      return Buffer.concat([body.subarray(0, index(m.at)), m.bytes, body.subarray(index(m.at))]);
    case 'nest':
      return Buffer.concat([Buffer.from(m.open.repeat(m.depth), 'latin1'), body, Buffer.from(m.close.repeat(m.depth), 'latin1')]);
    case 'pad':
      return Buffer.concat([body, Buffer.alloc(m.bytes, 0x20)]);
    case 'repeat':
      return Buffer.concat(Array.from({ length: m.times }, () => body));
  }
}

/** Query parameter damage: drop one, replace a value, add a stray or conflicting parameter. */
export type ParamMutation =
  | { kind: 'none' }
  | { kind: 'drop'; at: number }
  | { kind: 'replace'; at: number; value: string }
  | { kind: 'add'; key: string; value: string };

const STRAY_KEYS = [
  'Action',
  'Version',
  'Attribute.0.Name',
  'Attribute.1000000.Name',
  'Attribute.-1.Value',
  'Attribute.01.Name',
  'Attributes.entry.1.key',
  'MessageAttribute.1.Value.StringListValue.1',
  'MessageAttribute.1.Value.DataType',
  'SendMessageBatchRequestEntry.999999.Id',
  'Entries.member.1.Id',
  'Tags.member.1.Key',
  'QueueUrl',
  'TopicArn',
  'AWSAccountId.member.1',
  '__proto__',
  'constructor.prototype',
  '',
];

export function paramMutation(values: fc.Arbitrary<string>): fc.Arbitrary<ParamMutation> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    { arbitrary: fc.constant({ kind: 'none' as const }), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant('drop' as const), at }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value: values }), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.constantFrom(...STRAY_KEYS), fc.string({ maxLength: 12 })), value: values }),
      weight: 2,
    },
  );
}

export function applyParamMutation(params: [string, string][], m: ParamMutation): [string, string][] {
  const index = (at: number) => Math.min(params.length - 1, Math.floor(at * params.length));
  switch (m.kind) {
    case 'none':
      return params;
    case 'drop':
      return params.length === 0 ? params : params.filter((_, i) => i !== index(m.at));
    case 'replace':
      return params.length === 0 ? params : params.map(([k, v], i) => [k, i === index(m.at) ? m.value : v]);
    case 'add':
      return [...params, [m.key, m.value]];
  }
}
