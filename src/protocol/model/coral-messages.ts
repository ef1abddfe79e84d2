import type { ValidationIssue } from './issues.js';

/** Coral lists at most ten constraint failures in one message. */
const MAX_LISTED = 10;

/**
 * How AWS's Coral frontends (Kinesis, Lambda) word constraint failures: "2 validation errors
 * detected: Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular
 * expression pattern: [a-zA-Z0-9_.-]+; …". Wording from kinesalite's recordings of AWS.
 */
export function coralValidationMessage(issues: ValidationIssue[], options: CoralPathOptions = {}): string {
  const listed = orderAsCoral(issues)
    .slice(0, MAX_LISTED)
    .map((issue) => describe(issue, options));
  return `${listed.length} validation error${listed.length > 1 ? 's' : ''} detected: ${listed.join('; ')}`;
}

export interface CoralPathOptions {
  /** Map members whose keys are the caller's own names (SNS MessageAttributes): a key is kept as written and its value is `<key>.member`. */
  namedMaps?: ReadonlySet<string>;
}

function describe(issue: ValidationIssue, options: CoralPathOptions): string {
  const at = coralPath(issue.path, options);
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
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.path === b.issue.path ? rank(a.issue) - rank(b.issue) : a.index - b.index))
    .map((x) => x.issue);
}

/** `Records.1.PartitionKey` → `records.1.member.partitionKey`, as Coral names members. */
function coralPath(path: string, { namedMaps }: CoralPathOptions): string {
  const out: string[] = [];
  let previous = '';
  for (const segment of path.split('.')) {
    if (namedMaps?.has(previous)) out.push(segment, 'member');
    else if (/^\d+$/.test(segment)) out.push(segment, 'member');
    else out.push(segment.charAt(0).toLowerCase() + segment.slice(1));
    previous = segment;
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
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ')}}`;
  return String(value);
}
