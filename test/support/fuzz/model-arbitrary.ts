import fc from 'fast-check';
import { shapeOf } from '../../../src/protocol/model/load.js';
import type { ServiceModel, Shape } from '../../../src/protocol/model/shapes.js';

/**
 * Input values for any operation, generated from the vendored botocore model: each member gets
 * a value of its shape (mostly within the model's enums, lengths and ranges, sometimes just
 * outside, sometimes of another type altogether), so requests reach the operations' own checks
 * and the engines instead of stopping at the first type error. Member names the fixture knows
 * (QueueUrl, TopicArn, StreamName, …) draw from its live values part of the time, so requests
 * also hit existing queues, topics, streams and shards.
 */

/** Live names and ARNs by member name, filled once the fixture exists. */
export type LiveValues = Readonly<Record<string, readonly string[]>>;

/** A number that must reach the wire as this exact text (JSON cannot otherwise write 1e400 or NaN). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** Names a client could send that must never become a path, an SQL fragment or markup. */
export const HOSTILE_NAMES = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '/',
  'a/b',
  '..%2F..%2Fetc',
  '%2e%2e',
  '%',
  '%E0%A4',
  '\\',
  'q\u0000',
  'q\n',
  '\uFFFE',
  '\uD800',
  '😀',
  'ü',
  '名前',
  '<a>&amp;"\'',
  "x'; DROP TABLE queues; --",
  '" OR 1=1 --',
  '${x}',
  '__proto__',
  'constructor',
  'toString',
  'arn:aws:sqs:us-east-1:000000000000:q',
  'arn:aws:kinesis:us-east-1:000000000000:stream/../x',
  'x'.repeat(81),
  'x'.repeat(257),
  'y'.repeat(5000),
] as const;

const SURPRISING_INTEGERS = [0, -1, 1, -2147483648, 2147483647, 2147483648, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e20, 1e308] as const;
const SURPRISING_NUMBER_TEXTS = [
  '1e400',
  '-1e400',
  '1.5',
  '-0',
  '0.0000001',
  '123456789012345678901234567890',
  '1E2',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '01',
];

const hostileString = fc.constantFrom(...HOSTILE_NAMES);
/** Any string, from plain to full Unicode (lone surrogates included). */
const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
/** A value of some type other than the one the model asks for. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  anyString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom(...SURPRISING_NUMBER_TEXTS).map((t) => new RawNumber(t)),
);

export interface ModelArbitraryOptions {
  live: LiveValues;
  /** How deep structures and lists nest before members are left out. */
  maxDepth?: number;
  /** 'extreme': every integer, long, float, double and timestamp member gets a value at or past its type's limits. */
  numbers?: 'extreme';
}

/** Built arbitraries, per fixture (its live values) and shape: building one walks the model and compiles patterns. */
const built = new WeakMap<LiveValues, Map<string, fc.Arbitrary<Record<string, unknown>>>>();

/** An arbitrary of the input structure of `shapeName`, as a document (Buffers for blobs, Dates for timestamps). */
export function inputArbitrary(model: ServiceModel, shapeName: string, options: ModelArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  let byShape = built.get(options.live);
  if (!byShape) built.set(options.live, (byShape = new Map()));
  const key = `${model.metadata.endpointPrefix}:${shapeName}:${options.numbers ?? ''}`;
  let arbitrary = byShape.get(key);
  if (!arbitrary) byShape.set(key, (arbitrary = structureArbitrary(model, shapeOf(model, shapeName), options, 0) as fc.Arbitrary<Record<string, unknown>>));
  return arbitrary;
}

function valueArbitrary(model: ServiceModel, shape: Shape, member: string, options: ModelArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  if (options.numbers === 'extreme' && NUMERIC_TYPES.has(shape.type)) return extremeNumberArbitrary(shape);
  const typed = typedArbitrary(model, shape, member, options, depth);
  // One value in twelve is of the wrong type entirely.
  return fc.oneof({ arbitrary: typed, weight: 11 }, { arbitrary: wrongTypeValue, weight: 1 });
}

