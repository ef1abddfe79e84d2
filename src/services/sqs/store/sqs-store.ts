import type { Db } from '../../../store/database.js';

export interface QueueRow {
  queue_id: number;
  account_id: string;
  region: string;
  name: string;
  settings_json: string;
  tags_json: string;
  created_at_ms: number;
  last_modified_at_ms: number;
  last_purged_at_ms: number | null;
  last_sequence_number: number;
}

export interface MessageRow {
  message_seq: number;
  queue_id: number;
  message_id: string;
  body: string;
  md5_of_body: string;
  attributes_json: string | null;
  md5_of_attributes: string | null;
  system_attributes_json: string | null;
  md5_of_system_attributes: string | null;
  group_id: string | null;
  sender_id: string;
  sent_at_ms: number;
  visible_at_ms: number;
  receive_count: number;
  first_received_at_ms: number | null;
  received_at_ms: number | null;
  receive_token: string | null;
  deduplication_id: string | null;
  sequence_number: string | null;
  dead_letter_source_arn: string | null;
}

export type NewMessage = Omit<MessageRow, 'message_seq' | 'receive_count' | 'first_received_at_ms' | 'received_at_ms' | 'receive_token'>;

export interface DeduplicationRow {
  message_id: string;
  sequence_number: string;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

/** Every SQL statement of the SQS engine, prepared once when the store is built. */
export class SqsStore {
  private readonly s;
  private readonly queueCache = new Map<string, QueueRow>();
  private forgetAfterTransaction = false;

