import type { ValidationIssue } from '../../protocol/model/issues.js';
import type { WireProtocol } from '../../protocol/service.js';
import { snsErrors } from './errors.js';

/**
 * SNS reports what the model's validator finds in Coral's words, as a ValidationError, e.g.
 * "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must
 * not be null" (recorded against AWS by LocalStack). Member paths are lowerCamelCase, list
 * members are `.member.N`.
 */
export function snsInputError(issues: ValidationIssue[], _protocol: WireProtocol): ReturnType<typeof snsErrors.validationError> {
  const described = issues.map(describe);
  const count = described.length;
  return snsErrors.validationError(`${count} validation error${count === 1 ? '' : 's'} detected: ${described.join('; ')}`);
}

function describe(issue: ValidationIssue): string {
  const path = coralPath(issue.path);
  switch (issue.kind) {
    case 'required':
      return `Value null at '${path}' failed to satisfy constraint: Member must not be null`;
    case 'type':
      return `Value '${String(issue.value)}' at '${path}' failed to satisfy constraint: Member must be of type ${issue.expected}`;
    case 'enum':
      return `Value '${issue.value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${issue.allowed.join(', ')}]`;
    case 'length':
      return `Value '${String(issue.value)}' at '${path}' failed to satisfy constraint: Member must have length ${lengthRule(issue.min, issue.max)}`;
    case 'range':
      return `Value '${issue.value}' at '${path}' failed to satisfy constraint: Member must have value ${lengthRule(issue.min, issue.max)}`;
    case 'pattern':
      return `Value '${issue.value}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${issue.pattern}`;
  }
}

function lengthRule(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}, inclusive`;
  if (min !== undefined) return `greater than or equal to ${min}`;
  return `less than or equal to ${max ?? 0}`;
}

/** Maps whose keys are the caller's names: a key stays as written and its value is `.member`. */
const NAMED_MAPS = new Set(['MessageAttributes']);

function coralPath(path: string): string {
  const parts = path.split('.');
  return parts
    .map((part, i) => {
      // e.g. messageAttributes.<name>.member.dataType, as AWS names it (issue 11).
      if (i > 0 && NAMED_MAPS.has(parts[i - 1]!)) return `${part}.member`;
      return /^\d+$/.test(part) ? `${part}.member` : part.charAt(0).toLowerCase() + part.slice(1);
    })
    .join('.');
}
