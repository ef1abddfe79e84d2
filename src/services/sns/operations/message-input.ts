import type { PublishResponse } from '../../../generated/sns.js';
import type { MessageToPublish, PublishAttribute, PublishResult } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH, MAX_SUBJECT_LENGTH } from '../limits.js';
import type { SnsEngines } from './types.js';

/** The checks and shapes Publish and PublishBatch share. */

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;

export interface PublishFields {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, PublishAttribute>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export function toOutput(result: PublishResult): PublishResponse {
  return { MessageId: result.messageId, ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) };
}

/** The FIFO rules and MessageStructure of one message to a topic; the engine's form of it. */
export function toMessage(engines: SnsEngines, topicArn: string, fields: PublishFields): MessageToPublish {
  if (topicArn.endsWith('.fifo')) {
    if (fields.MessageGroupId === undefined) throw snsErrors.invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    const topic = engines.sns.getTopic(topicArn);
    if (fields.MessageDeduplicationId === undefined && topic.attributes.ContentBasedDeduplication !== 'true') {
      throw snsErrors.invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (fields.MessageDeduplicationId !== undefined) {
    throw snsErrors.invalidParameter(
      'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
    );
  }
  const messagesByProtocol = fields.MessageStructure === 'json' ? parseStructure(fields.Message, true) : undefined;
  return {
    message: messagesByProtocol?.default ?? fields.Message,
    attributes: fields.MessageAttributes ?? {},
    ...(messagesByProtocol ? { messagesByProtocol } : {}),
    ...(fields.Subject !== undefined ? { subject: fields.Subject } : {}),
    ...(fields.MessageGroupId !== undefined ? { messageGroupId: fields.MessageGroupId } : {}),
    ...(fields.MessageDeduplicationId !== undefined ? { deduplicationId: fields.MessageDeduplicationId } : {}),
  };
}

/**
 * MessageStructure=json: a JSON object of per-protocol messages with a `default`; keys whose
 * values are not strings are ignored, as AWS documents.
 */
export function parseStructure(message: string, requireDefault: boolean): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  const messages = Object.fromEntries(Object.entries(json).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (requireDefault && messages.default === undefined) throw snsErrors.invalidParameter('Message Structure - No default entry in JSON message body');
  return messages;
}

/** Subjects: ASCII, starting with a letter, number or punctuation, no line breaks, up to 100 characters. */
export function checkSubject(subject: string): void {
  if (subject === '' || subject.length > MAX_SUBJECT_LENGTH || !/^[\x20-\x7e]+$/.test(subject) || /^\s/.test(subject))
    throw snsErrors.invalidParameter('Subject');
}

/** AWS's checks of message attributes, recorded by LocalStack. `position` is a batch entry's (1-based). */
export function checkAttributes(attributes: Record<string, PublishAttribute>, position: number | undefined): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    if (name.length > MAX_MESSAGE_ATTRIBUTE_NAME_LENGTH) throw snsErrors.invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
    checkAttributeName(name);
    const type = attribute.DataType;
    if (type === undefined || type === null) {
      const at = position
        ? `publishBatchRequestEntries.${position}.member.messageAttributes.${name}.member.dataType`
        : `messageAttributes.${name}.member.dataType`;
      throw snsErrors.validationError(`1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    }
    if (!/^(String|Number|Binary)(\..+)?$/.test(type)) {
      throw snsErrors.invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const field = type.startsWith('Binary') ? 'Binary' : 'String';
    const value = field === 'Binary' ? attribute.BinaryValue : attribute.StringValue;
    if (attribute.StringValue === undefined && attribute.BinaryValue === undefined) {
      throw snsErrors.invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
      );
    }
    if (value === undefined) throw snsErrors.invalidParameterValue(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    if (value.length === 0) {
      throw snsErrors.invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
      );
    }
    if (type.startsWith('Number') && !Number.isFinite(Number(attribute.StringValue))) {
      throw snsErrors.invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    if (type === 'String.Array' && !isJsonArray(attribute.StringValue!)) {
      throw snsErrors.invalidParameterValue(`The message attribute '${name}' with type 'String.Array' has an invalid value: the value must be a JSON array.`);
    }
  }
}

function checkAttributeName(name: string): void {
  // Unverified against AWS: the wording (LocalStack lets an empty name through).
  if (name === '') throw snsErrors.invalidParameterValue('The message attribute name must not be empty.');
  if (name.startsWith('.')) throw snsErrors.invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith('.')) throw snsErrors.invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
  if (!ATTRIBUTE_NAME.test(name)) {
    const bad = [...name].find((c) => !/[A-Za-z0-9_.-]/.test(c))!;
    throw snsErrors.invalidParameterValue(
      `Invalid non-alphanumeric character '#x${bad.codePointAt(0)!.toString(16).toUpperCase()}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
    );
  }
  if (name.includes('..')) throw snsErrors.invalidParameterValue("Message attribute name can not have successive '.' character.");
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

export function publishSize(fields: PublishFields): number {
  let size = Buffer.byteLength(fields.Message ?? '', 'utf8');
  for (const [name, a] of Object.entries(fields.MessageAttributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? '') + (a.BinaryValue?.length ?? Buffer.byteLength(a.StringValue ?? ''));
  }
  return size;
}
