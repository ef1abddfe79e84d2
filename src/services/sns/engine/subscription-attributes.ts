import { parseArn } from '../../../arn.js';
import { snsErrors } from '../errors.js';
import { parseJsonObject } from '../../../json-object.js';
import { FilterPolicyError, parseFilterPolicy, type FilterPolicy, type FilterPolicyScope } from './filter-policy.js';
import type { Protocol } from './types.js';

/** Attributes Subscribe and SetSubscriptionAttributes accept. */
export const SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

/** Protocols whose subscribers can take the bare message instead of the JSON envelope. */
const RAW_PROTOCOLS = new Set<Protocol>(['sqs', 'http', 'https', 'firehose']);

export interface SubscriptionTarget {
  protocol: Protocol;
  /** The scope the subscription has (or will have) when this attribute is applied. */
  scope: FilterPolicyScope;
}

/**
 * Checks one subscription attribute; returns the value to store. `call` picks AWS's wording:
 * Subscribe says "Attributes Reason: …", SetSubscriptionAttributes names the attribute.
 */
export function checkSubscriptionAttribute(name: string, value: string, target: SubscriptionTarget, call: 'subscribe' | 'set'): string {
  const reasonPrefix = call === 'subscribe' ? 'Attributes Reason: ' : '';
  if (!SUBSCRIPTION_ATTRIBUTES.has(name))
    throw snsErrors.invalidParameter(call === 'subscribe' ? `Attributes Reason: Unknown attribute ${name}` : 'AttributeName');
  switch (name) {
    case 'RawMessageDelivery': {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false')
        throw snsErrors.invalidParameter(`${reasonPrefix}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      if (!RAW_PROTOCOLS.has(target.protocol)) {
        throw snsErrors.invalidParameter(`${reasonPrefix}Delivery protocol [${target.protocol}] does not support raw message delivery attribute`);
      }
      return lower;
    }
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') {
        throw snsErrors.invalidParameter(`${reasonPrefix}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      }
      return value;
    case 'FilterPolicy':
      if (value !== '') compileFilterPolicy(value, target.scope, reasonPrefix);
      return value;
    case 'RedrivePolicy':
      if (value !== '') checkRedrivePolicy(value, reasonPrefix);
      return value;
    case 'DeliveryPolicy':
      if (value !== '' && !parseJsonObject(value)) throw snsErrors.invalidParameter(`${reasonPrefix}DeliveryPolicy: failed to parse JSON.`);
      return value;
    default:
      return value;
  }
}

export function compileFilterPolicy(text: string, scope: FilterPolicyScope, reasonPrefix = ''): FilterPolicy {
  try {
    return parseFilterPolicy(text, scope);
  } catch (err) {
    if (err instanceof FilterPolicyError) throw snsErrors.invalidParameter(`${reasonPrefix}${err.reason}`);
    throw err;
  }
}

/** The dead-letter queue of a subscription's RedrivePolicy, or undefined when it has none. */
export function deadLetterTargetArn(attributes: Record<string, string>): string | undefined {
  const text = attributes.RedrivePolicy;
  if (!text) return undefined;
  const policy = JSON.parse(text) as { deadLetterTargetArn?: string };
  return policy.deadLetterTargetArn;
}

/**
 * "failed to parse JSON." and "deadLetterTargetArn is an invalid arn" are AWS's words (LocalStack's
 * snapshot tests, recorded against AWS). Unverified against AWS: the wording for a missing
 * deadLetterTargetArn and for a well-formed ARN of another service.
 */
function checkRedrivePolicy(text: string, reasonPrefix: string): void {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw snsErrors.invalidParameter(`${reasonPrefix}RedrivePolicy: failed to parse JSON.`);
  }
  const arn = (policy as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  if (typeof arn !== 'string') throw snsErrors.invalidParameter(`${reasonPrefix}RedrivePolicy: deadLetterTargetArn is missing`);
  const parsed = parseArn(arn);
  if (!parsed) throw snsErrors.invalidParameter(`${reasonPrefix}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
  if (parsed.service !== 'sqs') throw snsErrors.invalidParameter(`${reasonPrefix}RedrivePolicy: Invalid deadLetterTargetArn`);
}
