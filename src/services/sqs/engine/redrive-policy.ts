import { queueKeyOfArn } from '../../../arn.js';
import { sqsErrors } from '../errors.js';
import { parseJsonObject } from '../../../json-object.js';
import { MAX_RECEIVE_COUNT, MAX_REDRIVE_ALLOW_SOURCES } from '../limits.js';

/** Where a queue's messages go after maxReceiveCount receives. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** Which source queues may name this queue as their dead-letter queue. */
export type RedriveAllowPolicy = { redrivePermission: 'allowAll' | 'denyAll' } | { redrivePermission: 'byQueue'; sourceQueueArns: string[] };

/**
 * Parses the RedrivePolicy attribute's JSON. Only its form is checked here; whether the target
 * exists and suits the source is the engine's check, because it needs the database.
 * Messages follow AWS's "Value <policy> for parameter RedrivePolicy is invalid. Reason: …".
 */
export function parseRedrivePolicy(text: string): RedrivePolicy {
  const invalid = (reason: string) => sqsErrors.invalidParameter('RedrivePolicy', text, reason);
  const doc = parseJsonObject(text);
  if (!doc) throw invalid('Redrive policy is not a valid JSON map.');
  if (doc.deadLetterTargetArn === undefined) throw invalid('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (doc.maxReceiveCount === undefined) throw invalid('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  if (typeof doc.deadLetterTargetArn !== 'string' || queueKeyOfArn(doc.deadLetterTargetArn) === undefined)
    throw invalid('Invalid value for deadLetterTargetArn.');
  const count = typeof doc.maxReceiveCount === 'string' && /^\d+$/.test(doc.maxReceiveCount) ? Number(doc.maxReceiveCount) : doc.maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_RECEIVE_COUNT) {
    throw invalid(`Invalid value for maxReceiveCount: ${String(doc.maxReceiveCount)}, valid values are from 1 to ${MAX_RECEIVE_COUNT} both inclusive.`);
  }
  return { deadLetterTargetArn: doc.deadLetterTargetArn, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(text: string): RedriveAllowPolicy {
  const invalid = (reason: string) => sqsErrors.invalidParameter('RedriveAllowPolicy', text, reason);
  const doc = parseJsonObject(text);
  if (!doc) throw invalid('Redrive allow policy is not a valid JSON map.');
  const permission = doc.redrivePermission;
  const sources = doc.sourceQueueArns;
  if (permission === 'allowAll' || permission === 'denyAll') {
    if (sources !== undefined) throw invalid(`Only byQueue redrivePermission can specify sourceQueueArns.`);
    return { redrivePermission: permission };
  }
  if (permission !== 'byQueue') throw invalid('Invalid value for redrivePermission.');
  if (!Array.isArray(sources) || sources.length === 0) throw invalid('byQueue redrivePermission requires at least one sourceQueueArn.');
  if (sources.length > MAX_REDRIVE_ALLOW_SOURCES) throw invalid(`Only ${MAX_REDRIVE_ALLOW_SOURCES} sourceQueueArns can be specified.`);
  if (!sources.every((arn) => typeof arn === 'string' && queueKeyOfArn(arn) !== undefined)) throw invalid('Invalid value for sourceQueueArns.');
  return { redrivePermission: 'byQueue', sourceQueueArns: sources as string[] };
}

export function allowsSource(policy: RedriveAllowPolicy | undefined, sourceArn: string): boolean {
  if (!policy || policy.redrivePermission === 'allowAll') return true;
  if (policy.redrivePermission === 'byQueue') return policy.sourceQueueArns.includes(sourceArn);
  return false;
}
