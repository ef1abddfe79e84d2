import { sqsError, sqsErrors } from '../errors.js';
import * as limits from '../limits.js';
import { parseRedriveAllowPolicy, parseRedrivePolicy, type RedriveAllowPolicy, type RedrivePolicy } from './redrive-policy.js';

/** FIFO-only settings; present exactly when the queue is a FIFO queue. */
export interface FifoSettings {
  contentBasedDeduplication: boolean;
  deduplicationScope: 'queue' | 'messageGroup';
  fifoThroughputLimit: 'perQueue' | 'perMessageGroupId';
}

/** A queue's settable attributes, typed. Stored as JSON in sqs_queues. */
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
  redrivePolicy?: RedrivePolicy;
  redriveAllowPolicy?: RedriveAllowPolicy;
  fifo?: FifoSettings;
}

/** Changes asked for by CreateQueue/SetQueueAttributes; `null` removes an optional attribute. */
export type SettingsChanges = {
  [K in Exclude<keyof QueueSettings, 'fifo'>]?: QueueSettings[K] | (undefined extends QueueSettings[K] ? null : never);
} & { fifo?: Partial<FifoSettings> };

export type QueueType = 'standard' | 'fifo';

export const DEFAULT_SETTINGS: QueueSettings = {
  delaySeconds: 0,
  maximumMessageSize: limits.MAX_MESSAGE_BYTES,
  messageRetentionPeriod: limits.DEFAULT_RETENTION_SECONDS,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: limits.DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
  sqsManagedSseEnabled: true,
};

export const DEFAULT_FIFO_SETTINGS: FifoSettings = { contentBasedDeduplication: false, deduplicationScope: 'queue', fifoThroughputLimit: 'perQueue' };

const integerIn = (min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value)) return undefined; // no sign, spaces or fraction: AWS refuses " 6"
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};
const bool = (value: string) => (value === 'true' ? true : value === 'false' ? false : undefined);
const oneOf =
  <T extends string>(...allowed: T[]) =>
  (value: string) =>
    (allowed as string[]).includes(value) ? (value as T) : undefined;
/** An empty value removes an optional attribute (null); otherwise `parse` decides. */
const removable =
  <T>(parse: (value: string) => T | undefined) =>
  (value: string): T | null | undefined =>
    value === '' ? null : parse(value);
const jsonDocument = (value: string) => {
  try {
    return typeof JSON.parse(value) === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
};

/** AWS attribute name → the setting it sets and how to read AWS's string form. */
const SETTABLE: Record<string, { key: Exclude<keyof QueueSettings, 'fifo'>; parse(value: string): unknown }> = {
  DelaySeconds: { key: 'delaySeconds', parse: integerIn(0, limits.MAX_DELAY_SECONDS) },
  MaximumMessageSize: { key: 'maximumMessageSize', parse: integerIn(limits.MIN_MESSAGE_BYTES, limits.MAX_MESSAGE_BYTES) },
  MessageRetentionPeriod: { key: 'messageRetentionPeriod', parse: integerIn(limits.MIN_RETENTION_SECONDS, limits.MAX_RETENTION_SECONDS) },
  ReceiveMessageWaitTimeSeconds: { key: 'receiveMessageWaitTimeSeconds', parse: integerIn(0, limits.MAX_RECEIVE_WAIT_SECONDS) },
  VisibilityTimeout: { key: 'visibilityTimeout', parse: integerIn(0, limits.MAX_VISIBILITY_TIMEOUT_SECONDS) },
  SqsManagedSseEnabled: { key: 'sqsManagedSseEnabled', parse: bool },
  Policy: { key: 'policy', parse: removable(jsonDocument) },
  KmsMasterKeyId: { key: 'kmsMasterKeyId', parse: removable((v) => v) },
  KmsDataKeyReusePeriodSeconds: { key: 'kmsDataKeyReusePeriodSeconds', parse: integerIn(limits.MIN_KMS_REUSE_SECONDS, limits.MAX_KMS_REUSE_SECONDS) },
  // These two throw their own detailed errors.
  RedrivePolicy: { key: 'redrivePolicy', parse: removable(parseRedrivePolicy) },
  RedriveAllowPolicy: { key: 'redriveAllowPolicy', parse: removable(parseRedriveAllowPolicy) },
};

const FIFO_SETTABLE: Record<string, { key: keyof FifoSettings; parse(value: string): unknown }> = {
  ContentBasedDeduplication: { key: 'contentBasedDeduplication', parse: bool },
  DeduplicationScope: { key: 'deduplicationScope', parse: oneOf('queue', 'messageGroup') },
  FifoThroughputLimit: { key: 'fifoThroughputLimit', parse: oneOf('perQueue', 'perMessageGroupId') },
};

/**
 * Parses a CreateQueue/SetQueueAttributes attribute map. FIFO attributes are unknown
 * attributes to a standard queue, as AWS answers; FifoQueue itself is decided by the name
 * on create and cannot change afterwards.
 */
export function parseQueueAttributes(attributes: Record<string, string>, type: QueueType, mode: 'create' | 'set'): SettingsChanges {
  if (attributes.KmsMasterKeyId && attributes.SqsManagedSseEnabled === 'true') {
    throw sqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.');
  }
  const out: SettingsChanges = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'FifoQueue') {
      checkFifoQueueAttribute(value, type, mode);
      continue;
    }
    const fifoRule = FIFO_SETTABLE[name];
    if (fifoRule) {
      if (type === 'standard') throw fifoOnly(name);
      const parsed = fifoRule.parse(value);
      if (parsed === undefined) throw sqsErrors.invalidAttributeValue(name);
      out.fifo = { ...out.fifo, [fifoRule.key]: parsed };
      continue;
    }
    const rule = SETTABLE[name];
    if (!rule) throw sqsErrors.invalidAttributeName(name);
    const parsed = rule.parse(value);
    if (parsed === undefined) throw sqsErrors.invalidAttributeValue(name);
    (out as Record<string, unknown>)[rule.key] = parsed;
  }
  return out;
}