function typedArbitrary(model: ServiceModel, shape: Shape, member: string, options: ModelArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case 'structure':
      return structureArbitrary(model, shape, options, depth);
    case 'list': {
      if (depth >= (options.maxDepth ?? 4)) return fc.constant([]);
      const item = valueArbitrary(model, shapeOf(model, shape.member.shape), member, options, depth + 1);
      return fc.array(item, { maxLength: Math.min(shape.max ?? 12, 12) });
    }
    case 'map': {
      if (depth >= (options.maxDepth ?? 4)) return fc.constant({});
      const key = stringArbitrary(shapeOf(model, shape.key.shape), `${member}.key`, options);
      const value = valueArbitrary(model, shapeOf(model, shape.value.shape), member, options, depth + 1);
      return fc.dictionary(key as fc.Arbitrary<string>, value, { maxKeys: 12 });
    }
    case 'string':
      return stringArbitrary(shape, member, options);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'long':
      return integerArbitrary(shape);
    case 'double':
    case 'float':
      return fc.oneof(
        fc.double(),
        fc.constantFrom(...SURPRISING_NUMBER_TEXTS).map((t) => new RawNumber(t)),
      );
    case 'blob':
      // Sizes at the 1 MiB record limit are rare: they cost megabytes per case to generate and send.
      return fc.oneof(
        { arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)), weight: 30 },
        { arbitrary: fc.constant(Buffer.alloc(0)), weight: 2 },
        { arbitrary: fc.constantFrom(1_048_576, 1_048_577).map((n) => Buffer.alloc(n, 0x61)), weight: 1 },
      );
    case 'timestamp':
      return fc.oneof(
        fc.date({ noInvalidDate: true }),
        fc.constantFrom(-1, 0, 1e15, 1.5).map((s) => new RawNumber(String(s))),
        anyString,
      );
  }
}

function structureArbitrary(model: ServiceModel, shape: Shape, options: ModelArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  if (shape.type !== 'structure') return fc.constant({});
  const members: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, ref] of Object.entries(shape.members)) {
    const memberShape = shapeOf(model, ref.shape);
    // Event streams and deeply nested members are not request input.
    if (memberShape.eventstream) continue;
    if (depth >= (options.maxDepth ?? 4) && (memberShape.type === 'structure' || memberShape.type === 'list' || memberShape.type === 'map')) continue;
    members[name] = valueArbitrary(model, memberShape, name, options, depth + 1);
  }
  // Required members are present nine times in ten; optional ones about half the time.
  const required = new Set(shape.required ?? []);
  const requiredKeys = Object.keys(members).filter((m) => required.has(m));
  return fc
    .tuple(fc.record(members, { requiredKeys: [] }), fc.record(pick(members, requiredKeys)), fc.nat(9))
    .map(([optional, must, dice]) => (dice === 0 ? optional : { ...optional, ...must }));
}

function pick<T>(record: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.map((k) => [k, record[k]!]));
}

function stringArbitrary(shape: Shape, member: string, options: ModelArbitraryOptions): fc.Arbitrary<unknown> {
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: anyString, weight: 3 },
    { arbitrary: hostileString, weight: 2 },
  ];
  const live = options.live[member];
  if (live && live.length > 0) choices.push({ arbitrary: fc.constantFrom(...live), weight: 8 });
  if (shape.enum) choices.push({ arbitrary: fc.constantFrom(...shape.enum), weight: 8 });
  const pattern = shape.pattern ? patternArbitrary(shape.pattern) : undefined;
  if (pattern) choices.push({ arbitrary: pattern, weight: 3 });
  if (shape.min !== undefined || shape.max !== undefined) {
    const min = shape.min ?? 0;
    const max = Math.min(shape.max ?? min + 64, min + 300);
    choices.push({ arbitrary: fc.string({ minLength: min, maxLength: max }), weight: 2 });
    choices.push({ arbitrary: fc.constantFrom(Math.max(0, min - 1), max + 1).map((n) => 'a'.repeat(n)), weight: 1 });
  }
  return fc.oneof(...choices);
}

