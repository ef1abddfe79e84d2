import { sqsErrors } from '../errors.js';
import { MAX_MOVE_MESSAGES_PER_SECOND } from '../limits.js';
import type { SqsOperation } from './types.js';

interface StartMessageMoveTaskInput {
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}

export const startMessageMoveTask: SqsOperation<StartMessageMoveTaskInput, { TaskHandle: string }> = (engine, input) => {
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
