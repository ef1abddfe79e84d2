import { AwsError } from '../../errors.js';
import type { CommonError } from '../../protocol/model/error-table.js';

/** SNS errors AWS sends that the model does not list. */
export const snsCommonErrors: CommonError[] = [
  { code: 'ValidationError', httpStatus: 400 },
  { code: 'InvalidAction', httpStatus: 400 },
  { code: 'MissingAction', httpStatus: 400 },
  { code: 'InternalFailure', httpStatus: 500, senderFault: false },
  // Authentication (--verify-signatures), as AWS's common errors.
  { code: 'MissingAuthenticationToken', httpStatus: 403 },
  { code: 'IncompleteSignature', httpStatus: 400 },
  { code: 'InvalidClientTokenId', httpStatus: 403 },
  { code: 'SignatureDoesNotMatch', httpStatus: 403 },
];

/** Named constructors for the errors SNS code throws, with AWS's own messages. */
export const snsErrors = {
  /** "Invalid parameter: <reason>" — SNS's usual wording for a bad request. */
  invalidParameter: (reason: string) => new AwsError('InvalidParameterException', `Invalid parameter: ${reason}`),
  /** ParameterValueInvalid: SNS uses it for message attributes. */
  invalidParameterValue: (message: string) => new AwsError('InvalidParameterValueException', message),
  topicNotFound: () => new AwsError('NotFoundException', 'Topic does not exist'),
  subscriptionNotFound: () => new AwsError('NotFoundException', 'Subscription does not exist'),
  notFound: (message: string) => new AwsError('NotFoundException', message),
  resourceNotFound: () => new AwsError('ResourceNotFoundException', 'Resource does not exist'),
  validationError: (message: string) => new AwsError('ValidationError', message),
  tagLimitExceeded: () => new AwsError('TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded'),
};
