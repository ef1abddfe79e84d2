import { kinesisError } from './errors.js';
import type { AwsError } from '../../errors.js';
import { coralValidationMessage } from '../../protocol/model/coral-messages.js';
import type { ValidationIssue } from '../../protocol/model/issues.js';

/**
 * Kinesis's wording for what the generic decoder and validator find, as Coral writes it:
 * a wrong JSON/CBOR type is a SerializationException; constraint failures are one
 * ValidationException: "2 validation errors detected: Value '' at 'streamName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; …".
 * Wording from kinesalite's recordings of AWS (validations/index.js).
 */
export function kinesisInputError(issues: ValidationIssue[]): AwsError {
  const typeIssue = issues.find((i) => i.kind === 'type');
  if (typeIssue && typeIssue.kind === 'type') return kinesisError('SerializationException', serializationMessage(typeIssue.expected, typeIssue.value));
  return kinesisError('ValidationException', coralValidationMessage(issues));
}

function serializationMessage(expected: string, value: unknown): string {
  if (Array.isArray(value)) return 'Start of list found where not expected';
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return 'Start of structure or map found where not expected.';
  const javaType = {
    string: 'String',
    integer: 'Integer',
    long: 'Long',
    boolean: 'Boolean',
    blob: 'a Blob',
    timestamp: 'milliseconds since epoch',
    double: 'Double',
    float: 'Float',
  }[expected];
  if (javaType === undefined) return expected === 'list' ? 'Expected list or null' : expected === 'map' ? 'Expected map or null' : 'Expected null';
  const source =
    typeof value === 'number'
      ? 'com.amazon.coral.value.json.numbers.TruncatingBigNumber'
      : typeof value === 'boolean'
        ? 'java.lang.Boolean'
        : 'java.lang.String';
  const article = javaType.startsWith('a ') || javaType.startsWith('milli') ? '' : 'an ';
  return `class ${source} can not be converted to ${article}${javaType}`;
}
