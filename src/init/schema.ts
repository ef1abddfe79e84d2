import { z } from 'zod';
import * as kinesisLimits from '../services/kinesis/limits.js';
import * as sqsLimits from '../services/sqs/limits.js';

/**
 * The init file's shape: friendly keys around AWS's own attribute names. Values are checked for
 * type here, and the few numeric bounds whose friendly message helps are checked with the same
 * constants the engines use; everything else (names, attribute rules, references to other
 * resources) is left to the API itself when the file is applied, so a resource is refused
 * exactly as CreateQueue, Subscribe or CreateStream would refuse it.
 */

/** A value read by `read`, or an issue with `message` (and "is required" when it is missing). */
function value<T>(read: (input: unknown) => T | undefined, message: string) {
  return z.unknown().transform((input, ctx) => {
    const out = input === undefined ? undefined : read(input);
    if (out !== undefined) return out;
    ctx.addIssue({ code: 'custom', message: input === undefined ? 'is required' : message, input });
    return z.NEVER;
  });
}

/** A strict map: an unknown key is an error that names the keys allowed there. */
function object<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (expected ${Object.keys(shape).join(', ')})`
        : issue.input === undefined
          ? 'is required'
          : 'must be a map of key: value',
  });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list') });
}

const nonEmptyString = value((v) => (typeof v === 'string' && v.length > 0 ? v : undefined), 'must be a non-empty string');

/** Strings, numbers and booleans as AWS's string form (YAML reads `30` and `true` as a number and a boolean). */
const scalarText = value(
  (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined),
  'must be a string, number or boolean',
);

/** An attribute value: a scalar, or a JSON document (a policy, a filter policy) written inline as a map or list. */
const attributeText = value(
  (v) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v === 'object' && v !== null ? JSON.stringify(v) : undefined,
  'must be a string, number, boolean, or an inline JSON document (a map or list)',
);

const jsonDocumentText = value(
  (v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? JSON.stringify(v) : undefined),
  'must be a map (or its JSON text)',
);

const booleanText = value((v) => (v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : undefined), 'must be true or false');

const boolean = value((v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined), 'must be true or false');

function integerIn(min: number, max: number) {
  return value((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  }, `must be an integer ${min}..${max}`);
}

function oneOf<T extends string>(...allowed: T[]) {
  return value((v) => ((allowed as unknown[]).includes(v) ? (v as T) : undefined), `must be one of ${allowed.join(', ')}`);
}

const accountId = value((v) => (typeof v === 'string' && /^\d{12}$/.test(v) ? v : undefined), "must be 12 digits, quoted (e.g. '111111111111')");
const region = value((v) => (typeof v === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(v) ? v : undefined), 'must look like an AWS region, e.g. us-east-1');

/** Tags: a map of strings (numbers and booleans are written as text). */
const tags = z.record(z.string(), scalarText, { error: 'must be a map of key: value' });

/**
 * Queue attributes by their AWS names. The numeric ones are bounded here for a message at the
 * value's line; unknown names and every other rule are the API's (InvalidAttributeName, …).
 */
const queueAttributes = z
  .looseObject(
    {
      DelaySeconds: integerIn(0, sqsLimits.MAX_DELAY_SECONDS).transform(String).optional(),
      MaximumMessageSize: integerIn(sqsLimits.MIN_MESSAGE_BYTES, sqsLimits.MAX_MESSAGE_BYTES).transform(String).optional(),
      MessageRetentionPeriod: integerIn(sqsLimits.MIN_RETENTION_SECONDS, sqsLimits.MAX_RETENTION_SECONDS).transform(String).optional(),
      ReceiveMessageWaitTimeSeconds: integerIn(0, sqsLimits.MAX_RECEIVE_WAIT_SECONDS).transform(String).optional(),
      VisibilityTimeout: integerIn(0, sqsLimits.MAX_VISIBILITY_TIMEOUT_SECONDS).transform(String).optional(),
      KmsDataKeyReusePeriodSeconds: integerIn(sqsLimits.MIN_KMS_REUSE_SECONDS, sqsLimits.MAX_KMS_REUSE_SECONDS).transform(String).optional(),
      FifoQueue: booleanText.optional(),
      ContentBasedDeduplication: booleanText.optional(),
      SqsManagedSseEnabled: booleanText.optional(),
      Policy: jsonDocumentText.optional(),
      RedrivePolicy: jsonDocumentText.optional(),
      RedriveAllowPolicy: jsonDocumentText.optional(),
    },
    { error: 'must be a map of AttributeName: value' },
  )
  .pipe(z.record(z.string(), attributeText));

/** Topic and subscription attributes by their AWS names; JSON-valued ones may be written inline. */
const attributes = z.record(z.string(), attributeText, { error: 'must be a map of AttributeName: value' });

const deadLetter = object({
  /** A queue declared in this file (in the source's account and region, as AWS requires). */
  queue: nonEmptyString.optional(),
  /** Any queue, by ARN. */
  arn: nonEmptyString.optional(),
  maxReceiveCount: integerIn(1, sqsLimits.MAX_RECEIVE_COUNT),
});

const owner = { accountId: accountId.optional(), region: region.optional() };

export const queueSchema = object({
  name: nonEmptyString,
  ...owner,
  fifo: boolean.optional(),
  attributes: queueAttributes.optional(),
  deadLetter: deadLetter.optional(),
  tags: tags.optional(),
});

export const subscriptionSchema = object({
  /** sqs when `queue` is given. */
  protocol: nonEmptyString.optional(),
  /** A queue declared in this file, by name. */
  queue: nonEmptyString.optional(),
  /** Anything else: a queue ARN, a URL, an e-mail address, a Lambda ARN, … as Subscribe takes it. */
  endpoint: nonEmptyString.optional(),
  rawMessageDelivery: boolean.optional(),
  filterPolicy: jsonDocumentText.optional(),
  filterPolicyScope: oneOf('MessageAttributes', 'MessageBody').optional(),
  attributes: attributes.optional(),
});

export const topicSchema = object({
  name: nonEmptyString,
  ...owner,
  fifo: boolean.optional(),
  attributes: attributes.optional(),
  tags: tags.optional(),
  subscriptions: list(subscriptionSchema).optional(),
});

/** A consumer by its name, or as `{ name }`. */
const consumer = value((v) => {
  if (typeof v === 'string' && v.length > 0) return v;
  const named = typeof v === 'object' && v !== null && Object.keys(v).length === 1 ? (v as { name?: unknown }).name : undefined;
  return typeof named === 'string' && named.length > 0 ? named : undefined;
}, 'must be a consumer name (or a map with only name)');

const positiveInteger = value((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined), 'must be a whole number of 1 or more');

export const streamSchema = object({
  name: nonEmptyString,
  ...owner,
  /** PROVISIONED streams: their shard count. */
  shards: positiveInteger.optional(),
  mode: oneOf('PROVISIONED', 'ON_DEMAND').optional(),
  retentionHours: integerIn(kinesisLimits.MIN_RETENTION_HOURS, kinesisLimits.MAX_RETENTION_HOURS).optional(),
  consumers: list(consumer).optional(),
  tags: tags.optional(),
});

export const initFileSchema = object({
  queues: list(queueSchema).optional(),
  topics: list(topicSchema).optional(),
  streams: list(streamSchema).optional(),
});

export type InitFile = z.output<typeof initFileSchema>;
export type QueueEntry = z.output<typeof queueSchema>;
export type TopicEntry = z.output<typeof topicSchema>;
export type SubscriptionEntry = z.output<typeof subscriptionSchema>;
export type StreamEntry = z.output<typeof streamSchema>;
