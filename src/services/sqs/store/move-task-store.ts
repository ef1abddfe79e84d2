import type { Db } from '../../../store/database.js';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTaskRow {
  task_id: number;
  account_id: string;
  region: string;
  source_arn: string;
  destination_arn: string | null;
  max_per_second: number | null;
  status: MoveTaskStatus;
  started_at_ms: number;
  last_message_seq: number;
  moved: number;
  to_move: number;
  failure_reason: string | null;
}

/** Every SQL statement of message move tasks, prepared once. */
export class MoveTaskStore {
  private readonly s;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(`INSERT INTO sqs_move_tasks (account_id, region, source_arn, destination_arn, max_per_second, status, started_at_ms, last_message_seq, to_move)
                 VALUES (@account_id, @region, @source_arn, @destination_arn, @max_per_second, 'RUNNING', @started_at_ms, @last_message_seq, @to_move)
                 RETURNING *`),
      find: p(`SELECT * FROM sqs_move_tasks WHERE task_id = ?`),
      running: p(`SELECT * FROM sqs_move_tasks WHERE status = 'RUNNING' ORDER BY task_id`),
      runningForSource: p(`SELECT * FROM sqs_move_tasks WHERE source_arn = ? AND status = 'RUNNING' LIMIT 1`),
      newestForSource: p(`SELECT * FROM sqs_move_tasks WHERE source_arn = ? ORDER BY task_id DESC LIMIT ?`),
      update: p(`UPDATE sqs_move_tasks SET moved = @moved, status = @status, failure_reason = @failure_reason WHERE task_id = @task_id`),
    };
  }

  insert(row: Omit<MoveTaskRow, 'task_id' | 'status' | 'moved' | 'failure_reason'>): MoveTaskRow {
    return this.s.insert.get(row) as MoveTaskRow;
  }

  find(taskId: number): MoveTaskRow | undefined {
    return this.s.find.get(taskId) as MoveTaskRow | undefined;
  }

  running(): MoveTaskRow[] {
    return this.s.running.all() as MoveTaskRow[];
  }

  runningForSource(sourceArn: string): MoveTaskRow | undefined {
    return this.s.runningForSource.get(sourceArn) as MoveTaskRow | undefined;
  }

  newestForSource(sourceArn: string, limit: number): MoveTaskRow[] {
    return this.s.newestForSource.all(sourceArn, limit) as MoveTaskRow[];
  }

  update(row: Pick<MoveTaskRow, 'task_id' | 'moved' | 'status' | 'failure_reason'>): void {
    this.s.update.run(row);
  }
}
