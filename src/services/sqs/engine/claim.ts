import { ids } from '../../../ids.js';
import { RECEIVE_ATTEMPT_WINDOW_MS } from '../limits.js';
import type { MessageRow } from '../store/sqs-store.js';
import { expireMessages, type EngineParts } from './queues.js';
import { encodeReceiptHandle } from './receipt-handle.js';
import { toReceivedMessage } from './received-message.js';
import { moveToDeadLetterQueue, redriveDue } from './redrive.js';
import type { Queue, ReceivedMessage, ReceiveOptions } from './types.js';

/** One receive of one message, as remembered for ReceiveRequestAttemptId. */
interface Claim {
  seq: number;
  token: string;
  visibleAtMs: number;
}

/**
 * The atomic claim (inside the caller's transaction): picks what a receive may have now, moves
 * messages that used up their receives to the dead-letter queue instead, and gives each picked
 * message a new receipt token and visibility deadline.
 */
export function claimMessages(parts: EngineParts, queue: Queue, options: ReceiveOptions): ReceivedMessage[] {
  const { store, clock } = parts;
  const now = clock.now();
  expireMessages(store, queue, now);
  const attemptId = queue.settings.fifo ? options.receiveRequestAttemptId : undefined;
  if (attemptId !== undefined) {
    const replay = replayAttempt(parts, queue, attemptId, options);
    if (replay) return replay;
  }
  const visibleAtMs = now + (options.visibilityTimeoutSeconds ?? queue.settings.visibilityTimeout) * 1000;
  const claims: Claim[] = [];
  const claim = (row: MessageRow): MessageRow => {
    const token = ids.receiveToken();
    claims.push({ seq: row.message_seq, token, visibleAtMs });
    return store.markReceived(row.message_seq, token, now, visibleAtMs);
  };
  const claimed = queue.settings.fifo ? claimFifo(parts, queue, options.maxMessages, claim) : claimStandard(parts, queue, options.maxMessages, claim);
  if (attemptId !== undefined && claims.length > 0) {
    store.rememberAttempt(queue.id, attemptId, now, now + RECEIVE_ATTEMPT_WINDOW_MS, JSON.stringify(claims));
  }
  return claimed.map((row) => render(queue, row, options));
}

/**
 * Standard queues: the oldest visible messages first. Messages moved to the dead-letter queue
 * make room for more, so it looks again; a message claimed with VisibilityTimeout 0 is still
 * visible, so the ones this receive took are skipped rather than taken twice.
 */
function claimStandard(parts: EngineParts, queue: Queue, max: number, claim: (row: MessageRow) => MessageRow): MessageRow[] {
  const now = parts.clock.now();
  const claimed: MessageRow[] = [];
  const taken = new Set<number>();
  for (;;) {
    const candidates = parts.store.visibleMessages(queue.id, now, max + taken.size).filter((row) => !taken.has(row.message_seq));
    if (candidates.length === 0) return claimed;
    let moved = false;
    for (const row of candidates) {
      if (claimed.length >= max) return claimed;
      if (redriveDue(queue, row) && moveToDeadLetterQueue(parts, queue, row)) {
        moved = true;
        continue;
      }
      taken.add(row.message_seq);
      claimed.push(claim(row));
    }
    if (claimed.length >= max || !moved) return claimed;
  }
}

/**
 * FIFO queues: only a group with nothing in flight can deliver, oldest message first. As AWS
 * documents, a receive "first attempts to return as many messages with the same message group
 * ID as possible", then fills up from the next available groups, in order within each.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 */
function claimFifo(parts: EngineParts, queue: Queue, max: number, claim: (row: MessageRow) => MessageRow): MessageRow[] {
  const { store, clock } = parts;
  const now = clock.now();
  let heads: MessageRow[];
  for (;;) {
    heads = store.visibleGroupHeads(queue.id, now).filter((head) => !store.groupHasInFlight(queue.id, head.group_id!, now));
    // Moving a head to the dead-letter queue makes the next message of its group the head.
    const moved = heads.filter((head) => redriveDue(queue, head) && moveToDeadLetterQueue(parts, queue, head));
    if (moved.length === 0) break;
  }
  // Heads still due here have no dead-letter queue to go to any more: they are delivered.
  const claimed: MessageRow[] = [];
  for (const head of heads) {
    if (claimed.length >= max) break;
    claimed.push(claim(head));
    for (const next of store.groupMessagesAfter(queue.id, head.group_id!, head.message_seq, max - claimed.length)) {
      if (next.visible_at_ms > now || redriveDue(queue, next)) break;
      claimed.push(claim(next));
    }
  }
  return claimed;
}

/**
 * A retried FIFO receive with the same ReceiveRequestAttemptId gets the same messages and
 * receipt handles, as long as none of them was deleted or had its visibility changed since.
 */
function replayAttempt(parts: EngineParts, queue: Queue, attemptId: string, options: ReceiveOptions): ReceivedMessage[] | undefined {
  const claimsJson = parts.store.findAttempt(queue.id, attemptId, parts.clock.now());
  if (!claimsJson) return undefined;
  const claims = JSON.parse(claimsJson) as Claim[];
  const rows: MessageRow[] = [];
  for (const c of claims) {
    const row = parts.store.findMessage(c.seq);
    if (!row || row.queue_id !== queue.id || row.receive_token !== c.token || row.visible_at_ms !== c.visibleAtMs) return undefined;
    rows.push(row);
  }
  return rows.map((row) => render(queue, row, options));
}

/** A claimed row (its receive_token is the current receive's) as ReceiveMessage returns it. */
function render(queue: Queue, row: MessageRow, options: ReceiveOptions): ReceivedMessage {
  const handle = encodeReceiptHandle({ queueId: queue.id, messageSeq: row.message_seq, token: row.receive_token! });
  return toReceivedMessage(row, handle, options.systemAttributeNames, options.messageAttributeNames);
}
