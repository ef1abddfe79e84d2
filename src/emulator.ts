import { SystemClock, type Clock } from './clock.js';
import type { ServiceDefinition } from './protocol/service.js';
import { KinesisEngine } from './services/kinesis/engine/kinesis-engine.js';
import type { KinesisOptions } from './services/kinesis/engine/types.js';
import { kinesisService } from './services/kinesis/index.js';
import { KinesisStore } from './services/kinesis/store/kinesis-store.js';
import { SqsEngine } from './services/sqs/engine/sqs-engine.js';
import { sqsService } from './services/sqs/index.js';
import { SqsStore } from './services/sqs/store/sqs-store.js';
import { openDatabase, type Db } from './store/database.js';

export interface EmulatorOptions {
  /** Directory for wharf.db; undefined keeps all state in memory. */
  dataDir?: string;
  clock?: Clock;
  kinesis?: Partial<KinesisOptions>;
}

/**
 * The composition root: one database, one clock, the engines over them, and the services the
 * protocol layer routes to. Knows nothing of HTTP, so tests can drive the engines directly.
 */
export class Emulator {
  readonly clock: Clock;
  readonly sqs: SqsEngine;
  readonly kinesis: KinesisEngine;
  readonly services: readonly ServiceDefinition[];
  private readonly db: Db;
  /** Aborted on close, so waiting long polls return (empty) instead of holding shutdown. */
  private readonly closing = new AbortController();

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.db = openDatabase(options.dataDir);
    this.sqs = new SqsEngine(new SqsStore(this.db), this.clock);
    this.kinesis = new KinesisEngine(new KinesisStore(this.db), this.clock, options.kinesis);
    this.services = [sqsService(this.sqs), kinesisService(this.kinesis)];
  }

  get closingSignal(): AbortSignal {
    return this.closing.signal;
  }

  /** Drops all state. Every table's rows go; child tables cascade from their parents. */
  reset(): void {
    const tables = this.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    this.db.transaction(() => {
      for (const table of tables) this.db.exec(`DELETE FROM "${table}"`);
    })();
    this.sqs.signals.notifyAll();
    this.kinesis.records.signals.notifyAll();
  }

  /** Ends every waiting receive (they return empty); new ones return at once. */
  stopWaiting(): void {
    this.closing.abort();
    this.sqs.signals.notifyAll();
    this.kinesis.records.signals.notifyAll();
  }

  close(): void {
    this.stopWaiting();
    if (this.db.open) this.db.close();
  }
}