  constructor(readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      findQueue: p(`SELECT * FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?`),
      insertQueue: p(`INSERT INTO sqs_queues (account_id, region, name, settings_json, tags_json, created_at_ms, last_modified_at_ms)
                      VALUES (@account_id, @region, @name, @settings_json, @tags_json, @created_at_ms, @last_modified_at_ms) RETURNING *`),
      updateSettings: p(`UPDATE sqs_queues SET settings_json = ?, last_modified_at_ms = ? WHERE queue_id = ?`),
      updateTags: p(`UPDATE sqs_queues SET tags_json = ? WHERE queue_id = ?`),
      markPurged: p(`UPDATE sqs_queues SET last_purged_at_ms = ? WHERE queue_id = ?`),
      deleteQueue: p(`DELETE FROM sqs_queues WHERE queue_id = ?`),
      deleteQueueMessages: p(`DELETE FROM sqs_messages WHERE queue_id = ?`),
      listQueues: p(`SELECT name FROM sqs_queues WHERE account_id = ? AND region = ? AND substr(name, 1, length(?)) = ? AND name > ?
                     ORDER BY name LIMIT ?`),
      rememberDeleted: p(`INSERT OR REPLACE INTO sqs_deleted_queues (account_id, region, name, deleted_at_ms) VALUES (?, ?, ?, ?)`),
      deletedAt: p(`SELECT deleted_at_ms FROM sqs_deleted_queues WHERE account_id = ? AND region = ? AND name = ?`),
      insertMessage: p(`INSERT INTO sqs_messages (queue_id, message_id, body, md5_of_body, attributes_json, md5_of_attributes,
                          system_attributes_json, md5_of_system_attributes, group_id, sender_id, sent_at_ms, visible_at_ms,
                          deduplication_id, sequence_number, dead_letter_source_arn)
                        VALUES (@queue_id, @message_id, @body, @md5_of_body, @attributes_json, @md5_of_attributes,
                          @system_attributes_json, @md5_of_system_attributes, @group_id, @sender_id, @sent_at_ms, @visible_at_ms,
                          @deduplication_id, @sequence_number, @dead_letter_source_arn)`),
      nextSequenceNumber: p(`UPDATE sqs_queues SET last_sequence_number = last_sequence_number + 1 WHERE queue_id = ? RETURNING last_sequence_number`),
      findDeduplication: p(`SELECT message_id, sequence_number FROM sqs_deduplication
                             WHERE queue_id = ? AND scope = ? AND deduplication_id = ? AND expires_at_ms > ?`),
      rememberDeduplication: p(`INSERT OR REPLACE INTO sqs_deduplication (queue_id, scope, deduplication_id, message_id, sequence_number, expires_at_ms)
                                VALUES (?, ?, ?, ?, ?, ?)`),
      forgetExpiredDeduplication: p(`DELETE FROM sqs_deduplication WHERE queue_id = ? AND expires_at_ms <= ?`),
      // The oldest message of every group, found by hopping from group to group along the index.
      visibleGroupHeads: p(`WITH RECURSIVE grp(group_id) AS (
                              SELECT (SELECT min(group_id) FROM sqs_messages WHERE queue_id = @queue_id)
                              UNION ALL
                              SELECT (SELECT min(group_id) FROM sqs_messages WHERE queue_id = @queue_id AND group_id > grp.group_id)
                              FROM grp WHERE grp.group_id IS NOT NULL)
                            SELECT m.* FROM grp JOIN sqs_messages m ON m.message_seq =
                              (SELECT min(message_seq) FROM sqs_messages WHERE queue_id = @queue_id AND group_id = grp.group_id)
                            WHERE m.visible_at_ms <= @now ORDER BY m.message_seq`),
      groupHasInFlight: p(`SELECT 1 FROM sqs_messages WHERE queue_id = ? AND group_id = ? AND visible_at_ms > ? AND receive_count > 0 LIMIT 1`),
      groupMessagesAfter: p(`SELECT * FROM sqs_messages WHERE queue_id = ? AND group_id = ? AND message_seq > ? ORDER BY message_seq LIMIT ?`),
      findAttempt: p(`SELECT claims_json FROM sqs_receive_attempts WHERE queue_id = ? AND attempt_id = ? AND expires_at_ms > ?`),
      rememberAttempt: p(`INSERT OR REPLACE INTO sqs_receive_attempts (queue_id, attempt_id, expires_at_ms, claims_json) VALUES (?, ?, ?, ?)`),
      forgetExpiredAttempts: p(`DELETE FROM sqs_receive_attempts WHERE queue_id = ? AND expires_at_ms <= ?`),
      deadLetterSources: p(`SELECT name FROM sqs_queues WHERE account_id = ? AND region = ?
                              AND json_extract(settings_json, '$.redrivePolicy.deadLetterTargetArn') = ? AND name > ?
                            ORDER BY name LIMIT ?`),
      isDeadLetterTarget: p(`SELECT 1 FROM sqs_queues WHERE json_extract(settings_json, '$.redrivePolicy.deadLetterTargetArn') = ? LIMIT 1`),
      lastMessageSeq: p(`SELECT coalesce(max(message_seq), 0) FROM sqs_messages WHERE queue_id = ?`).pluck(),
      countUpTo: p(`SELECT count(*) FROM sqs_messages WHERE queue_id = ? AND message_seq <= ?`).pluck(),
      oldestUpTo: p(`SELECT * FROM sqs_messages WHERE queue_id = ? AND message_seq <= ? ORDER BY message_seq LIMIT ?`),
      deleteSentBefore: p(`DELETE FROM sqs_messages WHERE queue_id = ? AND sent_at_ms < ?`),
      visibleMessages: p(`SELECT * FROM sqs_messages WHERE queue_id = ? AND visible_at_ms <= ? ORDER BY visible_at_ms, message_seq LIMIT ?`),
      markReceived: p(`UPDATE sqs_messages SET receive_count = receive_count + 1, receive_token = @token, received_at_ms = @now,
                         first_received_at_ms = coalesce(first_received_at_ms, @now), visible_at_ms = @visible_at_ms
                       WHERE message_seq = @seq RETURNING *`),
      findMessage: p(`SELECT * FROM sqs_messages WHERE message_seq = ?`),
      deleteMessage: p(`DELETE FROM sqs_messages WHERE message_seq = ?`),
      setVisibleAt: p(`UPDATE sqs_messages SET visible_at_ms = ? WHERE message_seq = ?`),
      counts: p(`SELECT coalesce(sum(visible_at_ms <= @now), 0) AS visible,
                        coalesce(sum(visible_at_ms > @now AND receive_count > 0), 0) AS inFlight,
                        coalesce(sum(visible_at_ms > @now AND receive_count = 0), 0) AS delayed
                 FROM sqs_messages WHERE queue_id = @queue_id`),
      nextVisibleAt: p(`SELECT min(visible_at_ms) AS at FROM sqs_messages WHERE queue_id = ? AND visible_at_ms > ?`),
      // Inspection (/_wharf/sqs) only reads: messages past retention, which the next receive or
      // GetQueueAttributes would delete, are left out rather than deleted.
      allQueuesWithCounts: p(`SELECT q.*, coalesce(sum(m.visible_at_ms <= @now), 0) AS visible,
                                coalesce(sum(m.visible_at_ms > @now AND m.receive_count > 0), 0) AS inFlight,
                                coalesce(sum(m.visible_at_ms > @now AND m.receive_count = 0), 0) AS delayed
                              FROM sqs_queues q LEFT JOIN sqs_messages m ON m.queue_id = q.queue_id
                                AND m.sent_at_ms > @now - json_extract(q.settings_json, '$.messageRetentionPeriod') * 1000
                              GROUP BY q.queue_id ORDER BY q.account_id, q.region, q.name`),
      retainedCounts: p(`SELECT coalesce(sum(visible_at_ms <= @now), 0) AS visible,
                           coalesce(sum(visible_at_ms > @now AND receive_count > 0), 0) AS inFlight,
                           coalesce(sum(visible_at_ms > @now AND receive_count = 0), 0) AS delayed
                         FROM sqs_messages WHERE queue_id = @queue_id AND sent_at_ms > @retained_after`),
      retainedMessages: p(`SELECT * FROM sqs_messages WHERE queue_id = ? AND sent_at_ms > ? ORDER BY message_seq LIMIT ?`),
    };
  }

