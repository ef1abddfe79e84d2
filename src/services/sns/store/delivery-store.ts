import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../store/database.js';

export interface DeliveryRow {
  delivery_id: number;
  account_id: string;
  region: string;
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

/** The columns of one outcome, as inserted or updated. */
export interface OutcomeColumns {
  outcome: string;
  reason: string | null;
  attempts: number;
  next_attempt_at_ms: number | null;
  dead_letter_arn: string | null;
  at_ms: number;
}

export type NewDeliveryRow = Omit<DeliveryRow, 'delivery_id'>;

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

/** Every SQL statement of the SNS delivery log, prepared once (the filtered reads once per combination of filters). */
export class DeliveryStore {
  readonly insert: Statement<[NewDeliveryRow], { delivery_id: number }>;
  readonly update: Statement<[OutcomeColumns & { delivery_id: number }]>;
  /** Deletes an account and region's rows older than its newest `keep`. */
  readonly prune: Statement<[{ account_id: string; region: string; keep: number }]>;
  /** Retries wait in memory: after a restart, a delivery still marked retrying will never be retried. */
  readonly abandonRetries: Statement<[{ reason: string; at_ms: number }]>;
  private readonly reads = new Map<string, Statement<[Record<string, string | number>], DeliveryRow>>();

  constructor(readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO sns_deliveries (account_id, region, topic_arn, subscription_arn, protocol, endpoint, message_id, outcome, reason, attempts, next_attempt_at_ms, dead_letter_arn, at_ms)
       VALUES (@account_id, @region, @topic_arn, @subscription_arn, @protocol, @endpoint, @message_id, @outcome, @reason, @attempts, @next_attempt_at_ms, @dead_letter_arn, @at_ms)
       RETURNING delivery_id`,
    );
    this.update = db.prepare(
      `UPDATE sns_deliveries SET outcome = @outcome, reason = @reason, attempts = @attempts, next_attempt_at_ms = @next_attempt_at_ms, dead_letter_arn = @dead_letter_arn, at_ms = @at_ms
       WHERE delivery_id = @delivery_id`,
    );
    this.prune = db.prepare(
      `DELETE FROM sns_deliveries WHERE account_id = @account_id AND region = @region AND delivery_id <= (
         SELECT delivery_id FROM sns_deliveries WHERE account_id = @account_id AND region = @region ORDER BY delivery_id DESC LIMIT 1 OFFSET @keep)`,
    );
    this.abandonRetries = db.prepare(
      `UPDATE sns_deliveries SET outcome = 'failed', reason = coalesce(reason || '; ', '') || @reason, next_attempt_at_ms = NULL, at_ms = @at_ms WHERE outcome = 'retrying'`,
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
