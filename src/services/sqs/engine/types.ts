import type { MessageAttribute } from './message-md5.js';
import type { QueueSettings } from './queue-attributes.js';

/** A queue's identity: queues are separate per account and region. */
export interface QueueKey {
  accountId: string;
  region: string;
  name: string;
}

export interface Queue {
  id: number;
  key: QueueKey;
  arn: string;
  settings: QueueSettings;
  tags: Record<string, string>;
  createdAtMs: number;
  lastModifiedAtMs: number;
  lastPurgedAtMs: number | undefined;
}

export interface MessageToSend {
  body: string;
  delaySeconds?: number;
  messageAttributes?: Record<string, MessageAttribute>;
  /** Only AWSTraceHeader exists today. */
  systemAttributes?: Record<string, MessageAttribute>;
  messageGroupId?: string;
  /** FIFO only; absent with content-based deduplication. */
  deduplicationId?: string;
  senderId: string;
}

export interface SentMessage {
  messageId: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  md5OfSystemAttributes?: string;
  /** FIFO only. */
  sequenceNumber?: string;
}

export interface ReceiveOptions {
  maxMessages: number;
  visibilityTimeoutSeconds?: number;
  waitTimeSeconds?: number;
  /** System attribute names asked for (`All` included as asked). */
  systemAttributeNames: readonly string[];
  /** Message attribute names or filters (`All`, `.*`, `prefix.*`). */
  messageAttributeNames: readonly string[];
  /** FIFO only: a retry with the same id returns the same messages. */
  receiveRequestAttemptId?: string;
  signal: AbortSignal;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes?: Record<string, string>;
  messageAttributes?: Record<string, MessageAttribute>;
  md5OfMessageAttributes?: string;
}

/** Per-entry outcome of a batch: AWS reports entry failures as data, not as a failed call. */
export type BatchOutcome<T> = { id: string; ok: T } | { id: string; error: { code: string; message: string; senderFault: boolean } };
