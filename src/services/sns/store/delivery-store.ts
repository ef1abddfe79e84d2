import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../store/database.js';

export interface DeliveryRow {
  delivery_id: number;
  topic_arn: string;
  subscription_arn: string;
  protocol: string;
  endpoint: string;
  message_id: string;
  outcome: string;
  reason: string | null;
  attempts: number;
  next_attempt_at_ms: number | null;
  dead_letter_arn: string | null;
  at_ms: number;
}

/** outcome, reason, attempts, next_attempt_at_ms, dead_letter_arn, at_ms: what each outcome sets. */
export type OutcomeColumns = [string, string | null, number, number | null, string | null, number];

/** Which deliveries to read: each filter that is set must hold. */
export interface DeliveryFilter {
  topicArn?: string | undefined;
  subscriptionArn?: string | undefined;
  messageId?: string | undefined;
  outcome?: string | undefined;
}

const FILTER_COLUMNS = { topicArn: 'topic_arn', subscriptionArn: 'subscription_arn', messageId: 'message_id', outcome: 'outcome' } as const;
type FilterName = keyof typeof FILTER_COLUMNS;
const FILTER_NAMES = Object.keys(FILTER_COLUMNS) as FilterName[];

/**
 * Every SQL statement of the SNS delivery log, prepared once (each read once per combination
 * of filters). Positional parameters: the inserts run on every publish.
 */
export class DeliveryStore {
  /** topic_arn, subscription_arn, protocol, endpoint, message_id, then the outcome's columns. */
  readonly insert: Statement<[string, string, string, string, string, ...OutcomeColumns]>;
  readonly update: Statement<[...OutcomeColumns, number]>;
  /** Deletes every row up to an id: row ids only grow, so the rest are the newest. */
  readonly deleteUpTo: Statement<[number]>;
  /** Retries wait in memory: after a restart, a delivery still marked retrying will never be retried. */
  readonly abandonRetries: Statement<[string, number]>;
  private readonly reads = new Map<string, Statement<[Record<string, string | number>], DeliveryRow>>();

  constructor(readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO sns_deliveries (topic_arn, subscription_arn, protocol, endpoint, message_id, outcome, reason, attempts, next_attempt_at_ms, dead_letter_arn, at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE sns_deliveries SET outcome = ?, reason = ?, attempts = ?, next_attempt_at_ms = ?, dead_letter_arn = ?, at_ms = ? WHERE delivery_id = ?`,
    );
    this.deleteUpTo = db.prepare(`DELETE FROM sns_deliveries WHERE delivery_id <= ?`);
    this.abandonRetries = db.prepare(
      `UPDATE sns_deliveries SET outcome = 'failed', reason = coalesce(reason || '; ', '') || ?, next_attempt_at_ms = NULL, at_ms = ? WHERE outcome = 'retrying'`,
    );
  }

  /** The newest deliveries matching `filter`, newest first. */
  find(filter: DeliveryFilter, limit: number): DeliveryRow[] {
    const used = FILTER_NAMES.filter((name) => filter[name] !== undefined);
    const key = used.join(',');
    let statement = this.reads.get(key);
    if (!statement) {
      const where = used.map((name) => `${FILTER_COLUMNS[name]} = @${name}`);
      statement = this.db.prepare(`SELECT * FROM sns_deliveries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY delivery_id DESC LIMIT @limit`);
      this.reads.set(key, statement);
    }
    const params: Record<string, string | number> = { limit };
    for (const name of used) params[name] = filter[name]!;
    return statement.all(params);
  }
}