const patterns = new Map<string, fc.Arbitrary<string> | undefined>();

function patternArbitrary(pattern: string): fc.Arbitrary<string> | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(
        pattern,
        fc.stringMatching(new RegExp(pattern.startsWith('^') ? pattern : `^(?:${pattern})$`), { size: 'small' }).map((s) => s.slice(0, 300)),
      );
    } catch {
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
}

function integerArbitrary(shape: Shape): fc.Arbitrary<unknown> {
  const min = shape.min ?? -1000;
  const max = shape.max ?? Math.max(min + 1000, 1000);
  return fc.oneof(
    { arbitrary: fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }), weight: 6 },
    { arbitrary: fc.constantFrom(min - 1, max + 1, ...SURPRISING_INTEGERS), weight: 2 },
    { arbitrary: fc.constantFrom(...SURPRISING_NUMBER_TEXTS).map((t) => new RawNumber(t)), weight: 1 },
  );
}

const NUMERIC_TYPES = new Set<string>(['integer', 'long', 'float', 'double', 'timestamp']);

/** Whether `shapeName` has an integer, long, float, double or timestamp member within `depth` levels. */
export function hasNumericMembers(model: ServiceModel, shapeName: string, depth = 3): boolean {
  const shape = shapeOf(model, shapeName);
  if (NUMERIC_TYPES.has(shape.type)) return true;
  if (depth === 0) return false;
  if (shape.type === 'structure') return Object.values(shape.members).some((ref) => hasNumericMembers(model, ref.shape, depth - 1));
  if (shape.type === 'list') return hasNumericMembers(model, shape.member.shape, depth - 1);
  if (shape.type === 'map') return hasNumericMembers(model, shape.value.shape, depth - 1);
  return false;
}

/** Texts at and past the limits of 32- and 64-bit integers and doubles, and what is not a number at all. */
const INTEGER_LIMIT_TEXTS = [
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '1e308',
  '-1e308',
  '1e400',
  '1.0',
  '2.5',
  '-0',
  '1e2',
  'NaN',
  'Infinity',
];
const DOUBLE_LIMIT_TEXTS = [
  '1.7976931348623157e308',
  '1.8e308',
  '-1.8e308',
  '1e400',
  '5e-324',
  '1e-400',
  '-0',
  '3.4028235e38',
  '3.5e38',
  'NaN',
  'Infinity',
  '-Infinity',
];
const TIMESTAMP_LIMIT_TEXTS = [
  '8640000000000',
  '8640000000001',
  '-8640000000001',
  '253402300800',
  '1e15',
  '1e308',
  '-1e308',
  '1e400',
  '-1',
  '0.0001',
  '1.5',
  'NaN',
];

/** A value at or past the limits of a numeric member's type (and its model range). */
function extremeNumberArbitrary(shape: Shape): fc.Arbitrary<unknown> {
  const bounds = [shape.min, shape.max].filter((b): b is number => b !== undefined).flatMap((b) => [b - 1, b, b + 1]);
  const texts =
    shape.type === 'timestamp' ? TIMESTAMP_LIMIT_TEXTS : shape.type === 'float' || shape.type === 'double' ? DOUBLE_LIMIT_TEXTS : INTEGER_LIMIT_TEXTS;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...texts).map((t) => new RawNumber(t)), weight: 4 },
    { arbitrary: bounds.length > 0 ? fc.constantFrom(...bounds) : fc.constant(0), weight: 1 },
    { arbitrary: fc.double({ noNaN: false }), weight: 1 },
    { arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => new RawNumber(n.toString())), weight: 1 },
  );
}
