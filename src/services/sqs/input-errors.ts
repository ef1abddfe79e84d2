import type { AwsError } from '../../errors.js';
import type { ValidationIssue } from '../../protocol/model/issues.js';
import type { WireProtocol } from '../../protocol/service.js';
import { sqsError, sqsErrors } from './errors.js';

/**
 * SQS's wording for what the generic decoder and validator find. The SQS model carries no
 * lengths or patterns, so these are required members, wrong types and enum values; the rest of
 * SQS's checks live in operations/ with their own messages.
 */
export function sqsInputError(issues: ValidationIssue[], protocol: WireProtocol): AwsError {
  const issue = issues[0]!;
  switch (issue.kind) {
    case 'required':
      return sqsErrors.missingParameter(issue.member);
    case 'type':
      // A JSON body of the wrong type fails deserialization before SQS sees it (Coral's
      // SerializationException); a query value is a parameter SQS cannot read.
      // Unverified against AWS: the exact wording of both messages.
      return protocol === 'query'
        ? sqsErrors.invalidParameter(issue.member, issue.value, `must be of type ${issue.expected}.`)
        : sqsError('SerializationException', `Cannot deserialize value of type ${issue.expected} for ${issue.path}.`);
    case 'enum':
      if (issue.shape === 'MessageSystemAttributeNameForSends') {
        return sqsErrors.invalidParameterValue(`Message system attribute name '${issue.value}' is invalid.`);
      }
      return sqsErrors.invalidAttributeName(issue.value);
    default:
      return sqsErrors.invalidParameter(issue.member, String(issue.value), 'The value is out of range.');
  }
}
