import { sqsErrors } from '../errors.js';
import { MAX_MOVE_MESSAGES_PER_SECOND } from '../limits.js';
import type { SqsOperation } from './types.js';

export const startMessageMoveTask: SqsOperation<'StartMessageMoveTask'> = (engine, input) => {
  const rate = input.MaxNumberOfMessagesPerSecond;
  if (rate !== undefined && (rate < 1 || rate > MAX_MOVE_MESSAGES_PER_SECOND)) {
    throw sqsErrors.invalidParameter('MaxNumberOfMessagesPerSecond', rate, `Must be between 1 and ${MAX_MOVE_MESSAGES_PER_SECOND}.`);
  }
  const TaskHandle = engine.startMessageMoveTask({
    sourceArn: input.SourceArn,
    ...(input.DestinationArn !== undefined ? { destinationArn: input.DestinationArn } : {}),
    ...(rate !== undefined ? { maxNumberOfMessagesPerSecond: rate } : {}),
  });
  return { TaskHandle };
};
