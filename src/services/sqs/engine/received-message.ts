import type { MessageRow } from '../store/sqs-store.js';
import { md5OfAttributes, type MessageAttribute } from './message-md5.js';
import type { ReceivedMessage } from './types.js';

/** System attributes a receive can ask for; each is present only when the message has it. */
const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'DeadLetterQueueSourceArn',
] as const;

/** Shapes a claimed row into what ReceiveMessage returns, honouring the requested attribute names. */
export function toReceivedMessage(
  row: MessageRow,
  receiptHandle: string,
  systemNames: readonly string[],
  attributeFilters: readonly string[],
): ReceivedMessage {
  const message: ReceivedMessage = { messageId: row.message_id, receiptHandle, body: row.body, md5OfBody: row.md5_of_body };
  const attributes = systemAttributes(row, systemNames);
  if (attributes) message.attributes = attributes;
  const messageAttributes = filterMessageAttributes(decodeAttributes(row.attributes_json), attributeFilters);
  if (messageAttributes) {
    message.messageAttributes = messageAttributes;
    message.md5OfMessageAttributes = md5OfAttributes(messageAttributes);
  }
  return message;
}

function systemAttributes(row: MessageRow, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all = names.includes('All');
  const trace = decodeAttributes(row.system_attributes_json)?.AWSTraceHeader?.StringValue;
  const values: Record<(typeof SYSTEM_ATTRIBUTES)[number], string | undefined> = {
    SenderId: row.sender_id,
    SentTimestamp: String(row.sent_at_ms),
    ApproximateReceiveCount: String(row.receive_count),
    ApproximateFirstReceiveTimestamp: row.first_received_at_ms === null ? undefined : String(row.first_received_at_ms),
    AWSTraceHeader: trace,
    SequenceNumber: row.sequence_number ?? undefined,
    MessageDeduplicationId: row.deduplication_id ?? undefined,
    MessageGroupId: row.group_id ?? undefined,
    DeadLetterQueueSourceArn: row.dead_letter_source_arn ?? undefined,
  };
  const out: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const value = values[name];
    if (value !== undefined && (all || names.includes(name))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function filterMessageAttributes(
  attributes: Record<string, MessageAttribute> | undefined,
  filters: readonly string[],
): Record<string, MessageAttribute> | undefined {
  if (!attributes || filters.length === 0) return undefined;
  const wantsAll = filters.some((f) => f === 'All' || f === '.*');
  const out: Record<string, MessageAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (wantsAll || filters.some((f) => (f.endsWith('.*') ? name.startsWith(f.slice(0, -1)) : f === name))) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Attributes are stored as JSON with binary values in base64. */
export function encodeAttributes(attributes: Record<string, MessageAttribute> | undefined): string | null {
  if (!attributes || Object.keys(attributes).length === 0) return null;
  const plain: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
  for (const [name, a] of Object.entries(attributes)) {
    plain[name] = {
      DataType: a.DataType,
      ...(a.BinaryValue !== undefined ? { BinaryValue: a.BinaryValue.toString('base64') } : { StringValue: a.StringValue ?? '' }),
    };
  }
  return JSON.stringify(plain);
}

export function decodeAttributes(json: string | null): Record<string, MessageAttribute> | undefined {
  if (json === null) return undefined;
  const plain = JSON.parse(json) as Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  const out: Record<string, MessageAttribute> = {};
  for (const [name, a] of Object.entries(plain)) {
    out[name] = {
      DataType: a.DataType,
      ...(a.BinaryValue !== undefined ? { BinaryValue: Buffer.from(a.BinaryValue, 'base64') } : { StringValue: a.StringValue ?? '' }),
    };
  }
  return out;
}
