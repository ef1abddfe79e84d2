import { sqsErrors } from '../errors.js';
import { encodeTaskHandle } from '../engine/move-tasks.js';
import { MAX_LIST_MOVE_TASKS_RESULTS } from '../limits.js';
import type { SqsOperation } from './types.js';

/** The newest tasks of a source first (one unless MaxResults says more); a handle only while RUNNING. */
export const listMessageMoveTasks: SqsOperation<'ListMessageMoveTasks'> = (engine, input) => {
  const max = input.MaxResults ?? 1;
  if (max < 1 || max > MAX_LIST_MOVE_TASKS_RESULTS) {
    throw sqsErrors.invalidParameter('MaxResults', max, `Must be between 1 and ${MAX_LIST_MOVE_TASKS_RESULTS}.`);
  }
  const tasks = engine.listMessageMoveTasks(input.SourceArn, max);
  return {
    Results: tasks.map((task) => ({
      TaskHandle: task.status === 'RUNNING' ? encodeTaskHandle(task) : undefined,
      Status: task.status,
      SourceArn: task.source_arn,
      DestinationArn: task.destination_arn ?? undefined,
      MaxNumberOfMessagesPerSecond: task.max_per_second ?? undefined,
      ApproximateNumberOfMessagesMoved: task.moved,
      ApproximateNumberOfMessagesToMove: task.to_move,
      FailureReason: task.failure_reason ?? undefined,
      StartedTimestamp: task.started_at_ms,
    })),
  };
};
