import { createHash } from 'node:crypto';
import { canonicalString, signMessage, type SigningKey } from './signing.js';
import type { PublishAttribute } from './types.js';

/** The path under which wharf serves the certificate of its signing key (kept for links to it). */
export const SIGNING_CERT_PATH = '/_wharf/sns/SimpleNotificationService.pem';
/** The certificate's path as SigningCertURL names it, in AWS's shape: …/SimpleNotificationService-<hash>.pem. */
export const SIGNING_CERT_ROUTE = '/_wharf/sns/SimpleNotificationService-:hash.pem';

const certHashes = new WeakMap<SigningKey, string>();

/**
 * The SigningCertURL path of a key's certificate. AWS's is
 * https://sns.<region>.amazonaws.com/SimpleNotificationService-<32 hex digits>.pem, and
 * subscribers' checks (the SDKs' message validators) match that file name; the hash here is the
 * certificate's MD5, so a new key gets a new URL as AWS's rotation does.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export function signingCertPath(key: SigningKey): string {
  let hash = certHashes.get(key);
  if (hash === undefined) {
    hash = createHash('md5').update(key.certificatePem).digest('hex');
    certHashes.set(key, hash);
  }
  return `/_wharf/sns/SimpleNotificationService-${hash}.pem`;
}

export type EnvelopeType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

export interface EnvelopeFields {
  type: EnvelopeType;
  messageId: string;
  topicArn: string;
  message: string;
  timestampMs: number;
  subject?: string;
  sequenceNumber?: string;
  /** Confirmations only. */
  token?: string;
  subscribeUrl?: string;
  /** Notifications only. */
  unsubscribeUrl?: string;
  attributes?: Record<string, PublishAttribute>;
  signatureVersion: string;
  baseUrl: string;
}

/** A message attribute as the envelope shows it: `{Type, Value}`, binary values in base64. */
export function envelopeAttribute(attribute: PublishAttribute): { Type: string; Value: string } {
  return { Type: attribute.DataType, Value: attribute.BinaryValue ? attribute.BinaryValue.toString('base64') : (attribute.StringValue ?? '') };
}

/**
 * The JSON document SNS delivers (to SQS as the body, to HTTP as the POST body), signed, with
 * AWS's field order and layout: two-space indent, `"Name" : value`, attributes one per line.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
 */
export function renderEnvelope(fields: EnvelopeFields, key: SigningKey): string {
  const message: Record<string, string | undefined> = {
    Type: fields.type,
    MessageId: fields.messageId,
    ...(fields.sequenceNumber !== undefined ? { SequenceNumber: fields.sequenceNumber } : {}),
    ...(fields.token !== undefined ? { Token: fields.token } : {}),
    TopicArn: fields.topicArn,
    ...(fields.subject !== undefined ? { Subject: fields.subject } : {}),
    Message: fields.message,
    ...(fields.subscribeUrl !== undefined ? { SubscribeURL: fields.subscribeUrl } : {}),
    Timestamp: new Date(fields.timestampMs).toISOString(),
    SignatureVersion: fields.signatureVersion,
  };
  message.Signature = signMessage(key, canonicalString(message), fields.signatureVersion);
  message.SigningCertURL = `${fields.baseUrl}${signingCertPath(key)}`;
  if (fields.unsubscribeUrl !== undefined) message.UnsubscribeURL = fields.unsubscribeUrl;
  const lines = Object.entries(message).map(([name, value]) => `  ${JSON.stringify(name)} : ${JSON.stringify(value)}`);
  const attributes = Object.entries(fields.attributes ?? {});
  if (attributes.length > 0) {
    const inner = attributes.map(([name, attribute]) => `    ${JSON.stringify(name)} : ${JSON.stringify(envelopeAttribute(attribute))}`);
    lines.push(`  "MessageAttributes" : {\n${inner.join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

/**
 * AWS writes the ARNs in these URLs with their colons as they are, e.g.
 * "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:2bcfbf39-…"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html); only what a
 * query value cannot hold is escaped.
 */
export function unsubscribeUrlOf(baseUrl: string, subscriptionArn: string): string {
  return `${baseUrl}/?Action=Unsubscribe&SubscriptionArn=${queryValue(subscriptionArn)}`;
}

export function subscribeUrlOf(baseUrl: string, topicArn: string, token: string): string {
  return `${baseUrl}/?Action=ConfirmSubscription&TopicArn=${queryValue(topicArn)}&Token=${token}`;
}

function queryValue(text: string): string {
  return encodeURIComponent(text).replace(/%3A/g, ':');
}
