import { AwsError } from '../../errors.js';
import type { KinesisModelErrorCode } from '../../generated/kinesis.js';
import type { CommonError } from '../../protocol/model/error-table.js';

/**
 * Kinesis errors AWS documents as common errors (not in the model). Kinesis's JSON `__type` is
 * the bare shape name (`ResourceNotFoundException`), so the table's namespace is empty.
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/CommonErrors.html
 */
export const kinesisCommonErrors = [
  { code: 'ValidationException', httpStatus: 400, jsonType: 'ValidationException' },
  // Coral's framework errors: `Message` (capital M), or `__type` alone (kinesalite's recordings).
  { code: 'SerializationException', httpStatus: 400, jsonType: 'SerializationException', messageMember: 'Message' },
  { code: 'UnknownOperationException', httpStatus: 400, jsonType: 'UnknownOperationException', messageMember: 'none' },
  { code: 'InvalidAction', httpStatus: 400, jsonType: 'InvalidAction' },
  { code: 'InternalFailure', httpStatus: 500, senderFault: false, jsonType: 'InternalFailure' },
  // Authentication (--verify-signatures): Kinesis names these errors like a JSON service, all 400.
  { code: 'MissingAuthenticationToken', httpStatus: 400, jsonType: 'MissingAuthenticationTokenException' },
  { code: 'IncompleteSignature', httpStatus: 400, jsonType: 'IncompleteSignatureException' },
  { code: 'InvalidClientTokenId', httpStatus: 400, jsonType: 'UnrecognizedClientException' },
  { code: 'SignatureDoesNotMatch', httpStatus: 400, jsonType: 'InvalidSignatureException' },
] as const satisfies readonly CommonError[];

/** Every code a Kinesis error may carry: the model's error shapes and the common errors above. */
export type KinesisErrorCode = KinesisModelErrorCode | (typeof kinesisCommonErrors)[number]['code'];

/** A Kinesis error; the code must be one Kinesis has, so an invented code does not compile. */
export function kinesisError(code: KinesisErrorCode, message: string): AwsError {
  return new AwsError(code, message);
}

/** Named constructors for the errors Kinesis code throws, with AWS's messages (as kinesalite recorded them). */
export const kinesisErrors = {
  streamNotFound: (name: string, accountId: string) => kinesisError('ResourceNotFoundException', `Stream ${name} under account ${accountId} not found.`),
  streamExists: (name: string, accountId: string) => kinesisError('ResourceInUseException', `Stream ${name} under account ${accountId} already exists.`),
  streamNotActive: (name: string, accountId: string, status: string) =>
    kinesisError('ResourceInUseException', `Stream ${name} under account ${accountId} not ACTIVE, instead in state ${status}`),
  shardNotFound: (shardId: string, name: string, accountId: string) =>
    kinesisError('ResourceNotFoundException', `Could not find shard ${shardId} in stream ${name} under account ${accountId}.`),
  shardDoesNotExist: (shardId: string, name: string, accountId: string) =>
    kinesisError('ResourceNotFoundException', `Shard ${shardId} in stream ${name} under account ${accountId} does not exist`),
  invalidArgument: (message: string) => kinesisError('InvalidArgumentException', message),
  limitExceeded: (message: string) => kinesisError('LimitExceededException', message),
  resourceInUse: (message: string) => kinesisError('ResourceInUseException', message),
  resourceNotFound: (message: string) => kinesisError('ResourceNotFoundException', message),
  throughputExceeded: (message: string) => kinesisError('ProvisionedThroughputExceededException', message),
  // moto's wording (kinesis/exceptions.py StreamCannotBeUpdatedError); code as moto has it.
  onDemandNotScalable: (name: string, accountId: string) =>
    kinesisError('ValidationException', `Request is invalid. Stream ${name} under account ${accountId} is in On-Demand mode.`),
  invalidShardIterator: () => kinesisError('InvalidArgumentException', 'Invalid ShardIterator.'),
};
