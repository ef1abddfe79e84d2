import { AwsError } from '../../errors.js';
import type { ValidationIssue } from '../../protocol/model/issues.js';

/** Coral lists at most ten constraint failures in one message. */
const MAX_LISTED = 10;

/**
 * Kinesis's wording for what the generic decoder and validator find, as Coral writes it:
 * a wrong JSON/CBOR type is a SerializationException; constraint failures are one
 * ValidationException: "2 validation errors detected: Value '' at 'streamName' failed to
 * satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; …".
 * Wording from kinesalite's recordings of AWS (validations/index.js).
 */
export function kinesisInputError(issues: ValidationIssue[]): AwsError {
  const typeIssue = issues.find((i) => i.kind === 'type');
  if (typeIssue && typeIssue.kind === 'type') return new AwsError('SerializationException', serializationMessage(typeIssue.expected, typeIssue.value));
  const listed = orderAsCoral(issues).slice(0, MAX_LISTED).map(describe);
  return new AwsError('ValidationException', `${listed.length} validation error${listed.length > 1 ? 's' : ''} detected: ${listed.join('; ')}`);
}

function describe(issue: ValidationIssue): string {
  const at = coralPath(issue.path);
  switch (issue.kind) {
    case 'required':
      return `Value null at '${at}' failed to satisfy constraint: Member must not be null`;
    case 'enum':
      return `Value '${issue.value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${issue.allowed.join(', ')}]`;
    case 'pattern':
      return `Value '${issue.value}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${issue.pattern}`;
    case 'range': {
      const tooSmall = issue.min !== undefined && issue.value < issue.min;
      return `Value '${issue.value}' at '${at}' failed to satisfy constraint: Member must have value ${tooSmall ? `greater than or equal to ${issue.min}` : `less than or equal to ${issue.max}`}`;
    }
    case 'length': {
      const length = lengthOf(issue.value);
      const tooShort = issue.min !== undefined && length < issue.min;
      return `Value '${valueText(issue.value)}' at '${at}' failed to satisfy constraint: Member must have length ${tooShort ? `greater than or equal to ${issue.min}` : `less than or equal to ${issue.max}`}`;
    }
    case 'type':
      return `Value '${String(issue.value)}' at '${at}' failed to satisfy constraint: Member must be of type ${issue.expected}`;
  }
}

/** Within one member Coral reports the pattern before the length (kinesalite's recorded order). */
function orderAsCoral(issues: ValidationIssue[]): ValidationIssue[] {
  const rank = (i: ValidationIssue) => (i.kind === 'pattern' ? 0 : 1);
  return issues.map((issue, index) => ({ issue, index })).sort((a, b) => (a.issue.path === b.issue.path ? rank(a.issue) - rank(b.issue) : a.index - b.index)).map((x) => x.issue);
}

/** `Records.1.PartitionKey` → `records.1.member.partitionKey`, as Coral names members. */
function coralPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) out.push(segment, 'member');
    else out.push(segment.charAt(0).toLowerCase() + segment.slice(1));
  }
  if (out.at(-1) === 'member') out.pop();
  return out.join('.');
}

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Buffer.isBuffer(value) || Array.isArray(value)) return value.length;
  return typeof value === 'object' && value !== null ? Object.keys(value).length : 0;
}

/** How Coral (Java) prints a value: blobs as their ByteBuffer, lists and maps with Java's toString. */
function valueText(value: unknown): string {
  if (Buffer.isBuffer(value)) return `java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]`;
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'object' ? 'com.amazonaws.kinesis.v20131202.Entry' : String(v))).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.entries(value).map(([k, v]) => `${k}=${String(v)}`).join(', ')}}`;
  return String(value);
}

function serializationMessage(expected: string, value: unknown): string {
  if (Array.isArray(value)) return 'Start of list found where not expected';
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return 'Start of structure or map found where not expected.';
  const javaType = { string: 'String', integer: 'Integer', long: 'Long', boolean: 'Boolean', blob: 'a Blob', timestamp: 'milliseconds since epoch', double: 'Double', float: 'Float' }[expected];
  if (javaType === undefined) return expected === 'list' ? 'Expected list or null' : expected === 'map' ? 'Expected map or null' : 'Expected null';
  const source = typeof value === 'number' ? 'com.amazon.coral.value.json.numbers.TruncatingBigNumber' : typeof value === 'boolean' ? 'java.lang.Boolean' : 'java.lang.String';
  const article = javaType.startsWith('a ') || javaType.startsWith('milli') ? '' : 'an ';
  return `class ${source} can not be converted to ${article}${javaType}`;
}
