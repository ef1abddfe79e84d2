import { queueKeyOfArn } from '../../../arn.js';
import { ids } from '../../../ids.js';
import { sqsError, sqsErrors } from '../errors.js';
import type { MoveTaskRow, MoveTaskStore } from '../store/move-task-store.js';
import { findQueue, type EngineParts } from './queues.js';
import { copyMessageInto } from './send.js';
import type { InTransaction } from '../../../store/transaction.js';

export interface StartMoveTask {
  sourceArn: string;
  destinationArn?: string;
  maxNumberOfMessagesPerSecond?: number;
}

/**
 * Message move tasks (StartMessageMoveTask): move the messages a dead-letter queue held when the
 * task started, oldest first, back to their source queues or to a destination, no faster than
 * MaxNumberOfMessagesPerSecond of clock time. Progress is computed from the clock whenever the
 * tasks are looked at, and a ticker on the clock keeps them going between looks.
 */
export class MessageMoveTasks {
  private ticking = false;
  private readonly stopped = new AbortController();

  constructor(
    private readonly parts: EngineParts,
    private readonly tasks: MoveTaskStore,
    private readonly inTransaction: InTransaction,
  ) {
    if (tasks.running().length > 0) void this.tick();
  }

  /** Starts a task (inside the caller's transaction) and returns its TaskHandle. */
  start(request: StartMoveTask): string {
    const { store, clock } = this.parts;
    const sourceKey = queueKeyOfArn(request.sourceArn);
    const source = sourceKey ? findQueue(store, sourceKey) : undefined;
    if (!source) throw sourceNotFound();
    if (!store.isDeadLetterTarget(source.arn)) throw sqsErrors.invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
    if (request.destinationArn !== undefined) {
      const destinationKey = queueKeyOfArn(request.destinationArn);
      if (!destinationKey || !findQueue(store, destinationKey)) {
        throw sqsError('ResourceNotFoundException', "The resource that you specified for the DestinationArn parameter doesn't exist.");
      }
    }
    if (this.tasks.runningForSource(source.arn)) {
      throw sqsErrors.invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
    }
    const lastSeq = store.lastMessageSeq(source.id);
    const task = this.tasks.insert({
      account_id: source.key.accountId,
      region: source.key.region,
      source_arn: source.arn,
      destination_arn: request.destinationArn ?? null,
      max_per_second: request.maxNumberOfMessagesPerSecond ?? null,
      started_at_ms: clock.now(),
      last_message_seq: lastSeq,
      to_move: store.countMessagesUpTo(source.id, lastSeq),
    });
    this.progress(task);
    void this.tick();
    return encodeTaskHandle(task);
  }

  /** The newest tasks of a source first (inside the caller's transaction). */
  list(sourceArn: string, limit: number): MoveTaskRow[] {
    this.advance();
    return this.tasks.newestForSource(sourceArn, limit);
  }

  /** Cancels a running task and returns how many messages it moved. */
  cancel(taskHandle: string): number {
    this.advance();
    // As recorded on AWS: a handle that does not decode, one naming a missing source queue, and
    // one naming no running task each fail differently.
    const handle = decodeTaskHandle(taskHandle);
    if (!handle) throw sqsErrors.invalidParameterValue('Value for parameter TaskHandle is invalid.');
    const sourceKey = queueKeyOfArn(handle.sourceArn);
    if (!sourceKey || !findQueue(this.parts.store, sourceKey)) throw sourceNotFound();
    const task = this.tasks.find(handle.taskId);
    if (!task || task.source_arn !== handle.sourceArn || task.status !== 'RUNNING') throw sqsError('ResourceNotFoundException', 'Task does not exist.');
    this.tasks.update({ ...task, status: 'CANCELLED' });
    return task.moved;
  }

  /** Brings every running task up to the clock (inside the caller's transaction). */
  advance(): void {
    for (const task of this.tasks.running()) this.progress(task);
  }

  close(): void {
    this.stopped.abort();
  }

  private progress(task: MoveTaskRow): void {
    const { store, clock, signals } = this.parts;
    const now = clock.now();
    const sourceKey = queueKeyOfArn(task.source_arn)!;
    const source = findQueue(store, sourceKey);
    // AWS reports a vanished queue by its error code (recorded for a deleted destination).
    if (!source) return this.tasks.update({ ...task, status: 'FAILED', failure_reason: NON_EXISTENT_QUEUE });
    const allowed = task.max_per_second === null ? task.to_move : Math.floor(((now - task.started_at_ms) / 1000) * task.max_per_second);
    let moved = task.moved;
    const quota = Math.min(allowed, task.to_move) - moved;
    if (quota > 0) {
      for (const row of store.oldestMessagesUpTo(source.id, task.last_message_seq, quota)) {
        const destinationArn = task.destination_arn ?? row.dead_letter_source_arn;
        if (!destinationArn) {
          this.tasks.update({ ...task, moved, status: 'FAILED', failure_reason: 'A message has no original source queue; specify a DestinationArn.' });
          return;
        }
        const destinationKey = queueKeyOfArn(destinationArn);
        const destination = destinationKey ? findQueue(store, destinationKey) : undefined;
        if (!destination) {
          this.tasks.update({ ...task, moved, status: 'FAILED', failure_reason: NON_EXISTENT_QUEUE });
          return;
        }
        copyMessageInto(this.parts, destination, row, { message_id: ids.messageId(), sent_at_ms: now, dead_letter_source_arn: null });
        store.deleteMessage(row.message_seq);
        signals.notify(destination.id);
        moved++;
      }
    }
    const done = moved >= task.to_move || store.countMessagesUpTo(source.id, task.last_message_seq) === 0;
    this.tasks.update({ ...task, moved, status: done ? 'COMPLETED' : 'RUNNING' });
  }

  /** While any task runs, advance them once a second of clock time. */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      while (!this.stopped.signal.aborted && this.tasks.running().length > 0) {
        await this.parts.clock.sleep(1000, this.stopped.signal);
        if (!this.stopped.signal.aborted) this.inTransaction(() => this.advance());
      }
    } finally {
      this.ticking = false;
    }
  }
}

export function encodeTaskHandle(task: Pick<MoveTaskRow, 'task_id' | 'source_arn'>): string {
  return Buffer.from(JSON.stringify({ taskId: task.task_id, sourceArn: task.source_arn }), 'utf8').toString('base64');
}

function decodeTaskHandle(handle: string): { taskId: number; sourceArn: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown; sourceArn?: unknown };
    return typeof parsed.taskId === 'number' && typeof parsed.sourceArn === 'string' ? { taskId: parsed.taskId, sourceArn: parsed.sourceArn } : undefined;
  } catch {
    return undefined;
  }
}

const NON_EXISTENT_QUEUE = 'AWS.SimpleQueueService.NonExistentQueue';
const sourceNotFound = () => sqsError('ResourceNotFoundException', "The resource that you specified for the SourceArn parameter doesn't exist.");
