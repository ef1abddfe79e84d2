import type { ValidationIssue } from './issues.js';

/** Coral lists at most ten constraint failures in one message. */
const MAX_LISTED = 10;

export interface CoralOptions {
  /** How a value the message quotes is printed (Coral is Java: a service may print blobs, lists and maps as Java does). */
  valueText?: (value: unknown) => string;
}

/**
 * The message of a Coral validation failure, the one AWS's JSON and query services share:
 * "2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member
 * must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '0' at 'shardCount' …".
 * A length or range names the bound that was broken ("less than or equal to 128"), as in
 * kinesalite's recordings of Kinesis and in IAM's and STS's answers. The service wraps it in
 * its own error (Kinesis: ValidationException; SNS: ValidationError).
 */
export function coralValidationMessage(issues: readonly ValidationIssue[], options: CoralOptions = {}): string {
  const valueText = options.valueText ?? String;
  const listed = orderAsCoral(issues)
    .slice(0, MAX_LISTED)
    .map((issue) => describe(issue, valueText));
  return `${listed.length} validation error${listed.length > 1 ? 's' : ''} detected: ${listed.join('; ')}`;
}

function describe(issue: ValidationIssue, valueText: (value: unknown) => string): string {
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
      const tooShort = issue.min !== undefined && lengthOf(issue.value) < issue.min;
      return `Value '${valueText(issue.value)}' at '${at}' failed to satisfy constraint: Member must have length ${tooShort ? `greater than or equal to ${issue.min}` : `less than or equal to ${issue.max}`}`;
    }
    case 'type':
      return `Value '${String(issue.value)}' at '${at}' failed to satisfy constraint: Member must be of type ${issue.expected}`;
  }
}

/** Within one member Coral reports the pattern before the length (kinesalite's recorded order). */
function orderAsCoral(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const rank = (i: ValidationIssue) => (i.kind === 'pattern' ? 0 : 1);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.path === b.issue.path ? rank(a.issue) - rank(b.issue) : a.index - b.index))
    .map((x) => x.issue);
}

/** `Records.1.PartitionKey` → `records.1.member.partitionKey`, as Coral names members; an element itself is `records.1`. */
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
