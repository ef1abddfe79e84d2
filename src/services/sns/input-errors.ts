import { coralValidationMessage } from '../../protocol/model/coral-messages.js';
import type { ValidationIssue } from '../../protocol/model/issues.js';
import type { WireProtocol } from '../../protocol/service.js';
import { snsErrors } from './errors.js';

/**
 * SNS reports what the model's validator finds in Coral's words, as a ValidationError, e.g.
 * "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must
 * not be null" (recorded against AWS by LocalStack), written by the one Coral writer.
 */
/** Maps whose keys are the caller's names. */
const NAMED_MAPS: ReadonlySet<string> = new Set(['MessageAttributes']);

/** The ValidationError for what the model's validator found. */
export function snsInputError(issues: ValidationIssue[], _protocol: WireProtocol): ReturnType<typeof snsErrors.validationError> {
  // The attribute name stays as written: messageAttributes.<name>.member.dataType, as AWS names it (issue 11).
  return snsErrors.validationError(coralValidationMessage(issues, { namedMaps: NAMED_MAPS }));
}
