import { AwsError } from '../../../errors.js';
import type { RequestContext } from '../../../protocol/service.js';
import { parseArn } from '../engine/arns.js';
import type { MessageToPublish, PublishAttribute, PublishResult } from '../engine/types.js';
import { snsErrors } from '../errors.js';
import { checkTopicArn, ownerOf, type SnsEngines, type SnsOperation } from './types.js';

/** 256 KiB for the message and its attributes together. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const E164 = /^\+\d{1,15}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

interface PublishFields {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, PublishAttribute>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

interface PublishInput extends PublishFields {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
}

export const publish: SnsOperation<PublishInput, { MessageId: string; SequenceNumber?: string }> = (engines, input, ctx) => {
  if (input.Subject !== undefined) checkSubject(input.Subject);
  if (input.Message === '') throw snsErrors.invalidParameter('Empty message');
  if (input.PhoneNumber !== undefined && !E164.test(input.PhoneNumber)) {
    throw snsErrors.invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
  }
  checkAttributes(input.MessageAttributes ?? {}, undefined);
  if (publishSize(input) > MAX_MESSAGE_BYTES) throw snsErrors.invalidParameter('Message too long');
  const targetArn = input.TopicArn ?? input.TargetArn;
  if (input.PhoneNumber !== undefined) return toOutput(publishToPhone(engines, input, ctx));
  if (targetArn === undefined) throw snsErrors.invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  const parsed = parseArn(targetArn);
  if (parsed?.service === 'sns' && parsed.resource.startsWith('endpoint/')) return toOutput(publishToEndpoint(engines, targetArn, input));
  const topicArn = checkTopicArn(targetArn, ctx, input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn');
  const message = toMessage(engines, topicArn, input);
  return toOutput(engines.sns.publish(topicArn, message, { baseUrl: ctx.baseUrl }));
};

function toOutput(result: PublishResult): { MessageId: string; SequenceNumber?: string } {
  return { MessageId: result.messageId, ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) };
}

/** The FIFO rules and MessageStructure of one message to a topic; the engine's form of it. */
function toMessage(engines: SnsEngines, topicArn: string, fields: PublishFields): MessageToPublish {
  if (topicArn.endsWith('.fifo')) {
    if (fields.MessageGroupId === undefined) throw snsErrors.invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    const topic = engines.sns.getTopic(topicArn);
    if (fields.MessageDeduplicationId === undefined && topic.attributes.ContentBasedDeduplication !== 'true') {
      throw snsErrors.invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
  } else if (fields.MessageDeduplicationId !== undefined) {
    throw snsErrors.invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
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
function parseStructure(message: string, requireDefault: boolean): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw snsErrors.invalidParameter('Message Structure - JSON message body failed to parse');
  const messages = Object.fromEntries(Object.entries(json).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (requireDefault && messages.default === undefined) throw snsErrors.invalidParameter('Message Structure - No default entry in JSON message body');
  return messages;
}

function publishToPhone(engines: SnsEngines, input: PublishInput, ctx: RequestContext): PublishResult {
  const message = input.MessageStructure === 'json' ? parseStructure(input.Message, true).sms ?? parseStructure(input.Message, true).default! : input.Message;
  const messageId = engines.sns.recordDirect(ownerOf(ctx), 'sms', input.PhoneNumber!, {
    message,
    attributes: input.MessageAttributes ? Object.fromEntries(Object.entries(input.MessageAttributes).map(([k, v]) => [k, v.StringValue ?? ''])) : {},
    optedOut: engines.mobile.isOptedOut(ownerOf(ctx), input.PhoneNumber!),
  });
  return { messageId };
}

function publishToEndpoint(engines: SnsEngines, endpointArn: string, input: PublishInput): PublishResult {
  const endpoint = engines.sns.store.findPlatformEndpoint(endpointArn);
  if (!endpoint) throw snsErrors.invalidParameter('TargetArn Reason: No endpoint found for the target arn specified');
  const attributes = JSON.parse(endpoint.attributes_json) as Record<string, string>;
  if (attributes.Enabled?.toLowerCase() !== 'true') throw new AwsError('EndpointDisabledException', 'Endpoint is disabled');
  const platform = /:app\/([^/]+)\//.exec(endpoint.application_arn)?.[1] ?? '';
  // A direct publish may carry only the platform's key (no default).
  const structured = input.MessageStructure === 'json' ? parseStructure(input.Message, false) : undefined;
  const message = structured ? (structured[platform] ?? structured.default) : input.Message;
  if (message === undefined) throw snsErrors.invalidParameter('Message Structure - No default entry in JSON message body');
  const parsed = parseArn(endpointArn)!;
  const messageId = engines.sns.recordDirect({ accountId: parsed.accountId, region: parsed.region }, 'push', endpointArn, {
    platform,
    token: endpoint.token,
    message,
    ...(input.Subject !== undefined ? { subject: input.Subject } : {}),
  });
  return { messageId };
}

// ── PublishBatch ─────────────────────────────────────────────────────────────────────────

interface BatchEntry extends PublishFields {
  Id: string;
}

interface BatchOutput {
  Successful: { Id: string; MessageId: string; SequenceNumber?: string }[];
  Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[];
}

export const publishBatch: SnsOperation<{ TopicArn: string; PublishBatchRequestEntries: BatchEntry[] }, BatchOutput> = (engines, input, ctx) => {
  const entries = input.PublishBatchRequestEntries;
  if (entries.length === 0) throw new AwsError('EmptyBatchRequestException', "The batch request doesn't contain any entries.");
  if (entries.length > 10) throw new AwsError('TooManyEntriesInBatchRequestException', 'The batch request contains more entries than permissible.');
  const topicArn = checkTopicArn(input.TopicArn, ctx);
  engines.sns.getTopic(topicArn);
  if (new Set(entries.map((e) => e.Id)).size !== entries.length) {
    throw new AwsError('BatchEntryIdsNotDistinctException', 'Two or more batch entries in the request have the same Id.');
  }
  for (const entry of entries) {
    if (entry.Id.length > 80) throw new AwsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request is too long: ${entry.Id}`);
    if (!BATCH_ENTRY_ID.test(entry.Id)) {
      throw new AwsError('InvalidBatchEntryIdException', `The Id of a batch entry in the batch request contains an impermissible character: ${entry.Id}`);
    }
  }
  entries.forEach((entry, i) => checkAttributes(entry.MessageAttributes ?? {}, i + 1));
  if (entries.reduce((sum, e) => sum + publishSize(e), 0) > MAX_MESSAGE_BYTES) {
    throw new AwsError('BatchRequestTooLongException', 'The length of all the messages put together is more than the limit.');
  }
  const output: BatchOutput = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      if (entry.Subject !== undefined) checkSubject(entry.Subject);
      if (entry.Message === '') throw snsErrors.invalidParameter('Empty message');
      const result = engines.sns.publish(topicArn, toMessage(engines, topicArn, entry), { baseUrl: ctx.baseUrl });
      output.Successful.push({ Id: entry.Id, MessageId: result.messageId, ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      // An entry's own problem fails that entry only (unverified against AWS: which problems do).
      output.Failed.push({ Id: entry.Id, Code: err.code.replace(/Exception$/, ''), Message: err.message, SenderFault: true });
    }
  }
  return output;
};

// ── Shared checks ────────────────────────────────────────────────────────────────────────

/** Subjects: ASCII, starting with a letter, number or punctuation, no line breaks, up to 100 characters. */
function checkSubject(subject: string): void {
  if (subject === '' || subject.length > 100 || !/^[\x20-\x7e]+$/.test(subject) || /^\s/.test(subject)) throw snsErrors.invalidParameter('Subject');
}

/** AWS's checks of message attributes, recorded by LocalStack. `position` is a batch entry's (1-based). */
function checkAttributes(attributes: Record<string, PublishAttribute>, position: number | undefined): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    if (name.length > 256) throw snsErrors.invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
    checkAttributeName(name);
    const type = attribute.DataType;
    if (type === undefined || type === null) {
      const at = position ? `publishBatchRequestEntries.${position}.member.messageAttributes.${name}.member.dataType` : `messageAttributes.${name}.member.dataType`;
      throw snsErrors.validationError(`1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    }
    if (!/^(String|Number|Binary)(\..+)?$/.test(type)) {
      throw snsErrors.invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const field = type.startsWith('Binary') ? 'Binary' : 'String';
    const value = field === 'Binary' ? attribute.BinaryValue : attribute.StringValue;
    if (attribute.StringValue === undefined && attribute.BinaryValue === undefined) {
      throw snsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    }
    if (value === undefined) throw snsErrors.invalidParameterValue(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    if (value.length === 0) {
      throw snsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
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

function publishSize(fields: PublishFields): number {
  let size = Buffer.byteLength(fields.Message ?? '', 'utf8');
  for (const [name, a] of Object.entries(fields.MessageAttributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? '') + (a.BinaryValue?.length ?? Buffer.byteLength(a.StringValue ?? ''));
  }
  return size;
}