  /**
   * The queue row, from memory when it has not changed since it was last read: every request
   * names its queue, and the lookup was a statement per request. The rows are shared, so
   * callers treat them as read-only. The cached row's `last_sequence_number` is not kept up
   * to date: the counter is only ever read through nextSequenceNumber.
   */
  findQueue(accountId: string, region: string, name: string): QueueRow | undefined {
    const key = `${accountId}\u0000${region}\u0000${name}`;
    const cached = this.queueCache.get(key);
    if (cached) return cached;
    const row = this.s.findQueue.get(accountId, region, name) as QueueRow | undefined;
    if (row) this.queueCache.set(key, row);
    return row;
  }

  /**
   * Every write to sqs_queues comes through this store (or the emulator's reset, which calls
   * this too) and forgets the cache. A row read later in the same transaction may be rolled
   * back with it, so the cache is forgotten again once the (synchronous) transaction is over.
   */
  forgetCachedQueues(): void {
    this.queueCache.clear();
    if (this.forgetAfterTransaction) return;
    this.forgetAfterTransaction = true;
    queueMicrotask(() => {
      this.forgetAfterTransaction = false;
      this.queueCache.clear();
    });
  }

  insertQueue(row: Omit<QueueRow, 'queue_id' | 'last_purged_at_ms' | 'last_sequence_number'>): QueueRow {
    this.forgetCachedQueues();
    return this.s.insertQueue.get(row) as QueueRow;
  }

  updateSettings(queueId: number, settingsJson: string, nowMs: number): void {
    this.forgetCachedQueues();
    this.s.updateSettings.run(settingsJson, nowMs, queueId);
  }

  updateTags(queueId: number, tagsJson: string): void {
    this.forgetCachedQueues();
    this.s.updateTags.run(tagsJson, queueId);
  }

  markPurged(queueId: number, nowMs: number): void {
    this.forgetCachedQueues();
    this.s.markPurged.run(nowMs, queueId);
  }

  deleteQueue(queue: QueueRow, nowMs: number): void {
    this.forgetCachedQueues();
    this.s.deleteQueueMessages.run(queue.queue_id);
    this.s.deleteQueue.run(queue.queue_id);
    this.s.rememberDeleted.run(queue.account_id, queue.region, queue.name, nowMs);
  }

  deletedAtMs(accountId: string, region: string, name: string): number | undefined {
    return (this.s.deletedAt.get(accountId, region, name) as { deleted_at_ms: number } | undefined)?.deleted_at_ms;
  }

  listQueueNames(accountId: string, region: string, prefix: string, afterName: string, limit: number): string[] {
    return (this.s.listQueues.all(accountId, region, prefix, prefix, afterName, limit) as { name: string }[]).map((r) => r.name);
  }

  insertMessage(message: NewMessage): number {
    return Number(this.s.insertMessage.run(message).lastInsertRowid);
  }

  nextSequenceNumber(queueId: number): number {
    return (this.s.nextSequenceNumber.get(queueId) as { last_sequence_number: number }).last_sequence_number;
  }

  findDeduplication(queueId: number, scope: string, deduplicationId: string, nowMs: number): DeduplicationRow | undefined {
    return this.s.findDeduplication.get(queueId, scope, deduplicationId, nowMs) as DeduplicationRow | undefined;
  }

  rememberDeduplication(queueId: number, scope: string, deduplicationId: string, row: DeduplicationRow, expiresAtMs: number): void {
    this.s.rememberDeduplication.run(queueId, scope, deduplicationId, row.message_id, row.sequence_number, expiresAtMs);
  }

