import type { KinesisOperationName, KinesisOperations } from '../../../generated/kinesis.js';
import type { RequestContext } from '../../../protocol/service.js';
import type { KinesisEngine } from '../engine/kinesis-engine.js';

/**
 * A Kinesis operation, typed from the model (src/generated/kinesis.ts): its input as the codecs
 * decoded it, its output as the serializers will write it. A misspelt output member does not compile.
 */
export type KinesisOperation<Op extends KinesisOperationName> = (
  engine: KinesisEngine,
  input: KinesisOperations[Op]['input'],
  ctx: RequestContext,
) => KinesisOperations[Op]['output'] | Promise<KinesisOperations[Op]['output']>;

/** Every operation of the model, each with its handler: a missing or misspelt operation does not compile. */
export type KinesisOperationTable = { [Op in KinesisOperationName]: KinesisOperation<Op> };

export interface StreamTarget {
  StreamName?: string;
  StreamARN?: string;
}
