import type { SqsOperation } from './types.js';

export const cancelMessageMoveTask: SqsOperation<{ TaskHandle: string }, { ApproximateNumberOfMessagesMoved: number }> = (engine, input) => ({
  ApproximateNumberOfMessagesMoved: engine.cancelMessageMoveTask(input.TaskHandle),
});
