import { AwsError } from '../../errors.js';
import { coralValidationMessage } from '../../protocol/model/coral-messages.js';
import type { ValidationIssue } from '../../protocol/model/issues.js';

/**
 * Lambda's wording for what the generic decoder and validator find: Coral's "1 validation error
 * detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater
 * than or equal to 1" as a ValidationException; a body that is not the shape's JSON is an
 * InvalidRequestContentException (Lambda's code for an unreadable request body).
 */
export function lambdaInputError(issues: ValidationIssue[]): AwsError {
  const typeIssue = issues.find((i) => i.kind === 'type');
  if (typeIssue && typeIssue.kind === 'type') {
    return new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${typeIssue.path || 'request body'} is not a valid ${typeIssue.expected}`,
    );
  }
  return new AwsError('ValidationException', coralValidationMessage(issues));
}
