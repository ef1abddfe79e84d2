import type { SqsOperation } from './types.js';

export const cancelMessageMoveTask: SqsOperation<'CancelMessageMoveTask'> = (engine, input) => ({
  ApproximateNumberOfMessagesMoved: engine.cancelMessageMoveTask(input.TaskHandle),
});
