import { AwsError } from '../../../errors.js';
import { sqsErrors } from '../errors.js';
import * as limits from '../limits.js';

/** The settable attributes of a standard queue, typed. Stored as JSON in sqs_queues. */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  sqsManagedSseEnabled: boolean;
  policy?: string;
  kmsMasterKeyId?: string;
  kmsDataKeyReusePeriodSeconds?: number;
}

export const DEFAULT_SETTINGS: QueueSettings = {
  delaySeconds: 0,
  maximumMessageSize: limits.MAX_MESSAGE_BYTES,
  messageRetentionPeriod: limits.DEFAULT_RETENTION_SECONDS,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: limits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
  sqsManagedSseEnabled: true,
};

type SettingKey = keyof QueueSettings;

interface AttributeRule {
  key: SettingKey;
  /** Parses AWS's string form; undefined means the value is invalid. */
  parse(value: string): QueueSettings[SettingKey] | undefined;
  format(value: NonNullable<QueueSettings[SettingKey]>): string;
}

const integerIn = (min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value)) return undefined; // no sign, spaces or fraction: AWS refuses " 6"
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};
const bool = (value: string) => (value === 'true' ? true : value === 'false' ? false : undefined);
const jsonDocument = (value: string) => {
  if (value === '') return value; // an empty Policy removes it (see applySettings)
  try {
    return typeof JSON.parse(value) === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
};
const text = (value: string) => value;

/** AWS attribute name → how to parse and print it. */
const SETTABLE: Record<string, AttributeRule> = {
  DelaySeconds: { key: 'delaySeconds', parse: integerIn(0, limits.MAX_DELAY_SECONDS), format: String },
  MaximumMessageSize: { key: 'maximumMessageSize', parse: integerIn(limits.MIN_MESSAGE_BYTES, limits.MAX_MESSAGE_BYTES), format: String },
  MessageRetentionPeriod: {
    key: 'messageRetentionPeriod',
    parse: integerIn(limits.MIN_RETENTION_SECONDS, limits.MAX_RETENTION_SECONDS),
    format: String,
  },
  ReceiveMessageWaitTimeSeconds: { key: 'receiveMessageWaitTimeSeconds', parse: integerIn(0, limits.MAX_RECEIVE_WAIT_SECONDS), format: String },
  VisibilityTimeout: { key: 'visibilityTimeout', parse: integerIn(0, limits.MAX_VISIBILITY_TIMEOUT_SECONDS), format: String },
  SqsManagedSseEnabled: { key: 'sqsManagedSseEnabled', parse: bool, format: String },
  Policy: { key: 'policy', parse: jsonDocument, format: String },
  KmsMasterKeyId: { key: 'kmsMasterKeyId', parse: text, format: String },
  KmsDataKeyReusePeriodSeconds: {
    key: 'kmsDataKeyReusePeriodSeconds',
    parse: integerIn(limits.MIN_KMS_REUSE_SECONDS, limits.MAX_KMS_REUSE_SECONDS),
    format: String,
  },
};

/** Attributes wharf knows but does not implement yet: refused honestly rather than ignored. */
const NOT_YET: Record<string, string> = {
  RedrivePolicy: 'dead-letter queues',
  RedriveAllowPolicy: 'dead-letter queues',
  FifoQueue: 'FIFO queues',
  ContentBasedDeduplication: 'FIFO queues',
  DeduplicationScope: 'FIFO queues',
  FifoThroughputLimit: 'FIFO queues',
};

/** Parses a CreateQueue/SetQueueAttributes attribute map into a partial settings object. */
export function parseQueueAttributes(attributes: Record<string, string>): Partial<QueueSettings> {
  if (attributes.KmsMasterKeyId && attributes.SqsManagedSseEnabled === 'true') {
    throw new AwsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
  }
  const out: Partial<QueueSettings> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'FifoQueue' && value === 'false') continue; // a standard queue saying so
    const feature = NOT_YET[name];
    if (feature) throw sqsErrors.unsupported(`wharf does not support ${feature} yet, so it cannot set the attribute ${name}.`);
    const rule = SETTABLE[name];
    if (!rule) throw sqsErrors.invalidAttributeName(name);
    const parsed = rule.parse(value);
    if (parsed === undefined) throw sqsErrors.invalidAttributeValue(name);
    (out as Record<string, unknown>)[rule.key] = parsed;
  }
  return out;
}

/** Applies changes, keeping SSE-SQS and SSE-KMS mutually exclusive as AWS does. */
export function applySettings(base: QueueSettings, changes: Partial<QueueSettings>): QueueSettings {
  const next: QueueSettings = { ...base, ...changes };
  if (changes.kmsMasterKeyId !== undefined && changes.sqsManagedSseEnabled === undefined) next.sqsManagedSseEnabled = false;
  if (next.kmsMasterKeyId !== undefined && next.kmsDataKeyReusePeriodSeconds === undefined) {
    next.kmsDataKeyReusePeriodSeconds = limits.DEFAULT_KMS_REUSE_SECONDS;
  }
  if (changes.kmsMasterKeyId === '') {
    delete next.kmsMasterKeyId;
    delete next.kmsDataKeyReusePeriodSeconds;
  }
  if (changes.policy === '') delete next.policy;
  return next;
}

/** The first attribute whose requested value differs from the queue's, for QueueAlreadyExists. */
export function firstDifference(current: QueueSettings, requested: Partial<QueueSettings>): string | undefined {
  for (const [name, rule] of Object.entries(SETTABLE)) {
    const wanted = requested[rule.key];
    if (wanted !== undefined && wanted !== current[rule.key]) return name;
  }
  return undefined;
}

/** The settable attributes in AWS's string form, skipping unset optional ones. */
export function formatSettings(settings: QueueSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, rule] of Object.entries(SETTABLE)) {
    const value = settings[rule.key];
    if (value !== undefined) out[name] = rule.format(value);
  }
  return out;
}
