import { queueArnOf } from '../../../arn.js';
import { Countdown, type Clock } from '../../../clock.js';
import { AwsError } from '../../../errors.js';
import { sqsError, sqsErrors } from '../errors.js';
import * as limits from '../limits.js';
import { MoveTaskStore, type MoveTaskRow } from '../store/move-task-store.js';
import type { QueueRow, SqsStore } from '../store/sqs-store.js';
import { claimMessages } from './claim.js';
import { SqsInspection } from './inspection.js';
import { MessageMoveTasks, type StartMoveTask } from './move-tasks.js';
import { addPermissionStatement, removePermissionStatement } from './policy.js';
import { applySettings, DEFAULT_FIFO_SETTINGS, DEFAULT_SETTINGS, firstDifference, parseQueueAttributes, type QueueSettings } from './queue-attributes.js';
import { QueueSignals } from './queue-signals.js';
import { allQueueAttributes, expireMessages, requireQueueRow, toQueue, type EngineParts } from './queues.js';
import { decodeReceiptHandle } from './receipt-handle.js';
import { checkRedriveTarget } from './redrive.js';
import { sendToQueue } from './send.js';
import { deliverFromTopic, type SqsTopicDeliveryPort, type TopicDeliveryOptions, type TopicDeliveryOutcome, type TopicMessage } from './topic-delivery.js';
import type { MessageToSend, Queue, QueueKey, ReceivedMessage, ReceiveOptions, SentMessage } from './types.js';
import { transactionRunner, type InTransaction } from '../../../store/transaction.js';

/**
 * SQS queues, standard and FIFO, with dead-letter queues and message move tasks. Synchronous
 * methods run in one SQLite transaction each and read time only from the clock;
 * receiveMessages is the one async method, because a long poll waits.
 */
export class SqsEngine implements SqsTopicDeliveryPort {
  readonly signals = new QueueSignals();
  /** Read-only views for /_wharf/sqs and the dashboard. */
  readonly inspection: SqsInspection;
  private readonly inTransaction: InTransaction;
  private readonly parts: EngineParts;
  private readonly moveTasks: MessageMoveTasks;

  constructor(
    private readonly store: SqsStore,
    private readonly clock: Clock,
  ) {
    this.inTransaction = transactionRunner(store.db);
    this.parts = { store, clock, signals: this.signals };
    const moveTaskStore = new MoveTaskStore(store.db);
    this.moveTasks = new MessageMoveTasks(this.parts, moveTaskStore, this.inTransaction);
    this.inspection = new SqsInspection(store, moveTaskStore, clock);
  }

  /** Stops background work (move-task ticking) and ends waiting receives. */
  close(): void {
    this.moveTasks.close();
    this.signals.notifyAll();
  }

  // ── Queues ────────────────────────────────────────────────────────────────────────────

