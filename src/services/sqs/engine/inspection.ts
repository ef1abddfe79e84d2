import type { Clock } from '../../../clock.js';
import type { MoveTaskStatus, MoveTaskStore } from '../store/move-task-store.js';
import type { MessageRow, QueueCounts, SqsStore } from '../store/sqs-store.js';
import type { MessageAttribute } from './message-md5.js';
import { allQueueAttributes, findQueue, toQueue } from './queues.js';
import { toReceivedMessage } from './received-message.js';
import type { Queue, QueueKey } from './types.js';

export interface QueueSummary {
  key: QueueKey;
  arn: string;
  fifo: boolean;
  createdAtMs: number;
  counts: QueueCounts;
  deadLetterTargetArn?: string;
}

export interface QueueDetail extends QueueSummary {
  lastModifiedAtMs: number;
  /** As GetQueueAttributes returns them for `All`. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** Queues whose RedrivePolicy names this one, as ListDeadLetterSourceQueues finds them. */
  deadLetterSources: QueueKey[];
  /** Message move tasks from this queue, newest first, as of their last progress tick. */
  moveTasks: MoveTaskView[];
}

export interface MoveTaskView {
  status: MoveTaskStatus;
  destinationArn?: string;
  maxNumberOfMessagesPerSecond?: number;
  moved: number;
  toMove: number;
  startedAtMs: number;
  failureReason?: string;
}

/** visible: a receive could return it now; in-flight: received, hidden until its visibility timeout ends; delayed: never received, hidden until its delay ends. */
export type MessageState = 'visible' | 'in-flight' | 'delayed';

export interface MessageView {
  messageId: string;
  body: string;
  state: MessageState;
  receiveCount: number;
  sentAtMs: number;
  /** When the visibility timeout or delay ends (in the past for a visible message). */
  visibleAtMs: number;
  firstReceivedAtMs?: number;
  messageGroupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** The system attributes ReceiveMessage would return for `All`. */
  attributes: Record<string, string>;
  messageAttributes: Record<string, MessageAttribute>;
  deadLetterSourceArn?: string;
}

const MAX_DEAD_LETTER_SOURCES = 1000;
const MAX_MOVE_TASKS_SHOWN = 10;

/**
 * What the dashboard and /_wharf/sqs show: queues and messages as they stand, read without
 * changing anything — no message is claimed, no receive count moves, nothing expired is swept,
 * no move task advances. Messages past their queue's retention are left out, as AWS would no
 * longer return them.
 */
export class SqsInspection {
  constructor(
    private readonly store: SqsStore,
    private readonly moveTasks: MoveTaskStore,
    private readonly clock: Clock,
  ) {}

  /** Every queue of every account and region, by account, region and name. */
  queues(): QueueSummary[] {
    const now = this.clock.now();
    return this.store.allQueuesWithCounts(now).map((row) => summaryOf(toQueue(row), { visible: row.visible, inFlight: row.inFlight, delayed: row.delayed }));
  }

  exists(key: QueueKey): boolean {
    return this.store.findQueue(key.accountId, key.region, key.name) !== undefined;
  }

  queue(key: QueueKey): QueueDetail | undefined {
    const queue = findQueue(this.store, key);
    if (!queue) return undefined;
    const counts = this.countsOf(queue);
    const sources = this.store.deadLetterSourceNames(key.accountId, key.region, queue.arn, '', MAX_DEAD_LETTER_SOURCES);
    return {
      ...summaryOf(queue, counts),
      lastModifiedAtMs: queue.lastModifiedAtMs,
      attributes: allQueueAttributes(queue, counts),
      tags: queue.tags,
      deadLetterSources: sources.map((name) => ({ accountId: key.accountId, region: key.region, name })),
      moveTasks: this.moveTasks.newestForSource(queue.arn, MAX_MOVE_TASKS_SHOWN).map((task) => ({
        status: task.status,
        ...(task.destination_arn !== null ? { destinationArn: task.destination_arn } : {}),
        ...(task.max_per_second !== null ? { maxNumberOfMessagesPerSecond: task.max_per_second } : {}),
        moved: task.moved,
        toMove: task.to_move,
        startedAtMs: task.started_at_ms,
        ...(task.failure_reason !== null ? { failureReason: task.failure_reason } : {}),
      })),
    };
  }

  /** The queue's oldest `limit` messages in send order, or undefined when there is no such queue. */
  messages(key: QueueKey, limit: number): MessageView[] | undefined {
    const queue = findQueue(this.store, key);
    if (!queue) return undefined;
    const now = this.clock.now();
    return this.store.retainedMessages(queue.id, retainedAfterMs(queue, now), limit).map((row) => messageViewOf(row, now));
  }

  private countsOf(queue: Queue): QueueCounts {
    const now = this.clock.now();
    return this.store.retainedCounts(queue.id, now, retainedAfterMs(queue, now));
  }
}

/** Messages sent at or before this are past retention (the same bound expireMessages deletes by). */
function retainedAfterMs(queue: Queue, nowMs: number): number {
  return nowMs - queue.settings.messageRetentionPeriod * 1000;
}

function summaryOf(queue: Queue, counts: QueueCounts): QueueSummary {
  const summary: QueueSummary = { key: queue.key, arn: queue.arn, fifo: queue.settings.fifo !== undefined, createdAtMs: queue.createdAtMs, counts };
  const target = queue.settings.redrivePolicy?.deadLetterTargetArn;
  if (target !== undefined) summary.deadLetterTargetArn = target;
  return summary;
}

function messageViewOf(row: MessageRow, nowMs: number): MessageView {
  // The same attribute rendering a receive asking for All would give, without the receive.
  const shaped = toReceivedMessage(row, '', ['All'], ['All']);
  const view: MessageView = {
    messageId: row.message_id,
    body: row.body,
    state: row.visible_at_ms <= nowMs ? 'visible' : row.receive_count > 0 ? 'in-flight' : 'delayed',
    receiveCount: row.receive_count,
    sentAtMs: row.sent_at_ms,
    visibleAtMs: row.visible_at_ms,
    attributes: shaped.attributes ?? {},
    messageAttributes: shaped.messageAttributes ?? {},
  };
  if (row.first_received_at_ms !== null) view.firstReceivedAtMs = row.first_received_at_ms;
  if (row.group_id !== null) view.messageGroupId = row.group_id;
  if (row.deduplication_id !== null) view.deduplicationId = row.deduplication_id;
  if (row.sequence_number !== null) view.sequenceNumber = row.sequence_number;
  if (row.dead_letter_source_arn !== null) view.deadLetterSourceArn = row.dead_letter_source_arn;
  return view;
}
