import type { SqsOperationName, SqsOperations } from '../../../generated/sqs.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { SqsEngine } from '../engine/sqs-engine.js';

/**
 * An SQS operation, typed from the model (src/generated/sqs.ts): its input as the codecs decoded
 * it, its output as the serializers will write it. A misspelt output member does not compile.
 */
export type SqsOperation<Op extends SqsOperationName> = (
  engine: SqsEngine,
  input: SqsOperations[Op]['input'],
  ctx: RequestContext,
) => SqsOperations[Op]['output'] | Promise<SqsOperations[Op]['output']>;

/** Every operation of the model, each with its handler: a missing or misspelt operation does not compile. */
export type SqsOperationTable = { [Op in SqsOperationName]: SqsOperation<Op> };

export interface QueueUrlInput {
  QueueUrl: string;
}