  forgetExpiredDeduplication(queueId: number, nowMs: number): void {
    this.s.forgetExpiredDeduplication.run(queueId, nowMs);
  }

  /** The oldest message of each message group, if it is visible, oldest first. */
  visibleGroupHeads(queueId: number, nowMs: number): MessageRow[] {
    return this.s.visibleGroupHeads.all({ queue_id: queueId, now: nowMs }) as MessageRow[];
  }

  groupHasInFlight(queueId: number, groupId: string, nowMs: number): boolean {
    return this.s.groupHasInFlight.get(queueId, groupId, nowMs) !== undefined;
  }

  groupMessagesAfter(queueId: number, groupId: string, afterSeq: number, limit: number): MessageRow[] {
    return this.s.groupMessagesAfter.all(queueId, groupId, afterSeq, limit) as MessageRow[];
  }

  findAttempt(queueId: number, attemptId: string, nowMs: number): string | undefined {
    return (this.s.findAttempt.get(queueId, attemptId, nowMs) as { claims_json: string } | undefined)?.claims_json;
  }

  rememberAttempt(queueId: number, attemptId: string, nowMs: number, expiresAtMs: number, claimsJson: string): void {
    this.s.forgetExpiredAttempts.run(queueId, nowMs);
    this.s.rememberAttempt.run(queueId, attemptId, expiresAtMs, claimsJson);
  }

  /** Names of the queues whose RedrivePolicy targets `dlqArn`, in name order after `afterName`. */
  deadLetterSourceNames(accountId: string, region: string, dlqArn: string, afterName: string, limit: number): string[] {
    return (this.s.deadLetterSources.all(accountId, region, dlqArn, afterName, limit) as { name: string }[]).map((r) => r.name);
  }

  isDeadLetterTarget(queueArn: string): boolean {
    return this.s.isDeadLetterTarget.get(queueArn) !== undefined;
  }

  lastMessageSeq(queueId: number): number {
    return this.s.lastMessageSeq.get(queueId) as number;
  }

  countMessagesUpTo(queueId: number, lastSeq: number): number {
    return this.s.countUpTo.get(queueId, lastSeq) as number;
  }

  oldestMessagesUpTo(queueId: number, lastSeq: number, limit: number): MessageRow[] {
    return this.s.oldestUpTo.all(queueId, lastSeq, limit) as MessageRow[];
  }

  deleteMessagesSentBefore(queueId: number, sentBeforeMs: number): void {
    this.s.deleteSentBefore.run(queueId, sentBeforeMs);
  }

  visibleMessages(queueId: number, nowMs: number, limit: number): MessageRow[] {
    return this.s.visibleMessages.all(queueId, nowMs, limit) as MessageRow[];
  }

  markReceived(seq: number, token: string, nowMs: number, visibleAtMs: number): MessageRow {
    return this.s.markReceived.get({ seq, token, now: nowMs, visible_at_ms: visibleAtMs }) as MessageRow;
  }

  findMessage(seq: number): MessageRow | undefined {
    return this.s.findMessage.get(seq) as MessageRow | undefined;
  }

  deleteMessage(seq: number): void {
    this.s.deleteMessage.run(seq);
  }

  setVisibleAt(seq: number, visibleAtMs: number): void {
    this.s.setVisibleAt.run(visibleAtMs, seq);
  }

  counts(queueId: number, nowMs: number): QueueCounts {
    return this.s.counts.get({ queue_id: queueId, now: nowMs }) as QueueCounts;
  }

  /** Every queue of every account and region with its counts, leaving out messages past retention. */
  allQueuesWithCounts(nowMs: number): (QueueRow & QueueCounts)[] {
    return this.s.allQueuesWithCounts.all({ now: nowMs }) as (QueueRow & QueueCounts)[];
  }

  /** Counts of the messages sent after `retainedAfterMs` (those within retention). */
  retainedCounts(queueId: number, nowMs: number, retainedAfterMs: number): QueueCounts {
    return this.s.retainedCounts.get({ queue_id: queueId, now: nowMs, retained_after: retainedAfterMs }) as QueueCounts;
  }

  /** The oldest messages sent after `retainedAfterMs`, in send order. */
  retainedMessages(queueId: number, retainedAfterMs: number, limit: number): MessageRow[] {
    return this.s.retainedMessages.all(queueId, retainedAfterMs, limit) as MessageRow[];
  }

  nextVisibleAtMs(queueId: number, nowMs: number): number | undefined {
    return (this.s.nextVisibleAt.get(queueId, nowMs) as { at: number | null }).at ?? undefined;
  }
}
