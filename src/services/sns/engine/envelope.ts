import { canonicalString, signMessage, type SigningKey } from './signing.js';
import type { PublishAttribute } from './types.js';

/** The path under which wharf serves the certificate of its signing key. */
export const SIGNING_CERT_PATH = '/_wharf/sns/SimpleNotificationService.pem';

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
  message.SigningCertURL = `${fields.baseUrl}${SIGNING_CERT_PATH}`;
  if (fields.unsubscribeUrl !== undefined) message.UnsubscribeURL = fields.unsubscribeUrl;
  const lines = Object.entries(message).map(([name, value]) => `  ${JSON.stringify(name)} : ${JSON.stringify(value)}`);
  const attributes = Object.entries(fields.attributes ?? {});
  if (attributes.length > 0) {
    const inner = attributes.map(([name, attribute]) => `    ${JSON.stringify(name)} : ${JSON.stringify(envelopeAttribute(attribute))}`);
    lines.push(`  "MessageAttributes" : {\n${inner.join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

export function unsubscribeUrlOf(baseUrl: string, subscriptionArn: string): string {
  return `${baseUrl}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
}

export function subscribeUrlOf(baseUrl: string, topicArn: string, token: string): string {
  return `${baseUrl}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
}