  /** Creates the queue (FIFO when its name ends in .fifo), or returns it when it exists with the same requested attributes. */
  createQueue(key: QueueKey, attributes: Record<string, string>, tags: Record<string, string>): Queue {
    const type = key.name.endsWith('.fifo') ? 'fifo' : 'standard';
    const requested = parseQueueAttributes(attributes, type, 'create');
    return this.inTransaction(() => {
      const existing = this.store.findQueue(key.accountId, key.region, key.name);
      if (existing) {
        const queue = toQueue(existing);
        const differs = firstDifference(queue.settings, requested);
        if (differs) throw sqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${differs}`);
        return queue;
      }
      const now = this.clock.now();
      const deletedAt = this.store.deletedAtMs(key.accountId, key.region, key.name);
      if (deletedAt !== undefined && now - deletedAt < limits.QUEUE_DELETE_COOLDOWN_MS) {
        throw sqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
      }
      const defaults: QueueSettings = type === 'fifo' ? { ...DEFAULT_SETTINGS, fifo: DEFAULT_FIFO_SETTINGS } : DEFAULT_SETTINGS;
      const settings = applySettings(defaults, requested);
      checkRedriveTarget(this.parts, key, queueArnOf(key), settings);
      const row = this.store.insertQueue({
        account_id: key.accountId,
        region: key.region,
        name: key.name,
        settings_json: JSON.stringify(settings),
        tags_json: JSON.stringify(tags),
        created_at_ms: now,
        last_modified_at_ms: now,
      });
      return toQueue(row);
    });
  }

  getQueue(key: QueueKey): Queue {
    return toQueue(requireQueueRow(this.store, key));
  }

  deleteQueue(key: QueueKey): void {
    this.inTransaction(() => {
      const row = this.queueRow(key);
      this.store.deleteQueue(row, this.clock.now());
      this.signals.notifyQueue(row.queue_id);
    });
  }

  purgeQueue(key: QueueKey): void {
    this.inTransaction(() => {
      const row = this.queueRow(key);
      const now = this.clock.now();
      if (row.last_purged_at_ms !== null && now - row.last_purged_at_ms < limits.PURGE_COOLDOWN_MS) {
        throw sqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${row.name} is allowed every 60 seconds.`);
      }
      this.store.deleteMessagesSentBefore(row.queue_id, now + 1);
      this.store.markPurged(row.queue_id, now);
    });
  }

  /** Queue names in name order; `afterName` continues a previous page. */
  listQueues(accountId: string, region: string, prefix: string, afterName: string, limit: number): string[] {
    return this.store.listQueueNames(accountId, region, prefix, afterName, limit);
  }

  getQueueAttributes(key: QueueKey, names: readonly string[]): Record<string, string> {
    return this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const now = this.clock.now();
      this.moveTasks.advance();
      expireMessages(this.store, queue, now);
      const all = allQueueAttributes(queue, this.store.counts(queue.id, now));
      if (names.includes('All')) return all;
      const out: Record<string, string> = {};
      // Names are checked against the model's enum before this; a known attribute that is
      // not set (e.g. Policy) is simply absent, as on AWS.
      for (const name of names) if (all[name] !== undefined) out[name] = all[name];
      return out;
    });
  }

  setQueueAttributes(key: QueueKey, attributes: Record<string, string>): void {
    this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const changes = parseQueueAttributes(attributes, queue.settings.fifo ? 'fifo' : 'standard', 'set');
      const settings = applySettings(queue.settings, changes);
      if (changes.redrivePolicy) checkRedriveTarget(this.parts, queue.key, queue.arn, settings);
      this.saveSettings(queue, settings);
    });
  }

  tagQueue(key: QueueKey, tags: Record<string, string>): void {
    this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const next = { ...queue.tags, ...tags };
      if (Object.keys(next).length > limits.MAX_TAGS_PER_QUEUE) {
        throw sqsErrors.invalidParameterValue(`Too many tags added for queue ${key.name}.`);
      }
      this.store.updateTags(queue.id, JSON.stringify(next));
    });
  }

  untagQueue(key: QueueKey, tagKeys: readonly string[]): void {
    this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const next = { ...queue.tags };
      for (const k of tagKeys) delete next[k];
      this.store.updateTags(queue.id, JSON.stringify(next));
    });
  }

  addPermission(key: QueueKey, label: string, accountIds: string[], actions: string[]): void {
    this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const policy = addPermissionStatement(queue.settings.policy, queue.arn, label, accountIds, actions);
      this.saveSettings(queue, { ...queue.settings, policy });
    });
  }

  removePermission(key: QueueKey, label: string): void {
    this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      const { policy: _old, ...rest } = queue.settings;
      const policy = removePermissionStatement(queue.settings.policy, queue.arn, label);
      this.saveSettings(queue, policy === undefined ? rest : { ...rest, policy });
    });
  }

  /** Names of the queues whose RedrivePolicy names this queue, in name order after `afterName`. */
  listDeadLetterSourceQueues(key: QueueKey, afterName: string, limit: number): string[] {
    const queue = this.getQueue(key);
    return this.store.deadLetterSourceNames(key.accountId, key.region, queue.arn, afterName, limit);
  }

  // ── Message move tasks ────────────────────────────────────────────────────────────────

  startMessageMoveTask(request: StartMoveTask): string {
    return this.inTransaction(() => this.moveTasks.start(request));
  }

  listMessageMoveTasks(sourceArn: string, limit: number): MoveTaskRow[] {
    return this.inTransaction(() => this.moveTasks.list(sourceArn, limit));
  }

  cancelMessageMoveTask(taskHandle: string): number {
    return this.inTransaction(() => this.moveTasks.cancel(taskHandle));
  }

  // ── Messages ──────────────────────────────────────────────────────────────────────────

  /** Sends one message: a batch of one. */
  sendMessage(key: QueueKey, message: MessageToSend): SentMessage {
    const [sent] = this.sendMessageBatch(key, [message]);
    if (sent instanceof AwsError) throw sent;
    return sent!;
  }

  /** Sends a batch's entries; each entry's AwsError is returned in its place, not thrown. */
  sendMessageBatch(key: QueueKey, messages: readonly MessageToSend[]): (SentMessage | AwsError)[] {
    let queueId = 0;
    const results = this.inTransaction(() => {
      const queue = toQueue(this.queueRow(key));
      queueId = queue.id;
      return messages.map((message) => {
        try {
          return sendToQueue(this.parts, queue, message);
        } catch (err) {
          if (err instanceof AwsError) return err;
          throw err;
        }
      });
    });
    this.signals.notify(queueId);
    return results;
  }

  /** Delivers a message from an SNS topic (SNS's port into SQS; see topic-delivery.ts). */
  deliverFromTopic(queueArn: string, message: TopicMessage, options: TopicDeliveryOptions): TopicDeliveryOutcome {
    const { outcome, queueId } = this.inTransaction(() => deliverFromTopic(this.parts, queueArn, message, options));
    if (outcome.delivered && queueId !== undefined) this.signals.notify(queueId);
    return outcome;
  }

  /** Receives now, or waits (long poll) until a message is visible or the wait time ends. */
  async receiveMessages(key: QueueKey, options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const queue = this.getQueue(key);
    const waitSeconds = options.waitTimeSeconds ?? queue.settings.receiveMessageWaitTimeSeconds;
    const wait = new Countdown(this.clock, waitSeconds * 1000);
    for (let waited = false; ; waited = true) {
      // A receive whose client left (or a server shutting down) claims nothing: a message
      // must never be hidden by a receive nobody will answer. A queue deleted (or the emulator
      // reset) while the receive waited ends it empty, as the notify in deleteQueue and reset
      // intends, rather than failing a call that began fine.
      const gone = options.signal.aborted || (waited && !this.store.findQueue(key.accountId, key.region, key.name));
      const received = gone ? [] : this.claim(key, queue.id, options);
      const remainingMs = wait.remainingMs();
      if (!gone && received.length === 0 && remainingMs > 0) {
        await this.waitForChange(queue.id, remainingMs, options.signal);
        continue;
      }
      // Leaving, this receive may hold a wake-up another needs: it was woken for a message and
      // more may be left, or it was the waiter whose timer watched for the next message to
      // become visible. The next waiter takes over (see QueueSignals).
      if (waited || received.length > 0) this.signals.notify(queue.id);
      return received;
    }
  }

  private claim(key: QueueKey, queueId: number, options: ReceiveOptions): ReceivedMessage[] {
    try {
      return this.inTransaction(() => {
        this.moveTasks.advance();
        return claimMessages(this.parts, toQueue(this.queueRow(key)), options);
      });
    } catch (err) {
      this.signals.notify(queueId);
      throw err;
    }
  }

  deleteMessage(key: QueueKey, receiptHandle: string): void {
    this.inTransaction(() => {
      const queue = this.queueRow(key);
      const handle = this.parseHandle(queue, receiptHandle);
      const message = this.store.findMessage(handle.messageSeq);
      if (!message || message.queue_id !== queue.queue_id) return; // already gone: a success
      const current = message.receive_token === handle.token;
      // FIFO: a delete outside the handle's visibility window fails (recorded on AWS), since the
      // message may already be with another consumer.
      if (toQueue(queue).settings.fifo && (!current || message.visible_at_ms <= this.clock.now())) {
        throw sqsErrors.invalidParameter('ReceiptHandle', receiptHandle, 'The receipt handle has expired.');
      }
      // Standard: an earlier handle of a message received again since still deletes it, as AWS
      // does in practice (the reference only says it "might not"; issue 11, SQS-DELETE-STALE).
      this.store.deleteMessage(message.message_seq);
      // FIFO: the message's group may deliver its next message now; a long poll waits for that.
      if (toQueue(queue).settings.fifo) this.signals.notify(queue.queue_id);
    });
  }

  changeMessageVisibility(key: QueueKey, receiptHandle: string, visibilityTimeoutSeconds: number): void {
    this.inTransaction(() => {
      const queue = this.queueRow(key);
      const handle = this.parseHandle(queue, receiptHandle);
      const message = this.store.findMessage(handle.messageSeq);
      const now = this.clock.now();
      if (!message || message.queue_id !== queue.queue_id || message.receive_token !== handle.token) {
        throw sqsErrors.invalidParameter('ReceiptHandle', receiptHandle, 'Message does not exist or is not available for visibility timeout change.');
      }
      // A message whose visibility timeout ran out but that nobody received again can still be
      // changed with its handle: AWS answers 200 (LocalStack's recording against AWS shows it).
      // The 12-hour maximum counts from the receive, and extending does not reset it.
      const receivedAt = message.received_at_ms ?? now;
      if (now + visibilityTimeoutSeconds * 1000 - receivedAt > limits.MAX_VISIBILITY_TIMEOUT_SECONDS * 1000) {
        throw sqsErrors.invalidParameter(
          'VisibilityTimeout',
          visibilityTimeoutSeconds,
          `Total VisibilityTimeout for the message is beyond the limit [${limits.MAX_VISIBILITY_TIMEOUT_SECONDS} seconds]`,
        );
      }
      this.store.setVisibleAt(message.message_seq, now + visibilityTimeoutSeconds * 1000);
      // Any change, not only 0: a waiting receive sleeps until the earliest visible time it saw,
      // and a shortened timeout may now come before that.
      this.signals.notify(queue.queue_id);
    });
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────

  /** Sleeps until a send or visibility change on the queue, the next delayed message, or the wait's end. */
  private async waitForChange(queueId: number, remainingMs: number, signal: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const nextVisible = this.store.nextVisibleAtMs(queueId, now);
    const sleepMs = Math.min(remainingMs, nextVisible === undefined ? remainingMs : nextVisible - now);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.race([this.clock.sleep(sleepMs, stop.signal), this.signals.next(queueId, stop.signal)]);
    } finally {
      stop.abort();
      signal.removeEventListener('abort', onAbort);
    }
  }

  private parseHandle(queue: QueueRow, receiptHandle: string) {
    const handle = decodeReceiptHandle(receiptHandle);
    if (!handle || handle.queueId !== queue.queue_id) {
      throw sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    }
    return handle;
  }

  private saveSettings(queue: Queue, settings: QueueSettings): void {
    this.store.updateSettings(queue.id, JSON.stringify(settings), this.clock.now());
  }

  private queueRow(key: QueueKey): QueueRow {
    return requireQueueRow(this.store, key);
  }
}
