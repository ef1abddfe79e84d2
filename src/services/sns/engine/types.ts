/** An SNS resource's home: topics and subscriptions are separate per account and region. */
export interface Owner {
  accountId: string;
  region: string;
}

export interface Topic {
  id: number;
  arn: string;
  accountId: string;
  region: string;
  name: string;
  fifo: boolean;
  /** The settable attributes as stored (DisplayName, Policy, DeliveryPolicy, …). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  dataProtectionPolicy: string | undefined;
}

export type Protocol = 'sqs' | 'http' | 'https' | 'lambda' | 'email' | 'email-json' | 'sms' | 'application' | 'firehose';

export interface Subscription {
  id: number;
  arn: string;
  topicArn: string;
  topicId: number;
  accountId: string;
  region: string;
  protocol: Protocol;
  endpoint: string;
  /** The settable attributes (RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy, …). */
  attributes: Record<string, string>;
  pendingConfirmation: boolean;
  confirmationWasAuthenticated: boolean;
  token: string | undefined;
}

/** A message attribute as Publish takes it (String/Number carry StringValue, Binary BinaryValue). */
export interface PublishAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

export interface MessageToPublish {
  /** The message, or with MessageStructure=json the per-protocol messages (with `default`). */
  message: string;
  messagesByProtocol?: Record<string, string>;
  subject?: string;
  attributes: Record<string, PublishAttribute>;
  messageGroupId?: string;
  deduplicationId?: string;
}

export interface PublishResult {
  messageId: string;
  sequenceNumber?: string;
}

/** How wharf reaches the outside: links that go in messages, and where to log what happened. */
export interface DeliveryContext {
  /** `http://host:port` of wharf as the publisher reached it: base of SigningCertURL and UnsubscribeURL. */
  baseUrl: string;
}

export interface SnsLogger {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export const SILENT_LOGGER: SnsLogger = { warn: () => {}, debug: () => {} };