function checkFifoQueueAttribute(value: string, type: QueueType, mode: 'create' | 'set'): void {
  if (type === 'fifo') {
    if (value === 'true') return;
    if (mode === 'set') throw sqsErrors.invalidAttributeValueBecause('FifoQueue', 'Modifying queue type is not supported.');
    throw sqsErrors.invalidAttributeValue('FifoQueue');
  }
  // Even FifoQueue=false: AWS refuses the attribute on a standard queue (issue 11; SQS-FIFOQUEUE-FALSE).
  throw sqsErrors.invalidAttributeName('FifoQueue');
}

/**
 * A FIFO-only attribute on a standard queue, in AWS's words (AWS answers quoted in public issue
 * threads, e.g. "InvalidAttributeName: You can specify the FifoThroughputLimit only when FifoQueue
 * is set to true."; ContentBasedDeduplication stays an unknown attribute).
 */
function fifoOnly(name: string): ReturnType<typeof sqsError> {
  if (name === 'ContentBasedDeduplication') return sqsErrors.invalidAttributeName(name);
  return sqsError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`);
}

/** Applies changes: removals, SSE-SQS and SSE-KMS kept exclusive, FIFO rules checked. */
export function applySettings(base: QueueSettings, changes: SettingsChanges): QueueSettings {
  const { fifo: fifoChanges, ...rest } = changes;
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(rest)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  const settings = next as unknown as QueueSettings;
  if (changes.kmsMasterKeyId && changes.sqsManagedSseEnabled === undefined) settings.sqsManagedSseEnabled = false;
  if (settings.kmsMasterKeyId === undefined) delete settings.kmsDataKeyReusePeriodSeconds;
  else settings.kmsDataKeyReusePeriodSeconds ??= limits.DEFAULT_KMS_REUSE_SECONDS;
  if (base.fifo) {
    settings.fifo = { ...base.fifo, ...fifoChanges };
    // High-throughput FIFO needs deduplication per message group.
    if (settings.fifo.fifoThroughputLimit === 'perMessageGroupId' && settings.fifo.deduplicationScope === 'queue') {
      throw sqsErrors.invalidAttributeValueBecause(
        'FifoThroughputLimit',
        'The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.',
      );
    }
  }
  return settings;
}

/** The first attribute whose requested value differs from the queue's, for QueueAlreadyExists. */
export function firstDifference(current: QueueSettings, requested: SettingsChanges): string | undefined {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const [name, rule] of Object.entries(SETTABLE)) {
    const wanted = requested[rule.key];
    if (wanted !== undefined && !same(wanted, current[rule.key])) return name;
  }
  for (const [name, rule] of Object.entries(FIFO_SETTABLE)) {
    const wanted = requested.fifo?.[rule.key];
    if (wanted !== undefined && !same(wanted, current.fifo?.[rule.key])) return name;
  }
  return undefined;
}

/** The settable attributes in AWS's string form, skipping unset optional ones. */
export function formatSettings(settings: QueueSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, rule] of Object.entries(SETTABLE)) {
    const value = settings[rule.key];
    if (value !== undefined) out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  if (settings.fifo) {
    out.FifoQueue = 'true';
    for (const [name, rule] of Object.entries(FIFO_SETTABLE)) out[name] = String(settings.fifo[rule.key]);
  }
  return out;
}
