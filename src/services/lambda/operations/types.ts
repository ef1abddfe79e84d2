import type { RequestContext } from '../../../protocol/service.js';
import type { LambdaEngine, Owner } from '../engine/lambda-engine.js';

/** A Lambda operation: model-shaped input in, model-shaped output out. */
export type LambdaOperation<Input, Output = void> = (engine: LambdaEngine, input: Input, ctx: RequestContext) => Output | Promise<Output>;

export function ownerOf(ctx: RequestContext): Owner {
  return { accountId: ctx.accountId, region: ctx.region };
}
