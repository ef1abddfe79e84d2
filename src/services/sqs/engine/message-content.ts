import { sqsError, sqsErrors } from '../errors.js';
import { MAX_MESSAGE_ATTRIBUTES } from '../limits.js';
import type { MessageAttribute } from './message-md5.js';

/**
 * SQS accepts only these characters in bodies and string attribute values:
 * #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
 * A lone surrogate (invalid UTF-16) falls outside them too.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
const FORBIDDEN_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkBodyCharacters(body: string): void {
  const bad = FORBIDDEN_CHARACTER.exec(body);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase();
    throw sqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${code}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].`,
    );
  }
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;

/**
 * Checks message attributes as SQS does: at most 10, names of letters, digits, `_ - .`, not
 * starting with `AWS.`/`Amazon.` and without `..`, a known base type, and a value of that type.
 */
export function checkMessageAttributes(attributes: Record<string, MessageAttribute>): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw sqsErrors.invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`);
  }
  for (const name of names) {
    const attribute = attributes[name]!;
    if (!ATTRIBUTE_NAME.test(name) || name.includes('..') || name.startsWith('.') || name.endsWith('.') || /^(aws\.|amazon\.)/i.test(name)) {
      throw sqsErrors.invalidParameterValue(`Message (user) attribute name '${name}' is invalid.`);
    }
    if (!attribute.DataType) {
      throw sqsErrors.invalidParameterValue(`The message (user) attribute '${name}' must contain a non-empty message attribute type.`);
    }
    const type = DATA_TYPE.exec(attribute.DataType);
    if (!type)
      throw sqsErrors.invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    checkAttributeValue(name, type[1] as 'String' | 'Number' | 'Binary', attribute);
  }
}

function checkAttributeValue(name: string, baseType: 'String' | 'Number' | 'Binary', attribute: MessageAttribute): void {
  if (baseType === 'Binary') {
    if (!attribute.BinaryValue || attribute.BinaryValue.length === 0) {
      throw sqsErrors.invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
    }
    return;
  }
  if (attribute.StringValue === undefined || attribute.StringValue === '') {
    throw sqsErrors.invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${baseType}'.`);
  }
  if (FORBIDDEN_CHARACTER.test(attribute.StringValue)) {
    throw sqsErrors.invalidParameterValue(`Message (user) attribute '${name}' value contains invalid characters.`);
  }
  if (baseType === 'Number' && !isSqsNumber(attribute.StringValue)) {
    throw sqsErrors.invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
}

/** SQS numbers: up to 38 significant digits, exponent within ±128. */
function isSqsNumber(value: string): boolean {
  const match = /^[+-]?(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) return false;
  const digits = `${match[1]}${match[2]}`.replace(/^0+/, '');
  return digits.length <= 38 && Math.abs(Number(match[3] ?? 0)) <= 128;
}

/** Bytes a message counts against MaximumMessageSize: body plus each attribute's name, type and value. */
export function messageSize(body: string, attributes: Record<string, MessageAttribute>): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    size += attribute.BinaryValue ? attribute.BinaryValue.length : Buffer.byteLength(attribute.StringValue ?? '', 'utf8');
  }
  return size;
}
