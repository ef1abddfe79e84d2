import { queueArnOf } from '../../../arn.js';
import type { Clock } from '../../../clock.js';
import { sqsErrors } from '../errors.js';
import type { QueueCounts, QueueRow, SqsStore } from '../store/sqs-store.js';
import { formatSettings, type QueueSettings } from './queue-attributes.js';
import type { QueueSignals } from './queue-signals.js';
import type { Queue, QueueKey } from './types.js';

/** What the engine's parts share: the store, the clock and the long-poll signals. */
export interface EngineParts {
  store: SqsStore;
  clock: Clock;
  signals: QueueSignals;
}

export function findQueue(store: SqsStore, key: QueueKey): Queue | undefined {
  const row = store.findQueue(key.accountId, key.region, key.name);
  return row ? toQueue(row) : undefined;
}

export function requireQueueRow(store: SqsStore, key: QueueKey): QueueRow {
  const row = store.findQueue(key.accountId, key.region, key.name);
  if (!row) throw sqsErrors.queueDoesNotExist();
  return row;
}

/** Queues parsed from rows; the store hands out the same row object until the queue changes. */
const parsedQueues = new WeakMap<QueueRow, Queue>();

/** The queue a row describes. Shared between requests while the row is: read-only. */
export function toQueue(row: QueueRow): Queue {
  let queue = parsedQueues.get(row);
  if (!queue) {
    queue = parseQueue(row);
    parsedQueues.set(row, queue);
  }
  return queue;
}

function parseQueue(row: QueueRow): Queue {
  const key = { accountId: row.account_id, region: row.region, name: row.name };
  return {
    id: row.queue_id,
    key,
    arn: queueArnOf(key),
    settings: JSON.parse(row.settings_json) as QueueSettings,
    tags: JSON.parse(row.tags_json) as Record<string, string>,
    createdAtMs: row.created_at_ms,
    lastModifiedAtMs: row.last_modified_at_ms,
    lastPurgedAtMs: row.last_purged_at_ms ?? undefined,
  };
}

/** Deletes messages older than the queue's MessageRetentionPeriod (a moved message keeps its age). */
export function expireMessages(store: SqsStore, queue: Queue, nowMs: number): void {
  store.deleteMessagesSentBefore(queue.id, nowMs - queue.settings.messageRetentionPeriod * 1000 + 1);
}

/** Every attribute GetQueueAttributes returns for `All`, from the queue and its message counts. */
export function allQueueAttributes(queue: Queue, counts: QueueCounts): Record<string, string> {
  return {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAtMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAtMs / 1000)),
    QueueArn: queue.arn,
    ...formatSettings(queue.settings),
  };
}
