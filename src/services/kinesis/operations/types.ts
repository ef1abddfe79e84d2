import type { RequestContext } from '../../../protocol/service.js';
import type { KinesisEngine } from '../engine/kinesis-engine.js';

/** A Kinesis operation: model-shaped (PascalCase) input in, model-shaped output out. */
export type KinesisOperation<Input, Output = void> = (engine: KinesisEngine, input: Input, ctx: RequestContext) => Output | Promise<Output>;

export interface StreamTarget {
  StreamName?: string;
  StreamARN?: string;
}
