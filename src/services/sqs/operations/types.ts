import type { RequestContext } from '../../../protocol/service.js';
import type { SqsEngine } from '../engine/sqs-engine.js';

/** An SQS operation: model-shaped (PascalCase) input in, model-shaped output out. */
export type SqsOperation<Input, Output = void> = (engine: SqsEngine, input: Input, ctx: RequestContext) => Output | Promise<Output>;

export interface QueueUrlInput {
  QueueUrl: string;
}
