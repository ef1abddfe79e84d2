import { AwsError } from '../../errors.js';
import type { CommonError } from '../../protocol/model/error-table.js';

/** Lambda errors AWS sends but the model does not list. Lambda's `x-amzn-ErrorType` is the bare shape name. */
export const lambdaCommonErrors: CommonError[] = [
  { code: 'ValidationException', httpStatus: 400, jsonType: 'ValidationException' },
  { code: 'UnknownOperationException', httpStatus: 404, jsonType: 'UnknownOperationException' },
  { code: 'InvalidAction', httpStatus: 400, jsonType: 'InvalidAction' },
  // wharf's own answer for the function operations it does not serve (a 501, as "not implemented").
  { code: 'NotImplemented', httpStatus: 501, senderFault: false, jsonType: 'NotImplemented' },
  { code: 'InternalFailure', httpStatus: 500, senderFault: false, jsonType: 'InternalFailure' },
  { code: 'MissingAuthenticationToken', httpStatus: 403, jsonType: 'MissingAuthenticationTokenException' },
  { code: 'IncompleteSignature', httpStatus: 400, jsonType: 'IncompleteSignatureException' },
  { code: 'InvalidClientTokenId', httpStatus: 403, jsonType: 'UnrecognizedClientException' },
  { code: 'SignatureDoesNotMatch', httpStatus: 403, jsonType: 'InvalidSignatureException' },
];

const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);

/**
 * Named constructors for the errors the Lambda service throws. Messages are AWS's where a
 * recording exists (issue threads quoting AWS, LocalStack's snapshot-tested provider); the
 * others are marked unverified in their tests.
 */
export const lambdaErrors = {
  mappingNotFound: () => new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.'),
  unrecognizedSource: () => invalid('Unrecognized event source.'),
  unsupportedSource: (arn: string) => invalid(`Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : ${arn}`),
  queueNotFound: () =>
    invalid(
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.',
    ),
  streamNotFound: (arn: string) => invalid(`Stream not found: ${arn}`),
  startingPositionMissing: () =>
    invalid("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null."),
  timestampMissing: () => invalid('Need to specify a timestamp'),
  batchWindowRequired: () => invalid('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10'),
  fifoBatchWindow: () => invalid('Batching window is not supported for FIFO queues'),
  fifoBatchSize: () => invalid('Batch size must not exceed 10 for FIFO queues'),
  unsupportedParameter: (name: string) => invalid(`Unsupported ${name} parameter for given event source mapping type.`),
  invalidFilterPattern: () => invalid('Invalid filter pattern definition.'),
  recordAge: () => invalid('MaximumRecordAgeInSeconds must be -1 or between 60 and 604800'),
  sqsMappingExists: (queueArn: string, functionName: string, uuid: string) =>
    new AwsError(
      'ResourceConflictException',
      `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${functionName} ") already exists. Please update or delete the existing mapping with UUID ${uuid}`,
    ),
  streamMappingExists: (streamArn: string, functionName: string, uuid: string) =>
    new AwsError(
      'ResourceConflictException',
      `The event source arn (" ${streamArn} ") and function (" ${functionName} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${uuid}`,
    ),
  notHosted: (operation: string) =>
    new AwsError(
      'NotImplemented',
      `wharf does not host Lambda functions, so ${operation} is not available. wharf serves event source mappings only; their functions run in the test process (startWharf({ functions })) or behind WHARF_LAMBDA_ENDPOINT, which wharf calls with the Invoke API.`,
    ),
};
