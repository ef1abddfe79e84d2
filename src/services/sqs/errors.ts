import { AwsError } from '../../errors.js';
import type { SqsModelErrorCode } from '../../generated/sqs.js';
import type { CommonError } from '../../protocol/model/error-table.js';

/**
 * SQS errors that AWS documents as common errors (not in the model), with their wire forms.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 */
export const sqsCommonErrors = [
  // AWS names these two differently in JSON `__type` than in the query code (x-amzn-query-error).
  { code: 'InvalidParameterValue', httpStatus: 400, jsonType: 'com.amazon.coral.service#InvalidParameterValueException' },
  { code: 'MissingParameter', httpStatus: 400, jsonType: 'com.amazon.coral.service#MissingRequiredParameterException' },
  { code: 'InvalidAction', httpStatus: 400 },
  { code: 'MissingAction', httpStatus: 400 },
  { code: 'InvalidQueryParameter', httpStatus: 400 },
  { code: 'UnknownOperationException', httpStatus: 400, jsonType: 'com.amazon.coral.service#UnknownOperationException' },
  { code: 'SerializationException', httpStatus: 400, jsonType: 'com.amazon.coral.service#SerializationException' },
  { code: 'InternalFailure', httpStatus: 500, senderFault: false },
  // Authentication (--verify-signatures). The query codes and statuses are AWS's; the JSON
  // `__type`s follow coral's names for them (unverified for SQS: SDKs read the query code).
  { code: 'MissingAuthenticationToken', httpStatus: 403, jsonType: 'com.amazon.coral.service#MissingAuthenticationTokenException' },
  { code: 'IncompleteSignature', httpStatus: 400, jsonType: 'com.amazon.coral.service#IncompleteSignatureException' },
  { code: 'InvalidClientTokenId', httpStatus: 403, jsonType: 'com.amazon.coral.service#UnrecognizedClientException' },
  { code: 'SignatureDoesNotMatch', httpStatus: 403, jsonType: 'com.amazon.coral.service#InvalidSignatureException' },
  // SendMessageBatch's answer to an empty MessageBody in an entry.
  { code: 'EmptyValue', httpStatus: 400 },
] as const satisfies readonly CommonError[];

/** Every code an SQS error may carry: the model's error shapes and the common errors above. */
export type SqsErrorCode = SqsModelErrorCode | (typeof sqsCommonErrors)[number]['code'];

/** An SQS error; the code must be one SQS has, so an invented code does not compile. */
export function sqsError(code: SqsErrorCode, message: string): AwsError {
  return new AwsError(code, message);
}

/** Named constructors for the errors SQS code throws, with AWS's own messages. */
export const sqsErrors = {
  queueDoesNotExist: () => sqsError('QueueDoesNotExist', 'The specified queue does not exist.'),
  invalidParameterValue: (message: string) => sqsError('InvalidParameterValue', message),
  /** "Value X for parameter Y is invalid. Reason: Z." — SQS's usual wording. */
  invalidParameter: (parameter: string, value: unknown, reason: string) =>
    sqsError('InvalidParameterValue', `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`),
  missingParameter: (parameter: string) => sqsError('MissingParameter', `The request must contain the parameter ${parameter}.`),
  invalidAttributeName: (name: string) => sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string) => sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`),
  invalidAttributeValueBecause: (name: string, reason: string) =>
    sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}. Reason: ${reason}`),
  unsupported: (message: string) => sqsError('UnsupportedOperation', message),
};
